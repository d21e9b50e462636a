// What a new version changed, for the audit line, without a single value: field ids added (+), removed (-) and
// changed (~, with the names of the properties that changed), then the other top-level properties that changed.
// e.g. "fields +applicant.name, ~address(at,fontSize), -old; title".
import type { DocumentKind } from '../../contract/admin';

const MAX_DETAIL = 1000;

export function describeChanges(kind: DocumentKind, before: unknown, after: unknown): string {
  const listKey = kind === 'template' ? 'fields' : 'templates';
  const b = asRecord(before);
  const a = asRecord(after);
  const items = (doc: Record<string, unknown> | undefined) => {
    const list = doc?.[listKey];
    return new Map((Array.isArray(list) ? list : []).flatMap((x) => (typeof asRecord(x)?.['id'] === 'string' ? [[asRecord(x)!['id'] as string, asRecord(x)!] as const] : [])));
  };
  const now = items(a);
  if (!b) return clip(`new ${kind}: ${now.size} ${listKey}`);
  const was = items(b);
  const parts: string[] = [];
  for (const [id, item] of now) {
    const old = was.get(id);
    if (!old) parts.push(`+${id}`);
    else {
      const changed = changedKeys(old, item);
      if (changed.length > 0) parts.push(`~${id}(${changed.join(',')})`);
    }
  }
  for (const id of was.keys()) if (!now.has(id)) parts.push(`-${id}`);
  const order = [...now.keys()].filter((id) => was.has(id));
  const oldOrder = [...was.keys()].filter((id) => now.has(id));
  if (order.join('\n') !== oldOrder.join('\n')) parts.push('(order)');
  const others = changedKeys(b, a ?? {}).filter((k) => k !== listKey && k !== 'version' && k !== '$schema');
  const text = [parts.length ? `${listKey} ${parts.join(', ')}` : '', others.join(', ')].filter(Boolean).join('; ');
  return clip(text || 'no changes');
}

function changedKeys(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => canonical(a[k]) !== canonical(b[k]));
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) : v)) ?? 'undefined';
}

function asRecord(v: unknown): Record<string, unknown> | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function clip(text: string): string {
  return text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL - 1)}…` : text;
}
