// Procedures and life-event bundles as big cards with an icon and a title; no search needed for a city's dozen.
import type { ReactNode } from 'react';
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
  const { t, local } = useWords();
  const procedures = useKioskShallow((s) => s.info?.procedures ?? []);
  const sections = useKioskShallow((s) => s.info?.sections ?? []);
  const byId = new Map(procedures.map((p) => [p.id, p]));
  // The city's order: the most used first, then its categories. Without one: life events, then forms.
  const shown: { id: string; title: ReactNode; list: Procedure[] }[] =
    sections.length > 0 && sections.some((s) => s.title)
      ? sections.map((s) => ({ id: s.id, title: s.title ? local(s.title) : null, list: s.procedureIds.flatMap((id) => byId.get(id) ?? []) }))
      : [
          { id: 'life-events', title: t('procedure.lifeEvents'), list: procedures.filter((p) => p.kind === 'life-event') },
          { id: 'forms', title: t('procedure.forms'), list: procedures.filter((p) => p.kind === 'form') },
        ];
  return (
    <section className="screen" aria-labelledby="screen-title">
      <h1 id="screen-title">{t('procedure.title')}</h1>
      {procedures.length === 0 && <p className="notice">{t('procedure.none')}</p>}
      {shown
        .filter((s) => s.list.length > 0)
        .map((s) => (
          <div key={s.id} className="procedure-section" data-section={s.id}>
            {s.title && <h2>{s.title}</h2>}
            <div className="procedure-list">{s.list.map((p) => <ProcedureCard key={p.id} procedure={p} />)}</div>
          </div>
        ))}
    </section>
  );
}
