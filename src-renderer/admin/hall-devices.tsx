// 端末: every kiosk and desk of the city with its state (online, the forms version it runs, its card reader, last
// seen), an enrolment code for a named kiosk or desk of a site — shown once, large — and revocation after a confirm.
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import type { HallKiosk } from '../../src-main/contract/hall';
import { HallRequestFailed } from '../rpc/hall';
import { cityDateTime } from './city-time';
import { useAdmin, useAdminStore, useT } from './context';
import { hallFailure, useHall } from './hall-app';
import { Notice } from './notice';
import type { AdminWord } from './words';

const REFRESH_MS = 15_000;
const SITE = /^[a-z0-9][a-z0-9-]{0,31}$/;

export function HallDevicesScreen() {
  const t = useT();
  const hall = useHall();
  const admin = useAdminStore();
  const lang = useAdmin((s) => s.lang);
  const [devices, setDevices] = useState<HallKiosk[] | null>(null);
  /** The device this browser is: its enrolment cookie names it to the hall. */
  const [thisDevice, setThisDevice] = useState<string | null>(null);
  const [issued, setIssued] = useState<{ kind: 'kiosk' | 'desk'; site: string; name: string; code: string; expiresAt: number } | null>(null);

  const load = useCallback(() => {
    hall.request('devices.list', {}).then(
      (r) => {
        setDevices(r.devices);
        setThisDevice(r.thisDevice);
      },
      (e: unknown) => admin.setState({ notice: hallFailure(e) }),
    );
  }, [hall, admin]);
  useEffect(() => {
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);

  const revoke = async (d: HallKiosk) => {
    if (!confirm(t('hall.devices.revokeConfirm', { name: d.name, site: d.site }))) return;
    try {
      await hall.request('enrolment.revoke', { deviceId: d.id });
      admin.setState({ notice: { key: 'hall.devices.revoked', params: { name: d.name } } });
      load();
    } catch (e) {
      admin.setState({ notice: hallFailure(e) });
    }
  };

  return (
    <main className="admin-page hall-devices">
      <div className="admin-page-head">
        <h2>{t('hall.devices.title')}</h2>
        <button type="button" onClick={load}>{t('hall.devices.refresh')}</button>
      </div>
      <Notice />
      {issued ? <IssuedCode issued={issued} onClose={() => setIssued(null)} /> : <IssueForm onIssued={(i) => {
        setIssued(i);
        load();
      }} />}
      <section className="admin-card" aria-labelledby="hall-devices-list">
        <h3 id="hall-devices-list">{t('hall.devices.title')}</h3>
        {devices === null ? <p>{t('app.loading')}</p> : devices.length === 0 ? <p>{t('hall.devices.none')}</p> : (
          <table className="admin-table">
            <thead>
              <tr>
                <th scope="col">{t('hall.devices.name')}</th>
                <th scope="col">{t('hall.devices.site')}</th>
                <th scope="col">{t('hall.devices.kind')}</th>
                <th scope="col">{t('hall.devices.state')}</th>
                <th scope="col">{t('hall.devices.version')}</th>
                <th scope="col">{t('hall.devices.reader')}</th>
                <th scope="col">{t('hall.devices.lastSeen')}</th>
                <th scope="col">{t('hall.devices.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {devices.map((d) => (
                <tr key={d.id} data-device={d.name} className={d.id === thisDevice ? 'hall-this-device' : undefined} data-this-device={d.id === thisDevice || undefined}>
                  <th scope="row">
                    {d.name}
                    {d.id === thisDevice && <span className="admin-badge hall-this-device-badge">{t('hall.devices.thisDevice')}</span>}
                  </th>
                  <td>{d.site}</td>
                  <td>{t(`hall.kind.${d.kind}`)}</td>
                  <td>
                    <span className={`hall-state hall-state-${stateOf(d)}`}>{t(`hall.state.${stateOf(d)}`)}</span>
                    {d.calling && <span className="admin-badge">{t('hall.state.calling')}</span>}
                  </td>
                  <td>{d.version ? <code>{d.version}</code> : '—'}</td>
                  <td>{d.reader && ['present', 'absent', 'card', 'unavailable'].includes(d.reader) ? t(`hall.reader.${d.reader}` as AdminWord) : '—'}</td>
                  <td>{d.lastSeenAt ? cityDateTime(d.lastSeenAt, lang) : '—'}</td>
                  <td>{!d.revoked && <button type="button" className="admin-danger" onClick={() => void revoke(d)} aria-label={`${t('hall.devices.revoke')}: ${d.name}`}>{t('hall.devices.revoke')}</button>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </main>
  );
}

function stateOf(d: HallKiosk): 'online' | 'offline' | 'revoked' | 'waiting' | 'enrolled' {
  if (d.revoked) return 'revoked';
  if (!d.enrolled) return 'waiting';
  // Only kiosks report their state; a desk is listed as enrolled.
  if (d.kind === 'desk' && d.lastSeenAt === null) return 'enrolled';
  return d.online ? 'online' : 'offline';
}

function IssueForm({ onIssued }: { onIssued(issued: { kind: 'kiosk' | 'desk'; site: string; name: string; code: string; expiresAt: number }): void }) {
  const t = useT();
  const hall = useHall();
  const admin = useAdminStore();
  const ids = { kind: useId(), site: useId(), name: useId() };
  const [kind, setKind] = useState<'kiosk' | 'desk'>('kiosk');
  const [site, setSite] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const r = await hall.request('enrolment.issue', { kind, site, name: name.trim() });
      admin.setState({ notice: null });
      setName('');
      onIssued({ kind, site, name: name.trim(), code: r.code, expiresAt: r.expiresAt });
    } catch (err) {
      admin.setState({ notice: err instanceof HallRequestFailed && err.code === 'forbidden' ? { key: 'hall.issue.revokedName', error: true } : hallFailure(err) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="admin-card hall-issue" onSubmit={(e) => void submit(e)} aria-labelledby="hall-issue-title">
      <h3 id="hall-issue-title">{t('hall.issue.title')}</h3>
      <div className="admin-row">
        <label htmlFor={ids.kind}>{t('hall.issue.kind')}</label>
        <select id={ids.kind} value={kind} onChange={(e) => setKind(e.target.value === 'desk' ? 'desk' : 'kiosk')}>
          <option value="kiosk">{t('hall.kind.kiosk')}</option>
          <option value="desk">{t('hall.kind.desk')}</option>
        </select>
        <label htmlFor={ids.site}>{t('hall.issue.site')}</label>
        <input id={ids.site} required pattern="[a-z0-9][a-z0-9\-]{0,31}" maxLength={32} value={site} onChange={(e) => setSite(e.target.value.trim())} autoCapitalize="off" spellCheck={false} />
        <label htmlFor={ids.name}>{t('hall.issue.name')}</label>
        <input id={ids.name} required maxLength={64} value={name} onChange={(e) => setName(e.target.value)} />
        <button type="submit" className="admin-primary" disabled={busy || !SITE.test(site) || name.trim() === ''}>{t('hall.issue.submit')}</button>
      </div>
    </form>
  );
}

/** The code once, large enough to read across the room; closing it drops it from the page for good. */
function IssuedCode({ issued, onClose }: { issued: { kind: 'kiosk' | 'desk'; site: string; name: string; code: string; expiresAt: number }; onClose(): void }) {
  const t = useT();
  const lang = useAdmin((s) => s.lang);
  return (
    <section className="admin-card hall-code" aria-labelledby="hall-code-title">
      <h3 id="hall-code-title">{t('hall.issue.codeTitle', { name: issued.name, site: issued.site })}</h3>
      <p className="hall-code-value" data-code={issued.code}>{issued.code}</p>
      <p>{t('hall.issue.once', { until: cityDateTime(issued.expiresAt, lang) })}</p>
      {issued.kind === 'kiosk' ? (
        <p>
          {t('hall.issue.kioskHow')} <code>npx kakanai kiosk join --hall https://{location.host} --code {issued.code} --ca ca.pem</code>
        </p>
      ) : (
        <p>{t('hall.issue.deskHow', { url: `https://${location.host}/desk/` })}</p>
      )}
      <button type="button" className="admin-primary" onClick={onClose} autoFocus>{t('app.close')}</button>
    </section>
  );
}
