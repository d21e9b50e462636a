// The kiosk's 職員用 corner: nothing for the resident to see or tap. A long press on a discreet corner opens a
// clerk's sign-in (name and passphrase); only then the pairing code a desk enters, the paired desks and revoking
// one. The panel closes itself after a minute without a touch, and when the attract screen goes (a resident began).
// Staff words only (Japanese first): the resident never needs it, so it stays out of the kiosk's languages.
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type { DeskInfo } from '../../src-main/contract/clerk';
import type { StaffSignInOutcome } from '../../src-main/contract/kiosk';
import { LONG_PRESS_MS, STAFF_IDLE_MS } from './staff-timing';
import './staff-panel.css';

export interface KioskStaffActions {
  signIn(name: string, passphrase: string): Promise<StaffSignInOutcome>;
  signOut(staff: string): Promise<unknown>;
  pairingCode(staff: string): Promise<{ code: string; expiresAt: number }>;
  desks(staff: string): Promise<{ desks: DeskInfo[] }>;
  revoke(staff: string, deskId: string): Promise<{ revoked: boolean }>;
}


type Mode = { kind: 'closed' } | { kind: 'sign-in' } | { kind: 'panel'; staff: string; name: string };

export function KioskStaffCorner({ staff }: { staff: KioskStaffActions }) {
  const [mode, setMode] = useState<Mode>({ kind: 'closed' });
  const lastTouch = useRef(Date.now());
  const token = mode.kind === 'panel' ? mode.staff : null;

  const close = useCallback(() => setMode({ kind: 'closed' }), []);
  // The sign-in ends server-side with the panel, whatever closed it (idle, the close button, a resident's start).
  useEffect(() => {
    if (!token) return;
    return () => void staff.signOut(token).catch(() => {});
  }, [token, staff]);

  useEffect(() => {
    if (mode.kind === 'closed') return;
    lastTouch.current = Date.now();
    const timer = setInterval(() => {
      if (Date.now() - lastTouch.current >= STAFF_IDLE_MS) close();
    }, 1000);
    return () => clearInterval(timer);
  }, [mode.kind, close]);

  const touched = () => (lastTouch.current = Date.now());
  if (mode.kind === 'closed') return <StaffCorner onLongPress={() => setMode({ kind: 'sign-in' })} />;
  return (
    <section className="staff-panel" aria-labelledby="staff-title" onPointerDown={touched} onKeyDown={touched}>
      <h2 id="staff-title">職員用 / Staff</h2>
      {mode.kind === 'sign-in' ? (
        <StaffSignIn staff={staff} onSignedIn={(t, name) => setMode({ kind: 'panel', staff: t, name })} onClose={close} />
      ) : (
        <StaffPanel staff={staff} token={mode.staff} name={mode.name} onClose={close} />
      )}
    </section>
  );
}

function StaffCorner({ onLongPress }: { onLongPress(): void }) {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const cancel = () => clearTimeout(timer.current);
  useEffect(() => cancel, []);
  return (
    <button
      type="button"
      className="staff-corner"
      aria-label="職員用 / Staff (長押し / press and hold)"
      onPointerDown={() => {
        cancel();
        timer.current = setTimeout(onLongPress, LONG_PRESS_MS);
      }}
      onPointerUp={cancel}
      onPointerLeave={cancel}
      onPointerCancel={cancel}
      // A physical keyboard: Enter or Space held as long, on the focused corner.
      onKeyDown={(e) => {
        if ((e.key !== 'Enter' && e.key !== ' ') || e.repeat) return;
        e.preventDefault();
        cancel();
        timer.current = setTimeout(onLongPress, LONG_PRESS_MS);
      }}
      onKeyUp={cancel}
      onContextMenu={(e) => e.preventDefault()}
    />
  );
}

function StaffSignIn({ staff, onSignedIn, onClose }: { staff: KioskStaffActions; onSignedIn(token: string, name: string): void; onClose(): void }) {
  const [name, setName] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const given = passphrase;
    setPassphrase('');
    void staff.signIn(name, given).then(
      (outcome) => {
        setBusy(false);
        if (outcome.ok) return onSignedIn(outcome.staff, outcome.name);
        setProblem(outcome.reason === 'rate-limited' ? `少し待ってからもう一度 / Wait ${Math.ceil(outcome.retryAfterMs / 1000)} s, then try again` : '職員名またはパスフレーズが違います / Wrong staff name or passphrase');
      },
      () => {
        setBusy(false);
        setProblem('サインインできませんでした / Could not sign in');
      },
    );
  };
  return (
    <form className="staff-signin" onSubmit={submit}>
      <label htmlFor="kiosk-staff-name">職員名 / Staff name</label>
      <input id="kiosk-staff-name" autoComplete="off" autoCapitalize="off" maxLength={32} value={name} onChange={(e) => setName(e.target.value)} autoFocus />
      <label htmlFor="kiosk-staff-passphrase">パスフレーズ / Passphrase</label>
      <input id="kiosk-staff-passphrase" type="password" autoComplete="off" maxLength={1024} value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
      {problem && (
        <p className="staff-problem" role="alert">
          {problem}
        </p>
      )}
      <div className="staff-actions">
        <button type="submit" disabled={busy || name.trim() === '' || passphrase === ''}>
          サインイン / Sign in
        </button>
        <button type="button" onClick={onClose}>
          閉じる / Close
        </button>
      </div>
    </form>
  );
}

function StaffPanel({ staff, token, name, onClose }: { staff: KioskStaffActions; token: string; name: string; onClose(): void }) {
  const [code, setCode] = useState<{ code: string; expiresAt: number } | null>(null);
  const [desks, setDesks] = useState<DeskInfo[]>([]);

  useEffect(() => {
    // A refused request means the sign-in ended on the service (idle, or the clerk was removed): close.
    const refresh = () => {
      staff.pairingCode(token).then(setCode, onClose);
      staff.desks(token).then((d) => setDesks(d.desks), onClose);
    };
    refresh();
    // The code rotates after use and every few minutes: keep the shown one current.
    const timer = setInterval(refresh, 3000);
    return () => clearInterval(timer);
  }, [staff, token, onClose]);

  return (
    <>
      <p className="staff-who">{name}</p>
      <p>
        ペアリング番号 / Pairing code: <strong className="staff-code">{code?.code ?? '—'}</strong>
      </p>
      <h3>ペアリング中の端末 / Paired desks</h3>
      <ul className="staff-desks">
        {desks.length === 0 && <li>なし / none</li>}
        {desks.map((d) => (
          <li key={d.deskId} data-desk-id={d.deskId} data-present={d.present}>
            {d.deskId} {d.clerk} ({new Date(d.pairedAt).toLocaleTimeString('ja-JP', { hour: '2-digit', minute: '2-digit' })})
            {!d.present && <span className="staff-desk-left" data-left="true"> 離席 / left</span>}
            <button type="button" onClick={() => void staff.revoke(token, d.deskId).then(() => setDesks((all) => all.filter((x) => x.deskId !== d.deskId)), onClose)}>
              解除 / Revoke
            </button>
          </li>
        ))}
      </ul>
      <button type="button" onClick={onClose}>
        閉じる / Close
      </button>
    </>
  );
}
