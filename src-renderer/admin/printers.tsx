// The city's printer per procedure: forms of a procedure listed here print on that CUPS destination at every desk
// (special paper, a back office); the others on each desk's own choice. Kept in <data>/procedure-printers.json.
import { useEffect, useState } from 'react';
import type { ProcedurePrinters } from '../../src-main/contract/admin';
import { Notice } from './notice';
import { AdminCallError, call } from './client';
import { failureNotice, useAdmin, useAdminStore, useT } from './context';

export function PrintersScreen() {
  const t = useT();
  const admin = useAdminStore();
  const lang = useAdmin((s) => s.lang);
  const [state, setState] = useState<ProcedurePrinters | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  useEffect(() => void call('printers.get', {}).then(setState, (e: unknown) => admin.setState({ notice: failureNotice(e) })), [admin]);

  const choose = async (procedureId: string, printer: string | null) => {
    setBusy(procedureId);
    try {
      setState(await call('printers.setProcedure', { procedureId, printer }));
      admin.setState({ notice: { key: 'printers.saved', params: {}, error: false } });
    } catch (e) {
      const code = e instanceof AdminCallError ? e.code : undefined;
      admin.setState({ notice: code === 'broken-file' || code === 'unknown-printer' ? { key: `printers.${code}`, error: true } : failureNotice(e) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <main className="admin-page">
      <div className="admin-page-head"><h2>{t('printers.title')}</h2></div>
      <Notice />
      <section className="admin-card" aria-labelledby="printers-list">
        <h3 id="printers-list" className="visually-hidden">{t('printers.title')}</h3>
        <p>{t('printers.intro')}</p>
        {state === null ? <p>{t('app.loading')}</p> : (
          <>
            {state.cups !== 'ok' && <p className="admin-problem" role="alert">{t(state.cups === 'timeout' ? 'printers.cupsTimeout' : 'printers.noCups')}</p>}
            <table className="admin-table admin-printers">
              <thead>
                <tr>
                  <th scope="col">{t('printers.procedure')}</th>
                  <th scope="col">{t('printers.printer')}</th>
                </tr>
              </thead>
              <tbody>
                {state.procedures.map((p) => {
                  const chosen = state.byProcedure[p.id] ?? '';
                  // A printer set earlier that CUPS no longer lists stays visible, marked, until IT staff change it.
                  const missing = chosen !== '' && !state.printers.some((d) => d.name === chosen);
                  const title = lang === 'ja' ? p.title.ja : p.title.en;
                  return (
                    <tr key={p.id} data-procedure={p.id}>
                      <th scope="row">{title} <small>{t(p.kind === 'life-event' ? 'printers.lifeEvent' : 'printers.form')}</small></th>
                      <td>
                        <select aria-label={`${t('printers.printer')}: ${title}`} value={chosen} disabled={busy !== null} onChange={(e) => void choose(p.id, e.target.value === '' ? null : e.target.value)}>
                          <option value="">{t('printers.deskOwn')}</option>
                          {missing && <option value={chosen}>{t('printers.missing', { name: chosen })}</option>}
                          {state.printers.map((d) => (
                            <option key={d.name} value={d.name}>{d.name}{d.accepting ? '' : ` (${t('printers.notAccepting')})`}</option>
                          ))}
                        </select>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </>
        )}
      </section>
    </main>
  );
}
