// For tests: which □ of a choice field carry a tick on the printed page, read from the page rendered by pdftoppm the
// way a person would look at it (the inside of each □, its border left out).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { squareAtLeft } from '../field-types/option-geometry';

type Option = { value: string; at: unknown };

export function tickedOptions(pdf: Uint8Array, options: readonly Option[], page = 1): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'kakanai-ticks-'));
  const dpi = 150;
  try {
    writeFileSync(join(dir, 'form.pdf'), pdf);
    execFileSync('pdftoppm', ['-r', String(dpi), '-f', String(page), '-l', String(page), '-png', '-singlefile', join(dir, 'form.pdf'), join(dir, 'page')], { timeout: 60_000 });
    const png = PNG.sync.read(readFileSync(join(dir, 'page.png')));
    const px = (mm: number) => Math.round((mm / 25.4) * dpi);
    return options
      .filter((option) => {
        if (!Array.isArray(option.at)) throw new Error(`option ${option.value} is placed in a cell; give it a box in mm`);
        const [x, y, w, h] = squareAtLeft(option.at as [number, number, number, number]);
        let dark = 0;
        for (let j = px(y + h * 0.2); j < px(y + h * 0.8); j++)
          for (let i = px(x + w * 0.2); i < px(x + w * 0.8); i++) if (png.data[(j * png.width + i) * 4]! < 128) dark++;
        return dark > 3;
      })
      .map((o) => o.value);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
