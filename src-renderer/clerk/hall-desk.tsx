// The desk on the hall: enrol this browser once, the clerk signs in at the hall; then the site's queue in ticket
// order with claims, the site's kiosks with their state and calls, and the live screen of the kiosk the clerk picks
// (the same mirror view as a desk paired to one kiosk: its answers corrected through the hall, no card paths); an opened submission in the paired desk's own
// paper view, which its holder corrects, confirms, finishes and prints from this browser.
import { createContext, useContext, useEffect, useState, type FormEvent } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { RETURN_REASONS, type Mirror, type ReturnReason } from '../../src-main/contract/clerk';
import type { Localized } from '../../src-main/contract/common';
import type { HallKiosk, HallQueueItem } from '../../src-main/contract/hall';
import { LanguageContext, MirrorView, useT } from './app';
import { useCallBell } from './call-bell';
import type { HallDesk, HallDeskState } from './hall-flow';
import { PaperView } from './submission-view';
import type { ClerkLanguage } from './words';
import './hall-desk.css';

export const HallDeskContext = createContext<HallDesk | null>(null);

function useHall<T>(selector: (s: HallDeskState) => T): T {
  const desk = useContext(HallDeskContext);
  if (!desk) throw new Error('hall desk screens render inside <HallDeskContext.Provider>');
  return useStore(desk.store, useShallow(selector));
}
const useHallDesk = () => useContext(HallDeskContext)!;

export function HallClerkApp() {
  const [language, setLanguage] = useState<ClerkLanguage>('ja');
  const device = useHall((s) => s.device);
  const clerk = useHall((s) => s.clerk);
  useEffect(() => void (document.documentElement.lang = language), [language]);
  return (
    <LanguageContext.Provider value={language}>
      <div className="desk hall-desk">
        <HallHeader language={language} onLanguage={setLanguage} />
        {device === false && <EnrolPage />}
        {device && !clerk && <SignInPage />}
        {device && clerk && <HallWork />}
      </div>
    </LanguageContext.Provider>
  );
}

function HallHeader(props: { language: ClerkLanguage; onLanguage(l: ClerkLanguage): void }) {
  const t = useT();
  const desk = useHallDesk();
  const { device, connected, clerk } = useHall((s) => ({ device: s.device, connected: s.connected, clerk: s.clerk }));
  return (
    <header className="desk-header">
      <h1>{t('hall.title')}</h1>
      {device && !connected && <span className="desk-offline" role="status">{t('hall.connecting')}</span>}
      {clerk && <span className="hall-who">{t('hall.signedIn', { name: clerk.name, site: clerk.site ?? t('hall.sites.all') })}</span>}
      <div className="desk-header-actions">
        <button type="button" onClick={() => props.onLanguage(props.language === 'ja' ? 'en' : 'ja')} lang={props.language === 'ja' ? 'en' : 'ja'}>
          {props.language === 'ja' ? 'English' : '日本語'}
        </button>
        {clerk && (
          <button type="button" className="desk-logout" onClick={() => void desk.signOut()}>
            {t('app.logout')}
          </button>
        )}
      </div>
    </header>
  );
}

function HallNotice() {
  const t = useT();
  const notice = useHall((s) => s.notice);
  if (!notice) return null;
  return (
    <p className={notice.error ? 'desk-notice desk-notice-error' : 'desk-notice'} role={notice.error ? 'alert' : 'status'}>
      {t(notice.key, notice.params)}
    </p>
  );
}

function EnrolPage() {
  const t = useT();
  const desk = useHallDesk();
  const [code, setCode] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void desk.enrol(code);
    setCode('');
  };
  return (
    <main className="desk-pairing">
      <form onSubmit={submit} className="desk-card">
        <h2>{t('hall.enrol.title')}</h2>
        <p>{t('hall.enrol.lead')}</p>
        <label htmlFor="enrol-code">{t('hall.enrol.code')}</label>
        <input id="enrol-code" name="enrol-code" autoComplete="off" autoCapitalize="characters" maxLength={16} value={code} onChange={(e) => setCode(e.target.value)} autoFocus />
        <button type="submit" className="desk-primary" disabled={code.replace(/[^A-Za-z0-9]/g, '').length !== 10}>
          {t('hall.enrol.submit')}
        </button>
        <HallNotice />
      </form>
    </main>
  );
}

function SignInPage() {
  const t = useT();
  const desk = useHallDesk();
  const device = useHall((s) => s.device);
  const connected = useHall((s) => s.connected);
  const [name, setName] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void desk.signIn(name, passphrase);
    setPassphrase('');
  };
  return (
    <main className="desk-pairing">
      <form onSubmit={submit} className="desk-card">
        <h2>{t('hall.signIn.title')}</h2>
        {device && <p>{t('hall.signIn.lead', { site: device.site, desk: device.name })}</p>}
        <label htmlFor="staff-name">{t('pair.name')}</label>
        <input id="staff-name" name="staff-name" autoComplete="username" autoCapitalize="off" maxLength={32} value={name} onChange={(e) => setName(e.target.value)} autoFocus />
        <label htmlFor="staff-passphrase">{t('pair.passphrase')}</label>
        <input id="staff-passphrase" name="staff-passphrase" type="password" autoComplete="current-password" maxLength={1024} value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
        <button type="submit" className="desk-primary" disabled={!connected || name.trim() === '' || passphrase === ''}>
          {t('hall.signIn.submit')}
        </button>
        <HallNotice />
      </form>
    </main>
  );
}

function HallWork() {
  const t = useT();
  const calling = useHall((s) => s.kiosks.some((k) => k.calling));
  const opened = useHall((s) => s.opened !== null);
  // The hall serves the shipped chime beside the page.
  useCallBell(calling, t, '/desk/clerk-bell.wav');
  return (
    <main className={opened ? 'desk-main hall-main hall-main-opened' : 'desk-main hall-main'}>
      <section className="desk-column">
        <HallNotice />
        <SiteChoice />
        <HallQueue />
        <HallKiosks />
      </section>
      <aside className="desk-column desk-side">{opened ? <HallOpened /> : <FollowedMirror />}</aside>
    </main>
  );
}

/** A clerk of every site picks the site shown, or all. */
function SiteChoice() {
  const t = useT();
  const desk = useHallDesk();
  const { clerk, siteShown, queue, kiosks } = useHall((s) => ({ clerk: s.clerk, siteShown: s.siteShown, queue: s.queue, kiosks: s.kiosks }));
  const [known, setKnown] = useState<string[]>([]);
  // Sites seen while all were shown stay offered after one is picked.
  useEffect(() => setKnown((k) => [...new Set([...k, ...queue.map((i) => i.site), ...kiosks.map((d) => d.site)])].sort()), [queue, kiosks]);
  if (clerk?.site !== null) return null;
  return (
    <div className="desk-row hall-sites">
      <label htmlFor="hall-site">{t('hall.sites.label')}</label>
      <select id="hall-site" value={siteShown ?? ''} onChange={(e) => void desk.showSite(e.target.value === '' ? null : e.target.value)}>
        <option value="">{t('hall.sites.all')}</option>
        {known.map((site) => <option key={site} value={site}>{site}</option>)}
      </select>
    </div>
  );
}

/** The procedure as the clerk reads it: its title, never its id. */
function titleOf(title: Localized | null, language: ClerkLanguage): string {
  return title ? (language === 'en' ? title.en : title.ja) : '—';
}

/** The opened submission: who has it, the status steps and the PDF for its holder, the paired desk's paper view. */
function HallOpened() {
  const t = useT();
  const desk = useHallDesk();
  const language = useContext(LanguageContext);
  const { opened, clerk, kiosks } = useHall((s) => ({ opened: s.opened!, clerk: s.clerk, kiosks: s.kiosks }));
  const [reason, setReason] = useState<ReturnReason>('needs-correction');
  const item = opened.hall;
  const mine = item.claimedBy !== null && item.claimedBy === clerk?.name;
  const open = item.status === 'submitted' || item.status === 'confirmed';
  const kiosk = kiosks.find((k) => k.id === item.kiosk)?.name ?? '—';
  return (
    <section className="desk-card hall-opened" aria-labelledby="hall-opened-title" data-ticket={item.ticketNumber} data-status={item.status}>
      <div className="desk-row">
        <h2 id="hall-opened-title">{t('open.title', { ticket: item.ticketNumber })}</h2>
        <span className={`desk-status desk-status-${item.status}`}>{t(`status.${item.status}`)}</span>
        <span>{titleOf(item.procedureTitle, language)}</span>
        <span className="hall-opened-place">{t('hall.opened.kiosk', { site: item.site, kiosk })}</span>
        <button type="button" onClick={() => desk.close()}>{t('open.close')}</button>
      </div>
      {!mine && (
        <p className="hall-read-only" role="status">
          {item.claimedBy === null ? t('hall.opened.notClaimed') : t('hall.opened.readOnly', { name: item.claimedBy })}
          {item.claimedBy === null && open && (
            <button type="button" className="desk-primary" onClick={() => void desk.claim(item.id)}>{t('hall.queue.claim')}</button>
          )}
        </p>
      )}
      {mine && (
        <div className="desk-row desk-actions">
          {item.status === 'submitted' && <button type="button" className="desk-primary" onClick={() => void desk.setStatus(item.id, 'confirmed')}>{t('open.confirm')}</button>}
          {item.status === 'confirmed' && <button type="button" className="desk-primary" onClick={() => void desk.setStatus(item.id, 'done')}>{t('open.done')}</button>}
          {open && (
            <span className="desk-return">
              <label htmlFor="hall-return-reason">{t('open.reason')}</label>
              <select id="hall-return-reason" value={reason} onChange={(e) => setReason(e.target.value as ReturnReason)}>
                {RETURN_REASONS.map((r) => <option key={r} value={r}>{t(`reason.${r}`)}</option>)}
              </select>
              <button type="button" onClick={() => void desk.setStatus(item.id, 'returned', reason)}>{t('open.return')}</button>
            </span>
          )}
          <button type="button" onClick={() => void desk.downloadPdf(item.id)}>{t('hall.opened.pdf')}</button>
          <button type="button" onClick={() => void desk.release(item.id)}>{t('hall.opened.release')}</button>
        </div>
      )}
      <PaperView key={item.id} language={language} paper={opened} editable={mine && open} requests={desk.paperRequests(item.id)} onView={desk.keep} />
    </section>
  );
}

function HallQueue() {
  const t = useT();
  const desk = useHallDesk();
  const language = useContext(LanguageContext);
  const { queue, kiosks, clerk, openedId, siteShown } = useHall((s) => ({ queue: s.queue, kiosks: s.kiosks, clerk: s.clerk, openedId: s.opened?.hall.id ?? null, siteShown: s.siteShown }));
  const everySite = clerk?.site === null;
  const kioskName = (id: string) => kiosks.find((k) => k.id === id)?.name ?? '—';
  // Ticket order: the site's numbers as issued; a kiosk's own offline numbers after them, by arrival.
  const ordered = [...queue].sort((a, b) => ticketOrder(a) - ticketOrder(b) || a.createdAt - b.createdAt);
  return (
    <section className="desk-card" aria-labelledby="hall-queue-title">
      <h2 id="hall-queue-title">{t('hall.queue.site', { site: clerk?.site ?? siteShown ?? t('hall.sites.all') })}</h2>
      {ordered.length === 0 ? (
        <p>{t('queue.empty')}</p>
      ) : (
        <table className="desk-queue hall-queue">
          <thead>
            <tr>
              <th scope="col">{t('queue.ticket')}</th>
              {everySite && <th scope="col">{t('hall.queue.siteColumn')}</th>}
              <th scope="col">{t('queue.procedure')}</th>
              <th scope="col">{t('hall.queue.kiosk')}</th>
              <th scope="col">{t('queue.time')}</th>
              <th scope="col">{t('queue.status')}</th>
              <th scope="col"><span className="visually-hidden">{t('hall.queue.claim')}</span></th>
              <th scope="col"><span className="visually-hidden">{t('hall.queue.open')}</span></th>
            </tr>
          </thead>
          <tbody>
            {ordered.map((item) => (
              <tr key={item.id} data-ticket={item.ticketNumber} data-site={item.site} data-held-by={item.claimedBy ?? ''} className={item.id === openedId ? 'hall-row-opened' : undefined}>
                <td className="desk-ticket">
                  {item.ticketNumber}
                  {item.offline && <span className="hall-offline-ticket"> {t('hall.queue.offline')}</span>}
                </td>
                {everySite && <td>{item.site}</td>}
                <td>{titleOf(item.procedureTitle, language)}</td>
                <td>{kioskName(item.kiosk)}</td>
                <td>{new Date(item.createdAt).toLocaleTimeString('ja-JP', { hour: '2-digit', minute: '2-digit' })}</td>
                <td>
                  <span className={`desk-status desk-status-${item.status}`}>{t(`status.${item.status}`)}</span>
                </td>
                <td>
                  {item.claimedBy === null ? (
                    <button type="button" className="desk-primary" onClick={() => void desk.claim(item.id)}>{t('hall.queue.claim')}</button>
                  ) : (
                    <span className="hall-held">{item.claimedBy === clerk?.name ? t('hall.queue.mine') : t('hall.queue.heldBy', { name: item.claimedBy })}</span>
                  )}
                </td>
                <td>
                  <button type="button" aria-pressed={item.id === openedId} onClick={() => void desk.open(item.id)} aria-label={`${t('hall.queue.open')}: ${item.ticketNumber}`}>
                    {t('hall.queue.open')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function ticketOrder(item: HallQueueItem): number {
  return item.offline ? Number.MAX_SAFE_INTEGER : Number(item.ticketNumber);
}

function HallKiosks() {
  const t = useT();
  const desk = useHallDesk();
  const { kiosks, followed, everySite } = useHall((s) => ({ kiosks: s.kiosks, followed: s.followed, everySite: s.clerk?.site === null }));
  return (
    <section className="desk-card" aria-labelledby="hall-kiosks-title">
      <h2 id="hall-kiosks-title">{t('hall.kiosks.title')}</h2>
      {kiosks.length === 0 ? (
        <p>{t('hall.kiosks.none')}</p>
      ) : (
        <ul className="hall-kiosks">
          {kiosks.map((k) => (
            <li key={k.id} className={`hall-kiosk${k.calling ? ' hall-kiosk-calling' : ''}${k.id === followed ? ' hall-kiosk-followed' : ''}`} data-kiosk={k.name}>
              <span className="hall-kiosk-name">
                {everySite && <span className="hall-kiosk-site">{k.site} · </span>}
                {k.name}
              </span>
              <span className={k.online ? 'hall-online' : 'hall-not-online'}>{k.online ? t('hall.kiosks.online') : t('hall.kiosks.offline')}</span>
              <KioskFacts kiosk={k} />
              {k.calling && <span className="desk-call hall-call" role="alert">{t('hall.kiosks.calling')}</span>}
              <button type="button" disabled={k.id === followed} aria-pressed={k.id === followed} onClick={() => void desk.follow(k.id)}>
                {k.id === followed ? t('hall.kiosks.following') : t('hall.kiosks.follow')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function KioskFacts({ kiosk }: { kiosk: HallKiosk }) {
  const t = useT();
  const reader = kiosk.reader === 'present' || kiosk.reader === 'absent' || kiosk.reader === 'card' || kiosk.reader === 'unavailable' ? t(`hall.reader.${kiosk.reader}`) : '—';
  return (
    <span className="hall-kiosk-facts">
      {t('hall.kiosks.reader')}: {reader} · {t('hall.kiosks.version')}: {kiosk.version ?? '—'} · {t('hall.kiosks.lastSeen')}:{' '}
      {kiosk.lastSeenAt === null ? t('hall.kiosks.never') : new Date(kiosk.lastSeenAt).toLocaleTimeString('ja-JP', { hour: '2-digit', minute: '2-digit', second: '2-digit' })}
    </span>
  );
}

function FollowedMirror() {
  const t = useT();
  const desk = useHallDesk();
  const { mirror, followed, kiosks } = useHall((s) => ({ mirror: s.mirror, followed: s.followed, kiosks: s.kiosks }));
  const name = kiosks.find((k) => k.id === followed)?.name ?? '';
  if (followed === null) return <section className="desk-card hall-mirror-empty"><p>{t('hall.mirror.pick')}</p></section>;
  if (mirror === null) return <section className="desk-card hall-mirror-empty"><h2>{t('hall.mirror.title', { kiosk: name })}</h2><p>{t('hall.mirror.gone')}</p></section>;
  // The hall relays the kiosk's own mirror unchanged (checked against the contract's schema on the way).
  return <MirrorView mirror={mirror as Mirror} watchOnly title={t('hall.mirror.title', { kiosk: name })} correct={(key, value) => desk.correctLive(key, value)} />;
}
