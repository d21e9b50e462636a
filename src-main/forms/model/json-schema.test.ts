import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemaFiles } from './json-schema';

describe('the checked-in JSON Schemas', () => {
  it.each(Object.entries(schemaFiles()))('templates/schema/%s matches the zod model (regenerate: npx tsx src-main/forms/model/write-json-schema.ts)', (name, text) => {
    const onDisk = readFileSync(join(import.meta.dirname, '../../../templates/schema', name), 'utf8');
    expect(onDisk).toBe(text);
  });
});
