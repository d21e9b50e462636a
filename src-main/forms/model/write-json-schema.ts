// Regenerates templates/schema/*.json from the zod model: npx tsx src-main/forms/model/write-json-schema.ts
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { schemaFiles } from './json-schema';

const dir = join(import.meta.dirname, '../../../templates/schema');
for (const [name, text] of Object.entries(schemaFiles())) {
  writeFileSync(join(dir, name), text);
  console.log(`wrote templates/schema/${name}`);
}
