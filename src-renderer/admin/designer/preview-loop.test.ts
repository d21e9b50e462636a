import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { previewLoop } from './preview-loop';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('the live preview loop', () => {
  it('sends a lone change at once; in a burst of changes it waits for the pause and sends only the latest', async () => {
    const sent: string[] = [];
    const shown: string[] = [];
    const loop = previewLoop<string, string>({ debounceMs: 40, render: async (r) => (sent.push(r), `pdf of ${r}`), show: (r) => shown.push(r), failed: () => {} });
    loop.changed('a');
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toEqual(['a']);
    await vi.advanceTimersByTimeAsync(10);
    loop.changed('ab');
    await vi.advanceTimersByTimeAsync(10);
    loop.changed('abc');
    await vi.advanceTimersByTimeAsync(39);
    expect(sent).toEqual(['a']);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toEqual(['a', 'abc']);
    expect(shown).toEqual(['pdf of a', 'pdf of abc']);
  });

  it('keeps one render in flight and sends the newest change after it, skipping those in between', async () => {
    const renders = new Map<string, ReturnType<typeof deferred<string>>>();
    const shown: { res: string; latest: boolean }[] = [];
    const loop = previewLoop<string, string>({
      debounceMs: 10,
      render: (r) => {
        const d = deferred<string>();
        renders.set(r, d);
        return d.promise;
      },
      show: (res, info) => shown.push({ res, latest: info.latest }),
      failed: () => {},
    });
    loop.changed('1');
    await vi.advanceTimersByTimeAsync(50);
    loop.changed('2');
    await vi.advanceTimersByTimeAsync(50);
    loop.changed('3');
    await vi.advanceTimersByTimeAsync(50);
    expect([...renders.keys()]).toEqual(['1']);
    renders.get('1')!.resolve('pdf 1');
    await vi.advanceTimersByTimeAsync(0);
    expect(shown).toEqual([{ res: 'pdf 1', latest: false }]);
    expect([...renders.keys()]).toEqual(['1', '3']);
    renders.get('3')!.resolve('pdf 3');
    await vi.advanceTimersByTimeAsync(0);
    expect(shown.at(-1)).toEqual({ res: 'pdf 3', latest: true });
  });

  it('shows nothing after it is stopped', async () => {
    const d = deferred<string>();
    const shown: string[] = [];
    const loop = previewLoop<string, string>({ debounceMs: 5, render: () => d.promise, show: (r) => shown.push(r), failed: () => {} });
    loop.changed('x');
    await vi.advanceTimersByTimeAsync(5);
    loop.stop();
    d.resolve('late');
    await vi.advanceTimersByTimeAsync(0);
    expect(shown).toEqual([]);
  });
});
