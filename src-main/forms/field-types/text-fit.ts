// Fitting text into a box: the largest size at which the text (on one line, or wrapped) fits, down to any size
// needed — nothing ever overflows. Pure: widths come from a measuring function, so it runs anywhere.

export type MeasureAtOnePoint = (text: string) => number;

export type FitRequest = {
  text: string;
  /** Box size in points. */
  width: number;
  height: number;
  fontSize: number;
  wrap: boolean;
  /** Line pitch as a multiple of the font size. */
  lineHeight?: number;
};

export type FittedText = { fontSize: number; lines: string[] };

// Characters that must not start a line (行頭禁則) and must not end one (行末禁則), per JIS X 4051's core set.
const noLineStart = new Set([...'、。，．,.)）」』】〕〉》]｝}・：；:;!?！？ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々ゝゞヽヾ']);
const noLineEnd = new Set([...'(（「『【〔〈《[｛{']);

/** Code points with a variation selector kept on the character it modifies, so a wrap never splits them. */
export function graphemes(text: string): string[] {
  const out: string[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const isSelector = (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef);
    if (isSelector && out.length > 0) out[out.length - 1] += ch;
    else out.push(ch);
  }
  return out;
}

export function fitText(req: FitRequest, measure: MeasureAtOnePoint): FittedText {
  const lineHeight = req.lineHeight ?? 1.2;
  const paragraphs = req.wrap ? req.text.split(/\r?\n/) : [req.text.replace(/\s*\r?\n\s*/g, ' ')];
  if (!req.wrap || paragraphs.length === 0) {
    const width1 = measure(paragraphs[0] ?? '');
    const size = Math.min(req.fontSize, req.height, width1 > 0 ? req.width / width1 : req.fontSize);
    return { fontSize: floorTo(size), lines: [paragraphs[0] ?? ''] };
  }
  // Wrapping: try sizes from the preferred one downwards; widths scale linearly, so wrap at one point in a box
  // width / size wide.
  for (let size = req.fontSize; size > 0.5; size = size > 4 ? size - 0.25 : size * 0.9) {
    const lines = paragraphs.flatMap((p) => wrapParagraph(p, req.width / size, measure));
    if (lines.length * size * lineHeight <= req.height + 1e-6 || (lines.length === 1 && size <= req.height)) {
      const widest = Math.max(...lines.map(measure));
      if (widest * size <= req.width + 1e-6) return { fontSize: floorTo(size), lines };
    }
  }
  return { fontSize: 0.5, lines: paragraphs };
}

function floorTo(size: number): number {
  return Math.floor(size * 100) / 100;
}

/** Greedy line breaking at one point size; keeps Latin words whole when they fit, applies basic 禁則. */
export function wrapParagraph(text: string, widthAtOne: number, measure: MeasureAtOnePoint): string[] {
  const units = graphemes(text);
  const lines: string[] = [];
  let line: string[] = [];
  for (let i = 0; i < units.length; i++) {
    const unit = units[i]!;
    const candidate = [...line, unit].join('');
    if (line.length === 0 || measure(candidate) <= widthAtOne) {
      line.push(unit);
      continue;
    }
    let carry: string[] = [unit];
    // Move back a Latin word, a line-start-forbidden char, or a dangling opening bracket to the next line.
    const wordStart = latinWordStart(line);
    if (wordStart > 0 && /[A-Za-z0-9]/.test(unit)) {
      carry = [...line.slice(wordStart), unit];
      line = line.slice(0, wordStart);
    } else if (noLineStart.has(unit) && line.length > 1) {
      carry = [line[line.length - 1]!, unit];
      line = line.slice(0, -1);
    }
    while (line.length > 1 && noLineEnd.has(line[line.length - 1]!)) {
      carry.unshift(line[line.length - 1]!);
      line = line.slice(0, -1);
    }
    lines.push(line.join('').trimEnd());
    line = carry;
    if (line[0] === ' ') line = line.slice(1);
    // A carried piece wider than the line (a long word) is broken anywhere.
    while (line.length > 1 && measure(line.join('')) > widthAtOne) {
      let cut = line.length - 1;
      while (cut > 1 && measure(line.slice(0, cut).join('')) > widthAtOne) cut--;
      lines.push(line.slice(0, cut).join(''));
      line = line.slice(cut);
    }
  }
  lines.push(line.join('').trimEnd());
  return lines;
}

function latinWordStart(line: string[]): number {
  let i = line.length;
  while (i > 0 && /^[A-Za-z0-9'-]$/.test(line[i - 1]!)) i--;
  return i < line.length && i > 0 && line[i - 1] === ' ' ? i : -1;
}
