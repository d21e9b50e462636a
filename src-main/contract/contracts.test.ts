import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { adminContract } from './admin';
import { clerkContract } from './clerk';
import { kioskContract } from './kiosk';

const here = import.meta.dirname;

describe('the contracts', () => {
  it('never import one another: what they share sits in common.ts', () => {
    for (const file of readdirSync(here).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
      const imports = [...readFileSync(join(here, file), 'utf8').matchAll(/from '\.\/([^']+)'/g)].map((m) => m[1]);
      expect(imports.filter((i) => i !== 'common'), file).toEqual([]);
    }
  });

  it('are each defined once, by their request schemas: the names are the schemas keys', () => {
    for (const contract of [kioskContract, clerkContract, adminContract]) {
      expect(contract.names.length).toBeGreaterThan(5);
      for (const name of contract.names) expect(contract.isName(name)).toBe(true);
      expect(contract.isName('toString')).toBe(false);
      expect(contract.isName('shell.exec')).toBe(false);
    }
    expect(kioskContract.params['card.read'].safeParse({ pin: '1234' }).success).toBe(true);
    expect(clerkContract.params['queue.setStatus'].safeParse({ id: 1, status: 'returned' }).success).toBe(false);
    expect(adminContract.params['figures.get'].safeParse({ since: '2026-12-05' }).success).toBe(true);
  });
});
