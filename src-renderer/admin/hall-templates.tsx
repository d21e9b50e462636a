// 様式: the forms and bundles saved at the hall, each with its versions and the live one; publishing a version makes it
// every joined kiosk's for its next session. A version the designer's publish checks refuse shows their problems.
import { useCallback, useEffect, useState } from 'react';
import type { PublishProblem } from '../../src-main/contract/admin';
import type { HallDocument } from '../../src-main/contract/hall';
import { HallRequestFailed } from '../rpc/hall';
import { cityDateTime } from './city-time';
import { useAdmin, useAdminStore, useT } from './context';
import { useProblemText } from './designer/publish-check';
import { hallFailure, useHall } from './hall-app';
import { Notice } from './notice';

type Refusal = { key: string; version: number; problems: PublishProblem[] } | { key: string; version: number; conflict: true };

export function HallTemplatesScreen() {
  const t = useT();
  const hall = useHall();
  const admin = useAdminStore();
  const [documents, setDocuments] = useState<HallDocument[] | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);
  const lang = useAdmin((s) => s.lang);

  const load = useCallback(() => {
    hall.request('templates.list', {}).then(
      (r) => setDocuments(r.documents),
      (e: unknown) => admin.setState({ notice: hallFailure(e) }),
    );
  }, [hall, admin]);
  useEffect(load, [load]);

  const publish = async (d: HallDocument, version: number) => {
    setBusy(true);
    setRefusal(null);
    try {
      await hall.request('templates.publish', { kind: d.kind, id: d.id, version });
      admin.setState({ notice: { key: 'hall.templates.published', params: { title: d.title[lang] ?? d.title.ja, version } } });
      load();
    } catch (e) {
      const key = `${d.kind}:${d.id}`;
      admin.setState({ notice: null });
      if (e instanceof HallRequestFailed && e.code === 'publish-problems') setRefusal({ key, version, problems: e.problems ?? [] });
      else if (e instanceof HallRequestFailed && e.code === 'conflict') setRefusal({ key, version, conflict: true });
      else admin.setState({ notice: hallFailure(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="admin-page hall-templates">
      <div className="admin-page-head">
        <h2>{t('hall.templates.title')}</h2>
      </div>
      <Notice />
      <p>{t('hall.templates.lead')}</p>
      {documents === null ? <p>{t('app.loading')}</p> : documents.length === 0 ? <p>{t('hall.templates.none')}</p> : documents.map((d) => {
        const key = `${d.kind}:${d.id}`;
        const refused = refusal?.key === key ? refusal : null;
        return (
          <section key={key} className="admin-card hall-document" aria-labelledby={`doc-${key}`} data-document={d.id}>
            <div className="admin-row">
              <h3 id={`doc-${key}`}>
                {d.title[lang] ?? d.title.ja} <code>{d.id}</code>
                {d.kind === 'bundle' && <span className="admin-badge">{t('figures.lifeEvent')}</span>}
              </h3>
              <span className={d.liveVersion === null ? 'admin-badge' : 'admin-badge hall-live'}>
                {d.liveVersion === null ? t('hall.templates.notLive') : t('hall.templates.live', { version: d.liveVersion })}
              </span>
            </div>
            {refused && (
              <div className="admin-notice admin-notice-error" role="alert">
                {'conflict' in refused ? t('hall.templates.conflict') : (
                  <>
                    {t('hall.templates.problems', { version: refused.version })}
                    <ProblemList problems={refused.problems} />
                  </>
                )}
              </div>
            )}
            <table className="admin-table">
              <thead>
                <tr>
                  <th scope="col" className="num">{t('hall.templates.version')}</th>
                  <th scope="col">{t('hall.templates.savedBy')}</th>
                  <th scope="col">{t('hall.templates.savedAt')}</th>
                  <th scope="col">{t('hall.templates.note')}</th>
                  <th scope="col">{t('hall.devices.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {d.versions.map((v) => (
                  <tr key={v.version} className={v.live ? 'is-live' : undefined}>
                    <td className="num">v{v.version}</td>
                    <td>{v.savedBy}</td>
                    <td>{cityDateTime(v.savedAt, lang)}</td>
                    <td>{v.note ?? ''}</td>
                    <td>
                      {v.live ? <span className="admin-badge hall-live">{t('hall.templates.live', { version: v.version })}</span> : (
                        <button type="button" className="admin-primary" disabled={busy} onClick={() => void publish(d, v.version)}>
                          {t('hall.templates.publish', { version: v.version })}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        );
      })}
      <p className="hall-hint">{t('hall.templates.fromKiosk')}</p>
    </main>
  );
}

function ProblemList({ problems }: { problems: PublishProblem[] }) {
  const text = useProblemText();
  return (
    <ul>
      {problems.map((p, i) => <li key={i} data-problem={p.code}>{text(p, [])}</li>)}
    </ul>
  );
}
