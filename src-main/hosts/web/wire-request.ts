// Every message a screen sends over the WebSocket, checked before the service sees it: a request envelope with a
// known name and parameters of that request's shape.
import { z } from 'zod';
import { KIOSK_REQUEST_NAMES, type KioskRequestName } from '../../contract/kiosk';
import { requestParamSchemas } from '../../counter/request-schemas';

const envelope = z.strictObject({
  kind: z.literal('request'),
  id: z.int().min(0).max(Number.MAX_SAFE_INTEGER),
  name: z.enum(KIOSK_REQUEST_NAMES as [KioskRequestName, ...KioskRequestName[]]),
  params: z.unknown(),
});

export type CheckedRequest = { id: number; name: KioskRequestName; params: unknown };

/** The request, or the id to answer `invalid-request` to (undefined when not even an id can be read). */
export function checkWireRequest(text: string): { ok: true; request: CheckedRequest } | { ok: false; id: number | undefined } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, id: undefined };
  }
  const parsed = envelope.safeParse(data);
  if (!parsed.success) {
    const id = (data as { id?: unknown } | null)?.id;
    return { ok: false, id: Number.isSafeInteger(id) ? (id as number) : undefined };
  }
  const { id, name, params } = parsed.data;
  if (!requestParamSchemas[name].safeParse(params).success) return { ok: false, id };
  return { ok: true, request: { id, name, params } };
}
