// The kiosk frame: a header that is the same on every screen (DEMO, larger text, やめる / Cancel), the current
// step, and the overlays that can cover any step (inactivity countdown, cancel confirmation, card left behind).
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { languageNames } from '../i18n';
import { useFlow, useKiosk, useKioskShallow } from './context';
import { warmPdfPages, wipePdfPages } from '../ui/pdf-pages';
import { AttractScreen } from './screens/attract';
import { CardScreen, TakeCardScreen } from './screens/card';
import { DoneScreen, SignatureScreen, SubmitScreen } from './screens/finish';
import { LanguageScreen } from './screens/language';
import { PersonCardScreen } from './screens/person-card';
import { PinScreen } from './screens/pin';
import { ProcedureScreen } from './screens/procedure';
import { QuestionScreen } from './screens/questions';
import { ReviewScreen } from './screens/review';
import { onWipe, selectCardLeftOnReader, selectStepNumber, type Step } from './store';

// The review's pdf.js worker and documents hold the resident's pages: they go with every wipe.
onWipe(wipePdfPages);
import { useWords } from './words';

const screens: Record<Step, () => ReactNode> = {
  attract: AttractScreen,
  language: LanguageScreen,
  procedure: ProcedureScreen,
  card: CardScreen,
  pin: PinScreen,
  'take-card': TakeCardScreen,
  'person-card': PersonCardScreen,
  questions: QuestionScreen,
  review: ReviewScreen,
  signature: SignatureScreen,
  submit: SubmitScreen,
  done: DoneScreen,
};

/** Warns after `warnAfterMs` without a touch, wipes at `wipeAfterMs`; any touch starts the wait again. */
function useInactivity(active: boolean, warnAfterMs: number, wipeAfterMs: number, onWipe: () => void) {
  const lastTouch = useRef(Date.now());
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!active) return;
    lastTouch.current = Date.now();
    const touched = () => (lastTouch.current = Date.now());
    const events = ['pointerdown', 'keydown', 'wheel'] as const;
    for (const e of events) window.addEventListener(e, touched, { capture: true, passive: true });
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => {
      for (const e of events) window.removeEventListener(e, touched, { capture: true });
      clearInterval(timer);
    };
  }, [active]);
  const idle = now - lastTouch.current;
  const expired = active && idle >= wipeAfterMs;
  useEffect(() => {
    if (expired) onWipe();
  }, [expired, onWipe]);
  return { warning: active && idle >= warnAfterMs && !expired, secondsLeft: Math.max(0, Math.ceil((wipeAfterMs - idle) / 1000)) };
}

function Header() {
  const flow = useFlow();
  const { t, say, language } = useWords();
  const demo = useKiosk((s) => s.info?.demo ?? false);
  const city = useKiosk((s) => s.info?.cityName ?? '');
  const step = useKiosk((s) => s.step);
  const largeText = useKiosk((s) => s.largeText);
  const stepNumber = useKioskShallow(selectStepNumber);
  return (
    <header className="kiosk-header">
      <div className="header-title">
        <span className="header-city">{city}</span>
        <span className="header-app">{t('app.title')}</span>
        {demo && (
          <span className="demo-badge" role="note" aria-label={`DEMO ${say('app.demo')}`}>
            DEMO
          </span>
        )}
      </div>
      {/* The one progress line (each question screen is a step of its own); on the questions it is their count too. */}
      {stepNumber && (
        <span className={step === 'questions' ? 'header-step question-count' : 'header-step'}>{t('app.stepOf', { n: stepNumber.n, total: stepNumber.total })}</span>
      )}
      <div className="header-actions">
        <button type="button" className="btn btn-header" aria-pressed={largeText} onClick={() => flow.toggleLargeText()}>
          <span aria-hidden="true" className="large-text-icon">A+</span> {t('app.largeText')}
        </button>
        {step !== 'attract' && step !== 'done' && (
          <button type="button" className="btn btn-header btn-cancel" onClick={() => flow.askCancel(true)}>
            {t('app.cancel')}
            {language !== 'ja' && language !== 'easy' && <span lang="ja" className="cancel-ja"> / やめる</span>}
          </button>
        )}
      </div>
    </header>
  );
}

/** `hidesScreen`: nobody may be standing there, so what is behind it (name, address, birth date) cannot be read. */
function Dialog(props: { title: ReactNode; children: ReactNode; hidesScreen?: boolean }) {
  return (
    <div className={props.hidesScreen ? 'overlay overlay-opaque' : 'overlay'}>
      <div className="dialog" role="alertdialog" aria-modal="true" aria-labelledby="dialog-title">
        <h2 id="dialog-title">{props.title}</h2>
        {props.children}
      </div>
    </div>
  );
}

export function KioskApp() {
  const flow = useFlow();
  const { t, language } = useWords();
  const step = useKiosk((s) => s.step);
  const largeText = useKiosk((s) => s.largeText);
  const connected = useKiosk((s) => s.connected);
  const failed = useKiosk((s) => s.failed);
  const confirmingCancel = useKiosk((s) => s.confirmingCancel);
  const cardLeft = useKiosk(selectCardLeftOnReader);
  const warnAfterMs = useKiosk((s) => s.info?.inactivity.warnAfterMs ?? 60_000);
  const wipeAfterMs = useKiosk((s) => s.info?.inactivity.wipeAfterMs ?? 90_000);
  const [wipeOnIdle] = useState(() => () => void flow.end('inactivity'));
  const idle = useInactivity(step !== 'attract', warnAfterMs, wipeAfterMs, wipeOnIdle);

  // The PDF worker starts once the card is read (not competing with the read), while the resident takes the card.
  const beforeReview = step === 'take-card' || step === 'questions';
  useEffect(() => {
    if (beforeReview) warmPdfPages();
  }, [beforeReview]);

  useEffect(() => {
    document.documentElement.lang = languageNames[language].lang;
    // やさしい日本語 shares lang="ja" but is written with spaces between words: the CSS breaks lines only there.
    document.documentElement.dataset['language'] = language;
    document.documentElement.classList.toggle('large-text', largeText);
  }, [language, largeText]);

  const Screen = screens[step];
  return (
    <div className={`kiosk step-${step}${idle.warning ? ' kiosk-idle' : ''}`}>
      <Header />
      <main className="kiosk-main">
        {cardLeft && (
          <p className="notice notice-warning" role="alert">
            {t('app.cardLeft')}
          </p>
        )}
        {!connected && (
          <p className="notice" role="status">
            {t('app.connecting')}
          </p>
        )}
        {failed && (
          <p className="notice notice-error" role="alert">
            {t('app.error')}
            <button type="button" className="btn btn-secondary" onClick={() => flow.retryAfterError()}>
              OK
            </button>
          </p>
        )}
        <Screen />
      </main>
      {step !== 'attract' && step !== 'language' && step !== 'done' && step !== 'card' && step !== 'pin' && step !== 'take-card' && step !== 'person-card' && step !== 'questions' && step !== 'review' && (
        <footer className="kiosk-footer">
          <button type="button" className="btn btn-secondary btn-large" onClick={() => flow.back()}>
            {t('app.back')}
          </button>
        </footer>
      )}
      {confirmingCancel && (
        <Dialog title={t('cancel.title')}>
          <p className="lead">{t('cancel.body')}</p>
          <div className="nav-row">
            <button type="button" className="btn btn-secondary btn-large" autoFocus onClick={() => flow.askCancel(false)}>
              {t('cancel.no')}
            </button>
            <button type="button" className="btn btn-danger btn-large" onClick={() => void flow.end('cancel')}>
              {t('cancel.yes')}
            </button>
          </div>
        </Dialog>
      )}
      {idle.warning && (
        <Dialog title={t('idle.title')} hidesScreen>
          <p className="lead" aria-live="assertive">{t('idle.body', { n: idle.secondsLeft })}</p>
          <p className="countdown" aria-hidden="true">{idle.secondsLeft}</p>
          <div className="nav-row">
            <button type="button" className="btn btn-go btn-large" autoFocus>
              {t('idle.continue')}
            </button>
          </div>
        </Dialog>
      )}
    </div>
  );
}
