// The admin app at the city hall (/admin/ of `kakanai hall serve`): this browser is enrolled once as a desk (the
// hall's HttpOnly cookie), an IT staff member signs in with the hall's staff sign-in over its socket, and has the
// city's devices, the forms published at the hall, and the figures city-wide, per site or per kiosk. A clerk signing
// in here is signed out again and gets nothing; the hall refuses every admin request but to the `it` role anyway.
import { createContext, useContext, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { HallKiosk } from '../../src-main/contract/hall';
import { connectHall, enrolHallDevice, HallRequestFailed, type HallConnection } from '../rpc/hall';
import { cityDay } from './city-time';
import type { SignInResult } from './client';
import { useAdmin, useAdminStore, useT } from './context';
import { FiguresScreen, type FiguresSource } from './figures';
import { HallDevicesScreen } from './hall-devices';
import { HallTemplatesScreen } from './hall-templates';
import { LanguageButton } from './language-button';
import { SignInScreen } from './sign-in';
import type { AdminWord } from './words';

type HallScreen = 'devices' | 'templates' | 'figures';
const SCREENS: { screen: HallScreen; word: AdminWord }[] = [
  { screen: 'devices', word: 'hall.nav.devices' },
  { screen: 'templates', word: 'hall.nav.templates' },
  { screen: 'figures', word: 'hall.nav.figures' },
];
const screenOf = (hash: string): HallScreen => SCREENS.find((s) => `#/${s.screen}` === hash)?.screen ?? 'devices';

const HallContext = createContext<HallConnection | null>(null);
export function useHall(): HallConnection {
  const hall = useContext(HallContext);
  if (!hall) throw new Error('hall admin screens render inside <HallAdminApp>');
  return hall;
}

/** The words for a failed hall request. */
export function hallFailure(e: unknown): { key: AdminWord; params: Record<string, string>; error: true } {
  return { key: 'error.call', params: { code: e instanceof HallRequestFailed ? e.code : 'internal' }, error: true };
}

export function HallAdminApp({ enrolled }: { enrolled: boolean }) {
  const store = useAdminStore();
  const t = useT();
  const [device, setDevice] = useState(enrolled);
  const [ended, setEnded] = useState(false);
  const [connected, setConnected] = useState(false);
  const signedIn = useAdmin((s) => s.signedIn);
  const lang = useAdmin((s) => s.lang);
  const [screen, setScreen] = useState<HallScreen>(() => screenOf(location.hash));
  // The staff session is this page's memory only: a new socket takes it up again (staff.resume).
  const session = useRef<string | null>(null);
  const [hall, setHall] = useState<HallConnection | null>(null);

  useEffect(() => void (document.documentElement.lang = lang), [lang]);
  useEffect(() => {
    const onPop = () => setScreen(screenOf(location.hash));
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);
  useEffect(() => {
    if (!device) return;
    let first = true;
    const connection = connectHall('/admin/', {
      onEvent: () => undefined,
      onConnection: (up) => {
        setConnected(up);
        if (up && !first && session.current) {
          connection.request('staff.resume', { session: session.current }).catch(() => {
            session.current = null;
            store.setState({ signedIn: false, who: null });
          });
        }
        if (up) first = false;
      },
      onEnded: () => {
        session.current = null;
        store.getState().wipe();
        setEnded(true);
        setDevice(false);
      },
    });
    setHall(connection);
    store.setState({ signedIn: false });
    return () => connection.close();
  }, [device, store]);

  const signIn = async (name: string, passphrase: string): Promise<SignInResult & { who?: string }> => {
    if (!hall) return { ok: false, reason: 'failed' };
    try {
      const r = await hall.request('staff.signIn', { name, passphrase });
      if (r.role !== 'it') {
        await hall.request('staff.signOut', {}).catch(() => undefined);
        return { ok: false, reason: 'not-it' };
      }
      session.current = r.session;
      return { ok: true, who: r.name };
    } catch (e) {
      const code = e instanceof HallRequestFailed ? e.code : 'internal';
      return { ok: false, reason: code === 'wrong-credentials' ? 'wrong' : code === 'rate-limited' ? 'rate-limited' : 'failed' };
    }
  };
  const signOut = async () => {
    await hall?.request('staff.signOut', {}).catch(() => undefined);
    session.current = null;
    store.getState().wipe();
  };
  const go = (next: HallScreen) => {
    setScreen(next);
    store.setState({ notice: null });
    history.pushState(null, '', `#/${next}`);
  };

  return (
    <div className="admin hall-admin">
      <header className="admin-header">
        <h1>{t('hall.title')}</h1>
        {device && signedIn && (
          <nav aria-label={t('nav.label')}>
            <ul>
              {SCREENS.map((s) => (
                <li key={s.screen}>
                  <a href={`#/${s.screen}`} aria-current={screen === s.screen ? 'page' : undefined} onClick={(e) => {
                    e.preventDefault();
                    go(s.screen);
                  }}>
                    {t(s.word)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <div className="admin-header-actions">
          {device && !connected && <span className="admin-who" role="status">{t('hall.connecting')}</span>}
          <AdminWho />
          <LanguageButton />
          {device && signedIn && <button type="button" onClick={() => void signOut()}>{t('app.signOut')}</button>}
        </div>
      </header>
      {!device && <EnrolScreen ended={ended} onEnrolled={() => setDevice(true)} />}
      {device && hall && !signedIn && <SignInScreen signIn={signIn} />}
      {device && hall && signedIn && (
        <HallContext.Provider value={hall}>
          {screen === 'devices' && <HallDevicesScreen />}
          {screen === 'templates' && <HallTemplatesScreen />}
          {screen === 'figures' && <HallFigures />}
        </HallContext.Provider>
      )}
    </div>
  );
}

function AdminWho() {
  const t = useT();
  const who = useAdmin((s) => (s.signedIn ? s.who : null));
  return who ? <span className="admin-who">{t('app.signedInAs', { name: who })}</span> : null;
}

function EnrolScreen({ ended, onEnrolled }: { ended: boolean; onEnrolled(): void }) {
  const t = useT();
  const [code, setCode] = useState('');
  const [failure, setFailure] = useState<AdminWord | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const result = await enrolHallDevice('/admin/', code.trim()).catch(() => 'failed' as const);
    setBusy(false);
    if (result === 'ok') return onEnrolled();
    setFailure(result === 'bad-code' ? 'hall.enrol.bad' : result === 'rate-limited' ? 'hall.enrol.limited' : 'hall.enrol.failed');
  };
  return (
    <main className="admin-signin">
      <form className="admin-card" onSubmit={(e) => void submit(e)} aria-labelledby="enrol-title">
        <h2 id="enrol-title">{t('hall.enrol.title')}</h2>
        {ended && <p className="admin-notice admin-notice-error" role="alert">{t('hall.ended')}</p>}
        <p>{t('hall.enrol.lead')}</p>
        <label htmlFor="hall-code">{t('hall.enrol.code')}</label>
        <input id="hall-code" autoComplete="off" autoCapitalize="characters" spellCheck={false} required maxLength={64} value={code} onChange={(e) => setCode(e.target.value)} autoFocus />
        <button type="submit" className="admin-primary" disabled={busy || code.trim() === ''}>{t('hall.enrol.submit')}</button>
        {failure && <p className="admin-notice admin-notice-error" role="alert">{t(failure)}</p>}
      </form>
    </main>
  );
}

/** The admin app's figures page, read from the hall: city-wide, one site, or one kiosk. */
function HallFigures() {
  const hall = useHall();
  const t = useT();
  const [devices, setDevices] = useState<HallKiosk[]>([]);
  const [scope, setScope] = useState('');
  useEffect(() => {
    hall.request('devices.list', {}).then((r) => setDevices(r.devices), () => undefined);
  }, [hall]);
  const kiosks = devices.filter((d) => d.kind === 'kiosk');
  const sites = [...new Set(devices.map((d) => d.site))].sort();
  const source = useMemo<FiguresSource>(() => {
    const [kind, value] = scope.split(':');
    const filter = kind === 'site' && value ? { site: value } : kind === 'kiosk' && value ? { kiosk: value } : {};
    return {
      rows: async (since, until) => ({ rows: (await hall.request('figures.read', { since, ...(until ? { until } : {}), ...filter })).rows, today: cityDay(new Date()) }),
      titles: async (lang) => new Map((await hall.request('templates.list', {})).documents.map((d) => [d.id, d.title[lang] ?? d.title.ja])),
      scope: (
        <>
          <label htmlFor="hall-figures-scope">{t('hall.figures.scope')}</label>
          <select id="hall-figures-scope" value={scope} onChange={(e) => setScope(e.target.value)}>
            <option value="">{t('hall.figures.city')}</option>
            {sites.map((s) => <option key={s} value={`site:${s}`}>{t('hall.figures.site', { site: s })}</option>)}
            {kiosks.map((k) => <option key={k.id} value={`kiosk:${k.id}`}>{t('hall.figures.kiosk', { name: k.name, site: k.site })}</option>)}
          </select>
        </>
      ),
    };
  }, [hall, scope, devices, t]);
  return <FiguresScreen source={source} />;
}
