// Procedures and life-event bundles as big cards with an icon and a title; no search needed for a city's dozen.
import type { Procedure } from '../../../src-main/contract/kiosk';
import { Icon, iconFor } from '../../ui/icons';
import { useFlow, useKiosk, useKioskShallow } from '../context';
import { useWords } from '../words';

function ProcedureCard(props: { procedure: Procedure }) {
  const flow = useFlow();
  const { t, local, language } = useWords();
  const p = props.procedure;
  const busy = useKiosk((s) => s.busy);
  return (
    <button type="button" className="procedure" disabled={busy} onClick={() => void flow.chooseProcedure(p.id)}>
      <Icon name={iconFor(p.category, p.id)} size={72} />
      <span className="procedure-text">
        <span className="procedure-title">{local(p.title)}</span>
        {language !== 'ja' && language !== 'easy' && <span className="procedure-ja" lang="ja">{p.title.ja}</span>}
        {p.description && <span className="procedure-description">{local(p.description)}</span>}
        <span className="procedure-tags">
          {p.kind === 'life-event' && <span className="tag">{t('procedure.formCount', { n: p.templateIds.length })}</span>}
          {p.usesMyNumber && <span className="tag">{t('procedure.usesMyNumber')}</span>}
          {p.needsSignature && <span className="tag">{t('procedure.needsSignature')}</span>}
        </span>
      </span>
    </button>
  );
}

export function ProcedureScreen() {
  const { t } = useWords();
  const procedures = useKioskShallow((s) => s.info?.procedures ?? []);
  const lifeEvents = procedures.filter((p) => p.kind === 'life-event');
  const forms = procedures.filter((p) => p.kind === 'form');
  return (
    <section className="screen" aria-labelledby="screen-title">
      <h1 id="screen-title">{t('procedure.title')}</h1>
      {procedures.length === 0 && <p className="notice">{t('procedure.none')}</p>}
      {lifeEvents.length > 0 && (
        <>
          <h2>{t('procedure.lifeEvents')}</h2>
          <div className="procedure-list">{lifeEvents.map((p) => <ProcedureCard key={p.id} procedure={p} />)}</div>
        </>
      )}
      {forms.length > 0 && (
        <>
          <h2>{t('procedure.forms')}</h2>
          <div className="procedure-list">{forms.map((p) => <ProcedureCard key={p.id} procedure={p} />)}</div>
        </>
      )}
    </section>
  );
}
