// The PIN pad: fixed 0–9 layout, four masked dots, tries left shown before the first key. At one try left the
// pad is replaced by the guard's message and the clerk path; a blocked card gets only the clerk path.
import { useState } from 'react';
import { Keypad } from '../../field-types/kiosk-input';
import { useFlow, useKiosk } from '../context';
import { selectPinMode } from '../store';
import { useWords } from '../words';
import { ReadingProgress } from './card';

const PIN_LENGTH = 4;

/** After a call: a clerk is promised only when a desk is paired to hear it; otherwise the counter is named. */
function ClerkAnswer() {
  const { t } = useWords();
  const answer = useKiosk((s) => s.card.clerkAnswer);
  if (answer === null)
    return (
      <p className="reader-state" role="status">
        <span className="spinner" aria-hidden="true" />
        {t('pin.calling')}
      </p>
    );
  return <p className="notice notice-calm" role="status">{t(answer === 'coming' ? 'pin.clerkComing' : 'pin.noDesk')}</p>;
}

function ClerkPath(props: { title: 'pin.guardTitle' | 'pin.blockedTitle' | 'pin.triesUnknown' | 'pin.forgotTitle'; body?: 'pin.guardBody' | 'pin.blockedBody' | 'pin.forgotBody' }) {
  const flow = useFlow();
  const { t } = useWords();
  const clerkCalled = useKiosk((s) => s.card.clerkCalled);
  return (
    <div className="clerk-path" role="alert">
      <h2 className="clerk-path-title">{t(props.title)}</h2>
      {props.body && <p className="lead">{t(props.body)}</p>}
      {clerkCalled ? (
        <ClerkAnswer />
      ) : (
        <button type="button" className="btn btn-primary btn-large" onClick={() => flow.callClerk()}>
          {t('pin.askClerk')}
        </button>
      )}
    </div>
  );
}

/** The one PIN pad, the visitor's and a household person's alike: four masked dots, the fixed 0–9 pad. The PIN lives
 *  only here, in this component's own state: sent once, then cleared, never in the store. */
export function PinEntry(props: { reading: boolean; onSubmit(pin: string): void }) {
  const { t, say } = useWords();
  const [pin, setPin] = useState('');
  const submit = () => {
    const typed = pin;
    setPin('');
    props.onSubmit(typed);
  };
  return (
    <>
      <div className="pin-dots" role="img" aria-label={say('pin.entered', { n: pin.length })} aria-live="polite">
        {Array.from({ length: PIN_LENGTH }, (_, i) => (
          <span key={i} className={i < pin.length ? 'pin-dot pin-dot-filled' : 'pin-dot'} />
        ))}
      </div>
      {props.reading ? (
        <ReadingProgress />
      ) : (
        <div className="pin-pad">
          <Keypad
            onDigit={(d) => pin.length < PIN_LENGTH && setPin(pin + d)}
            onBackspace={() => setPin(pin.slice(0, -1))}
            onClear={() => setPin('')}
            word={(w) => t(w === 'clear' ? 'pin.clear' : 'pin.backspace')}
            wordText={(w) => say(w === 'clear' ? 'pin.clear' : 'pin.backspace')}
          />
          <button type="button" className="btn btn-go btn-large" disabled={pin.length !== PIN_LENGTH} onClick={submit}>
            {t('pin.ok')}
          </button>
        </div>
      )}
    </>
  );
}

export function PinScreen() {
  const flow = useFlow();
  const { t } = useWords();
  const mode = useKiosk(selectPinMode);
  const triesLeft = useKiosk((s) => s.card.triesLeft);
  const wrong = useKiosk((s) => s.card.error === 'WrongPin');
  const reading = useKiosk((s) => s.card.reading !== null);
  const forgot = useKiosk((s) => s.card.forgotPin === true);
  if (mode === 'blocked') return <section className="screen"><ClerkPath title="pin.blockedTitle" body="pin.blockedBody" /></section>;
  if (mode === 'guard') return <section className="screen"><ClerkPath title="pin.guardTitle" body="pin.guardBody" /></section>;
  if (mode === 'unknown') return <section className="screen"><ClerkPath title="pin.triesUnknown" /></section>;

  return (
    <section className="screen screen-pin" aria-labelledby="screen-title">
      <h1 id="screen-title">{t('pin.title')}</h1>
      <p className="subtitle">{t('pin.hint')}</p>
      {wrong && (
        <p className="notice notice-error" role="alert">
          {t('pin.wrong')}
        </p>
      )}
      {typeof triesLeft === 'number' && <p className="tries-left">{t('pin.triesLeft', { n: triesLeft })}</p>}
      <PinEntry reading={reading} onSubmit={(pin) => void flow.readCard(pin)} />
      {forgot ? (
        <ClerkPath title="pin.forgotTitle" body="pin.forgotBody" />
      ) : (
        <button type="button" className="btn btn-link" onClick={() => flow.forgotPin()}>
          {t('pin.forgot')}
        </button>
      )}
    </section>
  );
}
