// The render worker's side (see render-isolated.ts): loads the fonts once, then renders one request at a time. A
// background is decoded once with the limits before pdf-lib may expand it. Personal data arrives in memory only
// and is never logged; an error goes back as a code.
import { createHash } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { MyNumber, ResidentInfo } from '../../../card-reader/personal-data';
import type { FormData } from '../binding/bind';
import { loadFonts } from '../load';
import { BACKGROUND_LIMITS, type BackgroundLimits, type BackgroundProblem, BackgroundRefused, loadCheckedBackground } from './background-check';
import { renderForms } from './render';
import type { RenderReply, RenderRequest } from './render-isolated';

const { fontsConfig, backgroundLimits } = workerData as { fontsConfig: string; backgroundLimits?: BackgroundLimits };
const { fonts } = loadFonts(fontsConfig);
const verdicts = new Map<string, BackgroundProblem | null>();
const port = parentPort!;

port.on('message', (request: RenderRequest) => {
  void handle(request).then((reply) => {
    if (reply.ok) port.postMessage(reply, [reply.result.pdf.buffer as ArrayBuffer]);
    else port.postMessage(reply);
  });
});
port.postMessage({ ready: true });

async function handle(request: RenderRequest): Promise<RenderReply> {
  const { id, input } = request;
  try {
    for (const [path, bytes] of input.backgrounds) {
      const problem = await backgroundProblem(bytes);
      if (problem) return { id, ok: false, code: 'background-refused', path, problem };
    }
    const data: FormData = {
      today: input.data.today,
      ...(input.data.resident ? { resident: new ResidentInfo(input.data.resident) } : {}),
      ...(input.data.myNumber ? { myNumber: new MyNumber(input.data.myNumber) } : {}),
      ...(input.data.answers ? { answers: input.data.answers } : {}),
      ...(input.data.session ? { session: input.data.session } : {}),
    };
    const result = await renderForms({ templates: input.templates, data, fonts, backgrounds: new Map(input.backgrounds), ...(input.title ? { title: input.title } : {}) });
    return { id, ok: true, result };
  } catch {
    return { id, ok: false, code: 'render-failed' };
  }
}

/** Each background's verdict is kept by the hash of its bytes: checked once per worker. */
async function backgroundProblem(bytes: Uint8Array): Promise<BackgroundProblem | null> {
  const hash = createHash('sha256').update(bytes).digest('hex');
  let verdict = verdicts.get(hash);
  if (verdict === undefined) {
    verdict = await loadCheckedBackground(bytes, backgroundLimits ?? BACKGROUND_LIMITS).then(
      () => null,
      (e) => (e instanceof BackgroundRefused ? e.code : 'not-a-pdf'),
    );
    if (verdicts.size >= 64) verdicts.delete(verdicts.keys().next().value!);
    verdicts.set(hash, verdict);
  }
  return verdict;
}
