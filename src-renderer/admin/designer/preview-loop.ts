// The live preview's rhythm: a lone change goes to the real engine at once; a change right after another (typing,
// a drag) waits `debounceMs` for the next one. At most one render is in flight; changes meanwhile wait for it and
// only the latest draft is sent after it. A response older than the one shown is dropped: the preview never steps
// back.

export interface PreviewLoop<Req> {
  /** The draft (or resident) changed. */
  changed(request: Req): void;
  /** Stop: no more requests, late responses ignored. */
  stop(): void;
}

export function previewLoop<Req, Res>(options: {
  debounceMs: number;
  render(request: Req): Promise<Res>;
  /** A response for the request numbered `seq`; `latest` is false when a newer change is already waiting. */
  show(response: Res, info: { seq: number; latest: boolean; roundTripMs: number }): void;
  failed(error: unknown, latest: boolean): void;
  /** Whether a newer draft than the one shown is on its way. */
  pending?(pending: boolean): void;
}): PreviewLoop<Req> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight = false;
  let waiting: { request: Req; seq: number } | undefined;
  let seq = 0;
  let shown = 0;
  let stopped = false;
  let lastChange = -Infinity;

  const send = () => {
    if (stopped || inFlight || !waiting) return;
    const { request, seq: mine } = waiting;
    waiting = undefined;
    inFlight = true;
    const started = performance.now();
    options.render(request).then(
      (res) => {
        inFlight = false;
        if (stopped) return;
        if (mine > shown) {
          shown = mine;
          options.show(res, { seq: mine, latest: mine === seq, roundTripMs: Math.round(performance.now() - started) });
        }
        if (mine === seq) options.pending?.(false);
        send();
      },
      (error: unknown) => {
        inFlight = false;
        if (stopped) return;
        options.failed(error, mine === seq);
        if (mine === seq) options.pending?.(false);
        send();
      },
    );
  };

  return {
    changed(request) {
      if (stopped) return;
      waiting = { request, seq: ++seq };
      options.pending?.(true);
      clearTimeout(timer);
      const now = performance.now();
      const burst = now - lastChange < options.debounceMs;
      lastChange = now;
      if (burst || inFlight) timer = setTimeout(send, options.debounceMs);
      else send();
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
