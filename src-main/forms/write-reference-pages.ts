// Regenerates the reference page images after an intended layout change:
//   npx tsx src-main/forms/write-reference-pages.ts
// Look at every changed PNG before committing it: these images are what the layout tests hold the forms to.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderFinalForm } from './engine/render';
import { loadFonts, loadLibrary } from './load';
import { rasterize, referenceData, referenceDir } from './reference-pages';

mkdirSync(referenceDir, { recursive: true });
const { fonts } = loadFonts();
for (const template of loadLibrary().templates.values()) {
  const { pdf } = await renderFinalForm(template, referenceData(), fonts);
  rasterize(pdf).forEach((png, i) => {
    const name = `${template.id}-${i + 1}.png`;
    writeFileSync(join(referenceDir, name), png);
    console.log(`wrote src-main/forms/reference-pages/${name}`);
  });
}
