import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layer rules of eslint.config.js, run on small snippets as if they sat at the given path (nothing is written).
const repoRoot = join(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: repoRoot, overrideConfigFile: join(repoRoot, 'eslint.config.js') });

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(repoRoot, filePath) });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

const reactInput = `import { useState } from 'react';\nexport function StampInput() {\n  const [on] = useState(false);\n  return <button type="button">{on ? '印' : ''}</button>;\n}\n`;

describe('the layer rules', () => {
  it('reject a .tsx file under src-main, React or not', async () => {
    expect(await problems('src-main/forms/field-types/stamp/input.tsx', reactInput)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^no-restricted-syntax: src-main has no React/), expect.stringMatching(/^no-restricted-imports: .*react.*src-main has no React/)]),
    );
    expect(await problems('src-main/counter/stamp.tsx', 'export const stamp = 1;\n')).toEqual([expect.stringMatching(/^no-restricted-syntax: src-main has no React/)]);
  });

  it('reject React and the renderer imported from .ts files anywhere under src-main', async () => {
    for (const [path, from] of [
      ['src-main/forms/field-types/stamp/index.ts', 'react'],
      ['src-main/forms/engine/stamp.ts', 'react-dom/client'],
      ['src-main/counter/stamp.ts', '../../src-renderer/field-types/kiosk-input'],
      ['src-main/hosts/web/stamp.ts', 'react'],
      ['src-main/forms/field-types/stamp.test.ts', 'react'],
    ]) {
      expect(await problems(path!, `import * as ui from '${from}';\nexport const stamp = ui;\n`), path).toEqual([expect.stringMatching(/^no-restricted-imports: .*src-main has no React/)]);
    }
  });

  it('let src-main keep its common field types free of React', async () => {
    expect(await problems('src-main/forms/field-types/stamp/index.ts', `import { z } from 'zod';\nexport const stampField = z.strictObject({ type: z.literal('stamp') });\n`)).toEqual([]);
  });

  it('let the renderer import the common parts of forms and the contract, not the engine, binding or the loader', async () => {
    const at = 'src-renderer/field-types/stamp/input.tsx';
    const importing = (from: string) => problems(at, `import * as m from '${from}';\nexport const used = m;\n`);
    for (const from of ['../../../src-main/forms/field-types', '../../../src-main/forms/field-types/date', '../../../src-main/forms/model/layout', '../../../src-main/forms/binding/wareki', '../../../src-main/contract/kiosk']) {
      expect(await importing(from), from).toEqual([]);
    }
    for (const from of ['../../../src-main/forms/engine/render', '../../../src-main/forms/binding/bind', '../../../src-main/forms/load', '../../../src-main/forms/model/write-json-schema', '../../../src-main/counter/catalogue']) {
      expect(await importing(from), from).toEqual([expect.stringMatching(/^no-restricted-imports: /)]);
    }
  });

  it('keep the three apps apart: none imports another; each may use ui/, i18n/, rpc/, field-types/ and the contract', async () => {
    const importing = (at: string, from: string) => problems(at, `import * as m from '${from}';\nexport const used = m;\n`);
    for (const [at, from] of [
      ['src-renderer/kiosk/screens/attract.tsx', '../../clerk/app'],
      ['src-renderer/kiosk/app.tsx', '../admin/notice'],
      ['src-renderer/clerk/app.tsx', '../kiosk/store'],
      ['src-renderer/admin/designer/canvas.tsx', '../../kiosk/pdf-pages'],
      ['src-renderer/ui/pdf-pages.ts', '../kiosk/store'],
      ['src-renderer/field-types/text/input.tsx', '../../admin/context'],
      ['src-renderer/i18n/index.ts', '../ui/icons'],
    ]) {
      expect(await importing(at!, from!), `${at} ← ${from}`).toEqual([expect.stringMatching(/^no-restricted-imports: .*RENDERER_LAYERS/)]);
    }
    for (const [at, from] of [
      ['src-renderer/kiosk/screens/review.tsx', '../../ui/pdf-pages'],
      ['src-renderer/clerk/app.tsx', '../ui/pdf-pages'],
      ['src-renderer/admin/designer/canvas.tsx', '../../field-types'],
      ['src-renderer/kiosk/app.tsx', '../i18n'],
      ['src-renderer/clerk/client.ts', '../rpc/client'],
      ['src-renderer/admin/app.tsx', '../../src-main/contract/admin'],
      ['src-renderer/field-types/text/input.tsx', '../kiosk-input'],
      ['src-renderer/kiosk/app.tsx', './store'],
    ]) {
      expect(await importing(at!, from!), `${at} ← ${from}`).toEqual([]);
    }
  });
});
