// A household person's own My Number Card, read in the visitor's session: the visitor's card taken off, the person's
// placed, their own PIN on the same pad (their own guard: never the last try), their card taken. "Back to typing" is
// always there and returns to the person's screen as it was.
import { cardErrorKey, type MessageKey } from '../../i18n';
import { useFlow, useKiosk } from '../context';
import type { PersonCardError, PersonCardStep } from '../store';
import { useWords } from '../words';
import { PlaceCardSteps } from './card';
import { PinEntry } from './pin';

/** Why the card on the reader cannot be used for this person, in the resident's words. */
function refusalKey(error: PersonCardError): MessageKey {
  if (error === 'VisitorCard') return 'personCard.visitorCard';
  if (error === 'CardAlreadyRead') return 'personCard.alreadyRead';
  if (error === 'PinBlocked') return 'personCard.blocked';
  return cardErrorKey(error);
}

export function PersonCardScreen() {
  const flow = useFlow();
  const { t } = useWords();
  const step = useKiosk((s) => s.personCard);
  const reading = useKiosk((s) => s.card.reading !== null);
  const busy = useKiosk((s) => s.busy);
  if (!step) return null;
  return (
    <section className={step.phase === 'pin' ? 'screen screen-person-card screen-pin' : 'screen screen-person-card'} aria-labelledby="screen-title">
      <div className="screen-scroll person-card-body">
        <PersonCardPhase step={step} reading={reading} busy={busy} />
      </div>
      <div className="nav-row nav-bar">
        {/* Once read, nothing is left to cancel: the button only moves on (a card left on the reader is then called out). */}
        <button type="button" className="btn btn-secondary btn-large person-card-cancel" disabled={reading} onClick={() => void flow.cancelPersonCard()}>
          {t(step.phase === 'take' ? 'app.next' : 'personCard.cancel')}
        </button>
      </div>
    </section>
  );
}

function PersonCardPhase(props: { step: PersonCardStep; reading: boolean; busy: boolean }) {
  const flow = useFlow();
  const { t } = useWords();
  const { step } = props;
  switch (step.phase) {
    case 'take-own':
    case 'take':
      return (
        <>
          <h1 id="screen-title">{t('personCard.title')}</h1>
          <div className="take-card-picture" aria-hidden="true">
            <span className="take-card-arrow">↑</span>
          </div>
          <p className="lead" role="status" aria-live="polite">
            {t(step.phase === 'take-own' ? 'personCard.takeOwn' : 'personCard.take')}
          </p>
        </>
      );
    case 'place':
      return (
        <>
          <h1 id="screen-title">{t('personCard.place')}</h1>
          <PlaceCardSteps />
          <p className="reader-state reader-state-empty" role="status" aria-live="polite">
            <span className="reader-dot" aria-hidden="true" />
            {t('card.state.waiting')}
            {props.busy && <span className="spinner" aria-hidden="true" />}
          </p>
        </>
      );
    case 'refused':
      return (
        <>
          <h1 id="screen-title">{t('personCard.title')}</h1>
          <p className="notice notice-error" role="alert">
            {t(refusalKey(step.error ?? 'UnexpectedStatus'))}
          </p>
          <div className="take-card-picture" aria-hidden="true">
            <span className="take-card-arrow">↑</span>
          </div>
          {step.error !== 'VisitorCard' && step.error !== 'CardAlreadyRead' && step.error !== 'PinBlocked' && <p className="lead">{t('personCard.placeAgain')}</p>}
        </>
      );
    case 'pin':
      // The person's own guard, as the visitor's: blocked, or one try left, stops here; unknown tries are not risked.
      if (step.triesLeft === 0 || step.triesLeft === 1 || step.triesLeft === null) {
        const key: MessageKey = step.triesLeft === 0 ? 'personCard.blocked' : step.triesLeft === 1 ? 'personCard.guard' : 'pin.triesUnknown';
        return (
          <>
            <h1 id="screen-title">{t('personCard.title')}</h1>
            <div className="clerk-path" role="alert">
              <p className="clerk-path-title">{t(key)}</p>
              <button type="button" className="btn btn-primary btn-large" onClick={() => void flow.cancelPersonCard()}>
                {t('personCard.typeInstead')}
              </button>
            </div>
          </>
        );
      }
      return (
        <>
          <h1 id="screen-title">{t('personCard.pinTitle')}</h1>
          <p className="subtitle">{t('personCard.pinHint')}</p>
          {step.error === 'WrongPin' && (
            <p className="notice notice-error" role="alert">
              {t('pin.wrong')}
            </p>
          )}
          {typeof step.triesLeft === 'number' && <p className="tries-left">{t('pin.triesLeft', { n: step.triesLeft })}</p>}
          <PinEntry reading={props.reading} onSubmit={(pin) => void flow.readPersonCard(pin)} />
        </>
      );
  }
}
