import { describe, expect, it } from 'vitest';
import type { KioskEvent } from '../../contract/kiosk';
import { KIOSK_REQUEST_NAMES } from '../../contract/kiosk';
import { IPC } from '../../contract/wire';
import { BRIDGE_KEYS, kioskBridge, type BridgeIpc, type IpcEnvelope } from './bridge';

// ipcRenderer exists only inside Electron: this stand-in records what the bridge sends and lets a test answer.
function ipcStandIn(answer: (name: unknown, params: unknown) => IpcEnvelope) {
  const invoked: unknown[][] = [];
  const listeners = new Map<string, Set<(...args: never[]) => void>>();
  const ipc: BridgeIpc = {
    invoke: async (channel, ...args) => {
      invoked.push([channel, ...args]);
      return answer(args[0], args[1]);
    },
    on: (channel, listener) => listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener)),
    removeListener: (channel, listener) => listeners.get(channel)?.delete(listener),
  };
  const push = (event: KioskEvent) => {
    for (const l of listeners.get(IPC.event) ?? []) (l as (e: unknown, p: unknown) => void)({}, event);
  };
  return { ipc, invoked, listeners, push };
}

describe('window.kakanai, the preload bridge', () => {
  it('exposes exactly request and onEvent, frozen, and no ipcRenderer', () => {
    const api = kioskBridge(ipcStandIn(() => ({ ok: true, result: {} })).ipc);
    expect(Object.keys(api).sort()).toEqual([...BRIDGE_KEYS].sort());
    expect(Object.isFrozen(api)).toBe(true);
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
  });

  it('sends a contract request on the request channel and resolves with its result', async () => {
    const { ipc, invoked } = ipcStandIn(() => ({ ok: true, result: { triesLeft: 3 } }));
    await expect(kioskBridge(ipc).request('card.tries', {})).resolves.toEqual({ triesLeft: 3 });
    expect(invoked).toEqual([[IPC.request, 'card.tries', {}]]);
  });

  it('refuses a name outside the contract before anything reaches main', async () => {
    const { ipc, invoked } = ipcStandIn(() => ({ ok: true, result: {} }));
    const api = kioskBridge(ipc);
    for (const name of ['fs.readFile', '__proto__', 'constructor', 'session.START', '']) {
      await expect(api.request(name as never, {} as never)).rejects.toEqual({ code: 'invalid-request' });
    }
    expect(invoked).toEqual([]);
  });

  it('passes every name the contract has', async () => {
    const { ipc, invoked } = ipcStandIn(() => ({ ok: true, result: {} }));
    for (const name of KIOSK_REQUEST_NAMES) await kioskBridge(ipc).request(name, {} as never);
    expect(invoked.map((call) => call[1])).toEqual([...KIOSK_REQUEST_NAMES]);
  });

  it("rejects with the service's failure code, as the WebSocket client does", async () => {
    const { ipc } = ipcStandIn(() => ({ ok: false, error: { code: 'no-session' } }));
    await expect(kioskBridge(ipc).request('session.preview', {})).rejects.toEqual({ code: 'no-session' });
  });

  it('forwards events to a listener until it unsubscribes', () => {
    const { ipc, push, listeners } = ipcStandIn(() => ({ ok: true, result: {} }));
    const seen: KioskEvent[] = [];
    const stop = kioskBridge(ipc).onEvent((e) => seen.push(e));
    push({ type: 'session-ended', reason: 'inactivity' });
    stop();
    push({ type: 'session-ended', reason: 'done' });
    expect(seen).toEqual([{ type: 'session-ended', reason: 'inactivity' }]);
    expect(listeners.get(IPC.event)?.size).toBe(0);
  });
});
