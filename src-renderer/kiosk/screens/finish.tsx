// The last steps: signature (or paper), print and/or send to the clerk, and the ticket number.
import { useEffect, useState } from 'react';
import { SignaturePad } from '../../field-types/signature/input';
import type { Localized, SubmittedForm } from '../../../src-main/contract/kiosk';
import { useFlow, useKiosk } from '../context';
import { useWords } from '../words';

export function SignatureScreen() {
  const flow = useFlow();
  const { t, say } = useWords();
  const busy = useKiosk((s) => s.busy);
  const [png, setPng] = useState<string | null>(null);
  return (
    <section className="screen screen-signature" aria-labelledby="screen-title">
      <h1 id="screen-title">{t('signature.title')}</h1>
      <p className="subtitle">{t('signature.body')}</p>
      <p className="subtitle">{t('signature.next')}</p>
      <SignaturePad label={say('signature.pad')} clearLabel={t('signature.clear')} onSigned={setPng} />
      <div className="nav-row">
        <button type="button" className="btn btn-secondary btn-large" disabled={busy} onClick={() => void flow.sign(null)}>
          {t('signature.onPaper')}
        </button>
        <button type="button" className="btn btn-go btn-large" disabled={busy || png === null} onClick={() => void flow.sign(png)}>
          {t('signature.done')}
        </button>
      </div>
    </section>
  );
}

const HAND_IN_CHOICE = {
  print: { print: true, toClerk: false, title: 'submit.print', help: 'submit.printHelp' },
  clerk: { print: false, toClerk: true, title: 'submit.toClerk', help: 'submit.toClerkHelp' },
  both: { print: true, toClerk: true, title: 'submit.both', help: undefined },
} as const;

export function SubmitScreen() {
  const flow = useFlow();
  const { t } = useWords();
  const busy = useKiosk((s) => s.busy);
  const handIn = useKiosk((s) => s.session?.procedure.handIn);
  // The city's recommended way first and marked; only the ways it allows for this procedure.
  const offer = handIn ? [handIn.recommended, ...handIn.offer.filter((w) => w !== handIn.recommended)] : (['print', 'clerk', 'both'] as const);
  return (
    <section className="screen" aria-labelledby="screen-title">
      <h1 id="screen-title">{t('submit.title')}</h1>
      <div className="choice-list">
        {offer.map((way) => {
          const c = HAND_IN_CHOICE[way];
          const recommended = handIn?.recommended === way;
          return (
            <button key={way} type="button" data-hand-in={way} className={`choice choice-submit${recommended ? ' choice-recommended' : ''}`} disabled={busy} onClick={() => void flow.submit(c.print, c.toClerk)}>
              {recommended && <span className="tag tag-recommended">{t('submit.recommended')}</span>}
              <span className="choice-title">{t(c.title)}</span>
              {c.help && <span className="choice-help">{t(c.help)}</span>}
            </button>
          );
        })}
      </div>
      {busy && (
        <p className="reader-state" role="status" aria-live="polite">
          <span className="spinner" aria-hidden="true" />
          {t('submit.sending')}
        </p>
      )}
    </section>
  );
}

const DONE_RESET_SECONDS = 30;

/** Where to go next: one block per counter with its forms, their fee and what to bring (from the templates). */
function NextCounters({ forms }: { forms: readonly SubmittedForm[] }) {
  const { t, local } = useWords();
  const byCounter = new Map<string, SubmittedForm[]>();
  for (const form of forms) {
    const key = form.counter?.ja ?? '';
    byCounter.set(key, [...(byCounter.get(key) ?? []), form]);
  }
  const total = forms.reduce((sum, f) => sum + (f.feeYen ?? 0), 0);
  if (forms.length === 0) return null;
  return (
    <div className="next-counters" data-testid="next-counters">
      <h2 className="next-counters-title">{t('done.goTo')}</h2>
      {[...byCounter.values()].map((group) => {
        const counter = group[0]!.counter;
        const bring = uniqueTexts(group.flatMap((f) => f.bring));
        const yen = group.reduce((sum, f) => sum + (f.feeYen ?? 0), 0);
        return (
          <section className="next-counter" key={counter?.ja ?? ''} aria-label={counter ? local(counter) : undefined}>
            {counter && <p className="next-counter-name">{local(counter)}</p>}
            <ul className="next-counter-forms">
              {group.map((f) => (
                <li key={f.templateId}>{local(f.title)}</li>
              ))}
            </ul>
            {group.some((f) => f.feeYen !== undefined) && (
              <p className="next-counter-fee">{yen > 0 ? t('done.fee', { yen: yen.toLocaleString('ja-JP') }) : t('done.free')}</p>
            )}
            {bring.length > 0 && (
              <div className="next-counter-bring">
                <p>{t('done.bring')}</p>
                <ul>
                  {bring.map((b) => (
                    <li key={b.ja}>{local(b)}</li>
                  ))}
                </ul>
              </div>
            )}
          </section>
        );
      })}
      {byCounter.size > 1 && total > 0 && <p className="next-counter-fee">{t('done.feeTotal', { yen: total.toLocaleString('ja-JP') })}</p>}
    </div>
  );
}

function uniqueTexts(texts: readonly Localized[]): Localized[] {
  const seen = new Set<string>();
  return texts.filter((x) => !seen.has(x.ja) && (seen.add(x.ja), true));
}

export function DoneScreen() {
  const flow = useFlow();
  const { t } = useWords();
  const submission = useKiosk((s) => s.submission);
  const [left, setLeft] = useState(DONE_RESET_SECONDS);
  useEffect(() => {
    const timer = setInterval(() => setLeft((n) => n - 1), 1000);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => {
    if (left <= 0) void flow.end('done');
  }, [left, flow]);
  return (
    <section className="screen screen-done" aria-labelledby="screen-title">
      <div className="done-ticket">
        <h1 id="screen-title">{t('done.title')}</h1>
        <p className="ticket-label">{t('done.ticket')}</p>
        <p className="ticket-number">{submission?.ticketNumber}</p>
        <p className="lead">{t('done.body')}</p>
        {/* The hall was out of reach: the kiosk's own number, which the clerk receives once it is reachable again. */}
        {submission?.offlineTicket && (
          <p className="notice notice-calm" data-testid="offline-ticket">
            {t('done.offline')}
          </p>
        )}
        {submission?.kanjiByClerk && (
          <p className="notice notice-calm" data-testid="kanji-by-clerk">
            {t('done.kanjiByClerk')}
          </p>
        )}
        {submission?.printed && <p className="notice notice-calm">{t('done.takePaper')}</p>}
        <button type="button" className="btn btn-go btn-large" onClick={() => void flow.end('done')}>
          {t('done.finish')}
        </button>
        <p className="subtitle" aria-live="off">{t('done.resetIn', { n: Math.max(0, left) })}</p>
      </div>
      {submission && <NextCounters forms={submission.forms} />}
    </section>
  );
}
