// The parameters of every admin request, checked before the desk sees them (the contract's types, as zod).
import { z } from 'zod';
import type { AdminRequestName } from '../../contract/admin';

const kind = z.enum(['template', 'bundle']);
const id = z.string().min(1).max(100);
const version = z.int().min(1).max(1_000_000);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const none = z.strictObject({});

export const adminParamSchemas: { [N in AdminRequestName]: z.ZodType } = {
  'admin.whoami': none,
  'documents.list': none,
  'documents.get': z.strictObject({ kind, id, version: version.optional() }),
  'documents.versions': z.strictObject({ kind, id }),
  'documents.validate': z.strictObject({ kind, document: z.unknown() }),
  'documents.save': z.strictObject({ kind, document: z.unknown(), basedOn: version.nullable(), note: z.string().max(500).optional() }),
  'documents.publish': z.strictObject({ kind, id, version }),
  'documents.rollback': z.strictObject({ kind, id, version }),
  'documents.export': z.strictObject({ kind, id, version }),
  'documents.import': z.strictObject({ fileName: z.string().min(1).max(255), text: z.string() }),
  'backgrounds.add': z.strictObject({ fileName: z.string().min(1).max(255), pdfBase64: z.string().min(1) }),
  'backgrounds.get': z.strictObject({ hash: z.string().regex(/^[0-9a-f]{64}$/) }),
  'preview.residents': none,
  'preview.render': z.strictObject({ document: z.unknown(), residentId: z.string().min(1).max(100) }),
  'figures.get': z.strictObject({ since: day, until: day.optional() }),
  'audit.list': z.strictObject({ limit: z.int().min(1).max(1000).optional() }),
};
