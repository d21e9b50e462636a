import type { z } from 'zod';

/** zod issues as lines a person can act on: "fields[3] (id "phone").at: …". Field ids make the path findable. */
export function formatIssues(error: z.ZodError, data: unknown): string[] {
  return error.issues.map((issue) => `${describePath(issue.path, data)}: ${issue.message}`);
}

function describePath(path: readonly PropertyKey[], data: unknown): string {
  let out = '';
  let node: unknown = data;
  for (const key of path) {
    out += typeof key === 'number' ? `[${key}]` : out === '' ? String(key) : `.${String(key)}`;
    node = node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined;
    if (typeof key === 'number' && node && typeof node === 'object' && typeof (node as { id?: unknown }).id === 'string') {
      out += ` (id "${(node as { id: string }).id}")`;
    }
  }
  return out === '' ? '(template)' : out;
}
