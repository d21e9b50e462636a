import { describe, expect, it } from 'vitest';
import type { KioskApi } from '../../contract/kiosk';
import { KioskRequestError } from '../../counter/errors';
import { answerRequest, isTrustedSender, type FrameRef } from './ipc';

const kioskFrame: FrameRef = { url: 'app://kakanai/index.html', processId: 4, routingId: 1 };

describe('who may call the service over IPC', () => {
  it("is the main frame of one of our windows, showing our page", () => {
    expect(isTrustedSender(kioskFrame, [kioskFrame])).toBe(true);
    expect(isTrustedSender({ ...kioskFrame, url: 'app://kakanai/#/review' }, [kioskFrame])).toBe(true);
  });

  it('is never a subframe, another window, a remote page or an unknown frame', () => {
    expect(isTrustedSender({ ...kioskFrame, routingId: 2 }, [kioskFrame])).toBe(false);
    expect(isTrustedSender({ ...kioskFrame, processId: 9 }, [kioskFrame])).toBe(false);
    expect(isTrustedSender({ ...kioskFrame, url: 'https://example.com/' }, [kioskFrame])).toBe(false);
    expect(isTrustedSender({ ...kioskFrame, url: 'file:///index.html' }, [kioskFrame])).toBe(false);
    expect(isTrustedSender(null, [kioskFrame])).toBe(false);
    expect(isTrustedSender(kioskFrame, [])).toBe(false);
  });
});

describe('a request through the Electron host', () => {
  // The host's own checks come before the service: a service that must never be reached proves it.
  const unreachable: KioskApi = {
    request: () => {
      throw new Error('the service was reached');
    },
    onEvent: () => () => {},
  };

  it('never reaches the service with a name outside the contract or params that are not an object', async () => {
    for (const [name, params] of [
      ['process.exit', {}],
      [42, {}],
      ['kiosk.info', null],
      ['kiosk.info', ['a']],
      ['card.read', '1234'],
    ] as const) {
      await expect(answerRequest(unreachable, name, params)).resolves.toEqual({ ok: false, error: { code: 'invalid-request' } });
    }
  });

  it("carries the service's failure code, and only 'internal' for anything else it throws", async () => {
    const failing = (error: unknown): KioskApi => ({ request: async () => Promise.reject(error), onEvent: () => () => {} });
    await expect(answerRequest(failing(new KioskRequestError('busy')), 'card.read', { pin: '0000' })).resolves.toEqual({ ok: false, error: { code: 'busy' } });
    const leaky = new Error('PIN 1234 rejected for 山田太郎');
    const answer = await answerRequest(failing(leaky), 'card.read', { pin: '1234' });
    expect(answer).toEqual({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(answer)).not.toContain('1234');
  });

  it("returns the service's result unchanged", async () => {
    const echo: KioskApi = { request: async (name, params) => ({ name, params }) as never, onEvent: () => () => {} };
    await expect(answerRequest(echo, 'session.language', { language: 'en' })).resolves.toEqual({
      ok: true,
      result: { name: 'session.language', params: { language: 'en' } },
    });
  });
});
