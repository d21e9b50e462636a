// Placing the card (live reader state, progress while reading) and taking it back after the read.
import { CardOnReader } from '../../ui/icons';
import { cardErrorKey } from '../../i18n';
import { useFlow, useKiosk } from '../context';
import { useWords } from '../words';

export function ReadingProgress() {
  const { t, say } = useWords();
  const reading = useKiosk((s) => s.card.reading);
  if (!reading) return null;
  return (
    <div className="reading" role="status" aria-live="polite">
      <p className="reading-label">{t('card.reading')}</p>
      <progress className="reading-bar" max={reading.total} value={reading.done} aria-label={say('card.reading')} />
      {reading.total > 1 && <p>{t('card.progress', { done: reading.done, total: reading.total })}</p>}
    </div>
  );
}

/** The card on the reader and the three steps: for the visitor's card and a family member's alike. */
export function PlaceCardSteps() {
  const { t, say } = useWords();
  return (
    <div className="card-layout">
      <CardOnReader label={say('card.illustration')} />
      <ol className="card-steps">
        <li>{t('card.step1')}</li>
        <li>{t('card.step2')}</li>
        <li>{t('card.step3')}</li>
      </ol>
    </div>
  );
}

export function CardScreen() {
  const { t } = useWords();
  const reader = useKiosk((s) => s.reader);
  const error = useKiosk((s) => s.card.error);
  const busy = useKiosk((s) => s.busy);
  // A card that could not be used is not "confirmed": the line asks for it to be taken and the right one placed.
  const refused = error !== null && error !== 'WrongPin';
  const state = !reader.service
    ? 'card.state.noService'
    : !reader.reader
      ? 'card.state.noReader'
      : reader.card === 'present'
        ? refused
          ? 'card.state.takeBack'
          : 'card.state.present'
        : 'card.state.waiting';
  return (
    <section className="screen screen-card" aria-labelledby="screen-title">
      <h1 id="screen-title">{t('card.title')}</h1>
      <PlaceCardSteps />
      {error && error !== 'WrongPin' && (
        <p className="notice notice-error" role="alert">
          {t(cardErrorKey(error))}
        </p>
      )}
      <p className={`reader-state reader-state-${refused && reader.card === 'present' ? 'refused' : reader.card}`} role="status" aria-live="polite">
        <span className="reader-dot" aria-hidden="true" />
        {t(state)}
        {busy && reader.card === 'present' && <span className="spinner" aria-hidden="true" />}
      </p>
      <ReadingProgress />
    </section>
  );
}

export function TakeCardScreen() {
  const flow = useFlow();
  const { t } = useWords();
  const demo = useKiosk((s) => s.info?.demo ?? false);
  return (
    <section className="screen screen-take-card" aria-labelledby="screen-title">
      <h1 id="screen-title">{t('takeCard.title')}</h1>
      <div className="take-card-picture" aria-hidden="true">
        <span className="take-card-arrow">↑</span>
      </div>
      <p className="lead">{t('takeCard.body')}</p>
      <p className="reader-state" role="status" aria-live="polite">
        <span className="spinner" aria-hidden="true" />
        {t('takeCard.waiting')}
      </p>
      {demo && (
        <button type="button" className="btn btn-secondary btn-large demo-continue" onClick={() => flow.continueWithDemoCard()}>
          {t('takeCard.demoContinue')}
        </button>
      )}
    </section>
  );
}
