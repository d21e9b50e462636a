// Every message the kiosk screen sends over the WebSocket, checked before the service sees it: the one RPC envelope
// with a known request name and params of that request's shape (the kiosk contract's schemas).
import { kioskContract } from '../../contract/kiosk';
import { readRequest } from '../../rpc/server';

export const checkWireRequest = (text: string) => readRequest(kioskContract, text);
