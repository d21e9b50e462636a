// A signature drawn with a finger. The answer is a PNG data URL (transparent, so the form's lines show through).
import { useEffect, useRef, type PointerEvent, type ReactNode } from 'react';
import type { KioskInputProps } from '../kiosk-input';

export function SignaturePad(props: { label: string; clearLabel: ReactNode; onSigned(pngDataUrl: string | null): void }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const inked = useRef(false);

  useEffect(() => {
    const c = canvas.current;
    if (!c) return;
    // Back the canvas at device pixels so strokes stay sharp on the kiosk's panel.
    const scale = window.devicePixelRatio || 1;
    c.width = c.clientWidth * scale;
    c.height = c.clientHeight * scale;
    const ctx = c.getContext('2d');
    if (ctx) {
      ctx.scale(scale, scale);
      ctx.lineWidth = 4;
      ctx.lineCap = 'round';
      ctx.lineJoin = 'round';
      ctx.strokeStyle = '#111';
    }
  }, []);

  const point = (e: PointerEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top] as const;
  };
  const clear = () => {
    const c = canvas.current;
    c?.getContext('2d')?.clearRect(0, 0, c.width, c.height);
    inked.current = false;
    props.onSigned(null);
  };
  return (
    <div className="signature">
      <canvas
        ref={canvas}
        className="signature-pad"
        role="img"
        aria-label={props.label}
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          const ctx = e.currentTarget.getContext('2d');
          const [x, y] = point(e);
          ctx?.beginPath();
          ctx?.moveTo(x, y);
          drawing.current = true;
        }}
        onPointerMove={(e) => {
          if (!drawing.current) return;
          const ctx = e.currentTarget.getContext('2d');
          const [x, y] = point(e);
          ctx?.lineTo(x, y);
          ctx?.stroke();
          inked.current = true;
        }}
        onPointerUp={(e) => {
          drawing.current = false;
          if (inked.current) props.onSigned(e.currentTarget.toDataURL('image/png'));
        }}
      />
      <button type="button" className="btn btn-secondary" onClick={clear}>
        {props.clearLabel}
      </button>
    </div>
  );
}

export function SignatureInput(props: KioskInputProps) {
  return <SignaturePad label={props.localize(props.question.label)} clearLabel={props.word('clear')} onSigned={(png) => props.onChange(png)} />;
}
