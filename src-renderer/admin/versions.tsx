// A document's versions: who saved each and when, which one is live; publish a newer one, roll back to an earlier
// one, export one as a file, import a file as a new version.
import { useEffect, useState } from 'react';
import type { DocumentKind, VersionInfo } from '../../src-main/contract/admin';
import { Notice } from './notice';
import { AdminCallError, call, downloadText } from './client';
import { failureNotice, useAdmin, useAdminStore, useNavigate, useT } from './context';
import { ImportFile } from './import-file';
import { cityDateTime } from './city-time';

export function VersionsScreen({ kind, id }: { kind: DocumentKind; id: string }) {
  const t = useT();
  const admin = useAdminStore();
  const go = useNavigate();
  const lang = useAdmin((s) => s.lang);
  const [versions, setVersions] = useState<VersionInfo[] | null>(null);
  const [busy, setBusy] = useState(false);
  const reload = () => call('documents.versions', { kind, id }).then((r) => setVersions(r.versions), (e: unknown) => admin.setState({ notice: failureNotice(e) }));
  useEffect(() => void reload(), []);
  const live = versions?.find((v) => v.live)?.version ?? null;

  const act = async (what: 'publish' | 'rollback' | 'export', version: number) => {
    setBusy(true);
    try {
      if (what === 'export') {
        const r = await call('documents.export', { kind, id, version });
        downloadText(r.fileName, r.text);
        admin.setState({ notice: { key: 'versions.exported', params: { file: r.fileName } } });
      } else {
        const r = await call(what === 'publish' ? 'documents.publish' : 'documents.rollback', { kind, id, version });
        admin.setState({ notice: { key: what === 'publish' ? 'designer.published' : 'versions.rolledBack', params: { version: r.liveVersion } } });
        await reload();
      }
    } catch (e) {
      // A form the publish checks stop is published from the designer, where the problems are listed.
      admin.setState({ notice: e instanceof AdminCallError && e.code === 'publish-problems' ? { key: 'check.refused', params: {}, error: true } : failureNotice(e) });
    } finally {
      setBusy(false);
    }
  };

  const time = (ms: number) => cityDateTime(ms, lang, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <main className="admin-page">
      <div className="admin-page-head">
        <button type="button" onClick={() => go({ screen: 'documents' })}>← {t('nav.documents')}</button>
        <h2>{t('versions.title')} <code>{id}</code></h2>
        <button type="button" onClick={() => go(kind === 'template' ? { screen: 'template', id } : { screen: 'bundle', id })}>{t('versions.edit')}</button>
      </div>
      <Notice />
      <section className="admin-card" aria-labelledby="versions-list">
        <h3 id="versions-list">{t('versions.list')}</h3>
        {versions === null ? (
          <p>{t('app.loading')}</p>
        ) : (
          <table className="admin-table admin-versions">
            <thead>
              <tr>
                <th scope="col">{t('versions.version')}</th>
                <th scope="col">{t('versions.savedAt')}</th>
                <th scope="col">{t('versions.savedBy')}</th>
                <th scope="col">{t('versions.note')}</th>
                <th scope="col">{t('versions.state')}</th>
                <th scope="col"><span className="visually-hidden">{t('docs.colActions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {[...versions].sort((a, b) => b.version - a.version).map((v) => (
                <tr key={v.version} data-version={v.version} className={v.live ? 'is-live' : undefined}>
                  <td>v{v.version}</td>
                  <td>{time(v.savedAt)}</td>
                  <td>{v.savedBy === 'files' ? t('versions.fromFiles') : v.savedBy}</td>
                  <td>{v.note ?? ''}</td>
                  <td>
                    {v.live ? <span className="admin-badge admin-badge-live">{t('versions.live')}</span> : v.publishedAt ? t('versions.wasLive', { at: time(v.publishedAt) }) : t('versions.draft')}
                  </td>
                  <td className="admin-row-actions">
                    <button type="button" onClick={() => go(kind === 'template' ? { screen: 'template', id, version: v.version } : { screen: 'bundle', id, version: v.version })}>{t('versions.open')}</button>
                    {!v.live && (live === null || v.version > live) && (
                      <button type="button" className="admin-primary" disabled={busy} onClick={() => void act('publish', v.version)}>{t('versions.publish')}</button>
                    )}
                    {!v.live && live !== null && v.version < live && (
                      <button type="button" disabled={busy} onClick={() => confirm(t('versions.confirmRollback', { version: v.version })) && void act('rollback', v.version)}>{t('versions.rollback')}</button>
                    )}
                    <button type="button" disabled={busy} onClick={() => void act('export', v.version)}>{t('versions.export')}</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="admin-card" aria-labelledby="versions-import">
        <h3 id="versions-import">{t('import.title')}</h3>
        <p>{t('import.lead')}</p>
        <ImportFile onImported={(r) => {
          admin.setState({ notice: { key: 'import.done', params: { id: r.id, version: r.version } } });
          if (r.kind === kind && r.id === id) void reload();
        }} />
      </section>
    </main>
  );
}
