// What a paired clerk's desk may see and do of the live kiosk session (contract/clerk.ts): the mirror, a correction
// through the kiosk's own answer path, the 照合番号B read, and the PIN guard's one-shot override.
import type { PcscReaderService } from '../../card-reader/transport/pcsc';
import type { KioskStep, Mirror } from '../contract/clerk';
import { maskedMyNumber, type AnswerProblem, type AnswerValue, type KioskEvent } from '../contract/kiosk';
import { readCardWithCheckCodeB, residentView } from './card-session';
import type { LiveKiosk } from './clerk';
import { KioskRequestError } from './errors';
import type { ResidentSession } from './resident-session';

/** The service as the live view reaches it. */
export interface LiveKioskHost {
  session(): ResidentSession | undefined;
  /** The screen the kiosk reported (session.step), and when the mirror last changed. */
  screen(): { step: KioskStep; updatedAt: number };
  /** The session the clerk's PIN-guard override is for, if any. */
  lastTryAllowedFor(): ResidentSession | undefined;
  allowLastTryFor(session: ResidentSession): void;
  /** The kiosk's session.answer (the same checks as the resident's own answers). */
  answer(answers: Record<string, AnswerValue>): Promise<{ problems: AnswerProblem[] }>;
  readers: PcscReaderService;
  readerName: string | undefined;
  prerender(session: ResidentSession): void;
  emit(event: KioskEvent): void;
  /** Something the mirror shows changed: the desks are told. */
  changed(): void;
}

/** The answers as the desk sees them: a typed 個人番号 masked, never in full. */
function masked(s: ResidentSession, answers: ReadonlyMap<string, AnswerValue>): Record<string, AnswerValue> {
  const secret = new Set(s.plan.questions.filter((q) => q.myNumber).map((q) => q.key));
  return Object.fromEntries([...answers].map(([k, v]) => [k, secret.has(k) && typeof v === 'string' ? maskedMyNumber(v) : v]));
}

export function liveKiosk(host: LiveKioskHost): LiveKiosk {
  const current = () => {
    const session = host.session();
    if (!session) throw new KioskRequestError('no-session');
    return session;
  };
  return {
    mirror: (): Mirror => {
      const s = host.session();
      const { step, updatedAt } = host.screen();
      return {
        step,
        updatedAt,
        session: s
          ? {
              procedure: { id: s.plan.procedure.id, title: s.plan.procedure.title },
              resident: s.resident ? residentView(s.resident) : null,
              questions: s.plan.questions.map((q) => ({ key: q.key, type: q.type, label: q.label, required: q.required, ...(q.options ? { options: q.options.map((o) => ({ value: o.value, label: o.label })) } : {}), ...(q.myNumber ? { myNumber: true as const } : {}) })),
              answers: masked(s, s.answers),
              typing: masked(s, s.typing),
              problems: s.problems,
              lastTryAllowed: host.lastTryAllowedFor() === s,
              clerkCalled: s.clerkCalled,
              triesLeft: s.triesLeft,
              personCard: s.personCardFor === undefined ? null : { person: s.personCardFor },
            }
          : null,
      };
    },
    correct: async (key, value) => {
      const result = await host.answer({ [key]: value });
      host.emit({ type: 'clerk-correction', key, value });
      return result;
    },
    readWithCheckCodeB: async (code) => {
      const session = current();
      if (session.reading) throw new KioskRequestError('busy');
      session.reading = true;
      try {
        const read = await readCardWithCheckCodeB(host.readers, { reader: host.readerName, code });
        if (!read.ok) return read;
        if (host.session() !== session) throw new KioskRequestError('no-session');
        session.forgetRendered();
        session.resident = read.resident;
        session.clerkCalled = false;
        host.prerender(session);
        host.emit({ type: 'clerk-card-read', resident: residentView(read.resident), facts: session.conditionFacts() });
        return { ok: true as const };
      } finally {
        session.reading = false;
        host.changed();
      }
    },
    allowLastTry: () => {
      host.allowLastTryFor(current());
      host.emit({ type: 'last-try-allowed' });
      host.changed();
    },
  };
}
