// Who did what to the forms, and when: sign-ins, saves, publishing, roll-backs, imports and exports. Never values.
import { useEffect, useState } from 'react';
import type { AuditEntry } from '../../src-main/contract/admin';
import { Notice } from './notice';
import { call } from './client';
import { failureNotice, useAdmin, useAdminStore, useT } from './context';
import type { AdminWord } from './words';
import { cityDateTime } from './city-time';

export function AuditScreen() {
  const t = useT();
  const admin = useAdminStore();
  const lang = useAdmin((s) => s.lang);
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  useEffect(() => void call('audit.list', { limit: 500 }).then((r) => setEntries(r.entries), (e: unknown) => admin.setState({ notice: failureNotice(e) })), [admin]);
  return (
    <main className="admin-page">
      <div className="admin-page-head"><h2>{t('audit.title')}</h2></div>
      <Notice />
      <section className="admin-card" aria-labelledby="audit-list">
        <h3 id="audit-list" className="visually-hidden">{t('audit.title')}</h3>
        {entries === null ? <p>{t('app.loading')}</p> : entries.length === 0 ? <p>{t('audit.none')}</p> : (
          <table className="admin-table admin-audit">
            <thead>
              <tr>
                <th scope="col">{t('audit.at')}</th>
                <th scope="col">{t('audit.who')}</th>
                <th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.document')}</th>
                <th scope="col">{t('audit.detail')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e, i) => (
                <tr key={i} data-action={e.action}>
                  <td>{cityDateTime(e.at, lang)}</td>
                  <td>{e.who}</td>
                  <td>{t(`audit.${e.action}` as AdminWord)}</td>
                  <td>{e.documentId ? <><code>{e.documentId}</code>{e.version !== undefined && ` v${e.version}`}</> : '—'}</td>
                  <td>{e.detail ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </main>
  );
}
