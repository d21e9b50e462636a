// The layout the engine draws itself (boxes, rules, labels, grids), in light grey under the field boxes, so a
// template without a background PDF still shows its paper. An SVG in millimetres: it scales with the zoom for free.
import { placeGridCells, type DraftTemplate } from '../../field-types';

const PT_TO_MM = 25.4 / 72;

type Item = NonNullable<DraftTemplate['layout']>[number];

function anchorOf(align: string | undefined): 'start' | 'middle' | 'end' {
  return align === 'center' ? 'middle' : align === 'right' ? 'end' : 'start';
}

function Label(props: { rect: readonly number[]; text: string; size: number; align: string | undefined; valign: string | undefined }) {
  const [x, y, w, h] = props.rect as [number, number, number, number];
  const size = props.size * PT_TO_MM;
  const lines = props.text.split('\n');
  const tx = props.align === 'center' ? x + w / 2 : props.align === 'right' ? x + w - 1 : x + 1;
  const blockH = lines.length * size * 1.2;
  const top = props.valign === 'top' ? y + 0.5 : props.valign === 'bottom' ? y + h - blockH - 0.5 : y + (h - blockH) / 2;
  return (
    <text x={tx} y={top} fontSize={size} textAnchor={anchorOf(props.align)} dominantBaseline="hanging">
      {lines.map((line, i) => (
        <tspan key={i} x={tx} dy={i === 0 ? 0 : size * 1.2}>
          {line}
        </tspan>
      ))}
    </text>
  );
}

export function LayoutDrawing({ doc, page, widthMm, heightMm }: { doc: DraftTemplate; page: number; widthMm: number; heightMm: number }) {
  const layout = (doc.layout ?? []) as Item[];
  const onPage = layout.filter((i) => (i.page ?? 1) === page);
  if (onPage.length === 0) return null;
  // The draft is the JSON as written: a grid without "page" is on page 1.
  const cells = placeGridCells(layout as never).cells.filter((c) => (c.page ?? 1) === page);
  return (
    <svg className="designer-layout" viewBox={`0 0 ${widthMm} ${heightMm}`} aria-hidden="true" preserveAspectRatio="none">
      {onPage.map((item, i) => {
        switch (item.kind) {
          case 'box':
            return <rect key={i} x={item.at[0]} y={item.at[1]} width={item.at[2]} height={item.at[3]} fill={item.fill ?? 'none'} strokeWidth={item.line ?? 0.3} />;
          case 'rule':
            return <line key={i} x1={item.from[0]} y1={item.from[1]} x2={item.to[0]} y2={item.to[1]} strokeWidth={item.line ?? 0.3} strokeDasharray={item.dashed ? '1 1' : undefined} />;
          case 'label': {
            const rect = typeof item.at === 'string' ? cells.find((c) => c.cell.id === item.at)?.rect : item.at;
            return rect ? <Label key={i} rect={rect} text={item.text} size={item.size ?? 9} align={item.align ?? 'left'} valign={item.valign} /> : null;
          }
          case 'grid':
            return null;
        }
      })}
      {cells.map((c, i) => (
        <g key={`c${i}`}>
          {c.cell.fill && <rect x={c.rect[0]} y={c.rect[1]} width={c.rect[2]} height={c.rect[3]} fill={c.cell.fill} stroke="none" />}
          {c.cell.border !== false && <rect x={c.rect[0]} y={c.rect[1]} width={c.rect[2]} height={c.rect[3]} fill="none" strokeWidth={0.3} />}
          {c.cell.label && <Label rect={c.rect} text={c.cell.label} size={c.cell.size ?? 9} align={c.cell.align ?? 'center'} valign={c.cell.valign} />}
        </g>
      ))}
    </svg>
  );
}
