// The relay's half of a hall desk's live correction: it goes to the kiosk's socket that is open, is settled only by
// that kiosk's answer, and comes back `kiosk-unreachable` when the kiosk streams nothing, leaves, or never answers.
import { describe, expect, it } from 'vitest';
import type { HallEvent } from '../contract/hall';
import { MirrorRelay } from './mirror-relay';

const who = { clerk: 'sato', deskId: 'desk-1' };

function kioskSocket(): { events: HallEvent[]; send(event: HallEvent): void } {
  const events: HallEvent[] = [];
  return { events, send: (event) => events.push(event) };
}

describe('a live correction through the relay', () => {
  it('goes to the kiosk and is settled by its answer only, never by another kiosk\'s', async () => {
    const relay = new MirrorRelay();
    const a = kioskSocket();
    relay.connected('kiosk-a', 'honcho', a.send);
    relay.connected('kiosk-b', 'honcho', kioskSocket().send);
    const answer = relay.correct('kiosk-a', who, 'purpose', '窓口で訂正');
    expect(a.events).toEqual([{ type: 'live-correction', correctionId: 1, clerk: 'sato', deskId: 'desk-1', key: 'purpose', value: '窓口で訂正' }]);
    expect(relay.corrected('kiosk-b', { correctionId: 1, ok: false, code: 'no-session' })).toBe(false);
    expect(relay.corrected('kiosk-a', { correctionId: 1, ok: true, problems: [] })).toBe(true);
    expect(await answer).toEqual({ ok: true, problems: [] });
    // Settled once: a second answer finds nothing waiting.
    expect(relay.corrected('kiosk-a', { correctionId: 1, ok: true, problems: [] })).toBe(false);
  });

  it('answers kiosk-unreachable for a kiosk not streaming, one whose stream closes, and one that does not answer in time', async () => {
    const relay = new MirrorRelay();
    expect(await relay.correct('kiosk-a', who, 'purpose', 'x')).toEqual({ ok: false, code: 'kiosk-unreachable' });
    relay.connected('kiosk-a', 'honcho', kioskSocket().send);
    const pending = relay.correct('kiosk-a', who, 'purpose', 'x');
    relay.drop('kiosk-a');
    expect(await pending).toEqual({ ok: false, code: 'kiosk-unreachable' });
    relay.connected('kiosk-a', 'honcho', kioskSocket().send);
    expect(await relay.correct('kiosk-a', who, 'purpose', 'x', 20)).toEqual({ ok: false, code: 'kiosk-unreachable' });
  });

  it('sends to the kiosk\'s socket still open when another of its sockets closes', () => {
    const relay = new MirrorRelay();
    const [first, second] = [kioskSocket(), kioskSocket()];
    relay.connected('kiosk-a', 'honcho', first.send);
    relay.connected('kiosk-a', 'honcho', second.send);
    relay.disconnected('kiosk-a', second.send, first.send);
    void relay.correct('kiosk-a', who, 'purpose', 'x', 10);
    expect([first.events.length, second.events.length]).toEqual([1, 0]);
  });
});
