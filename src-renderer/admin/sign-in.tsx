// Sign-in: a named IT staff member (role `it`, added with `kakanai staff add NAME --role it`) and their own passphrase.
// On a kiosk the service's HTTP sign-in; at the hall the hall's staff sign-in over its socket (`signIn` given).
import { useState, type FormEvent } from 'react';
import { currentSession, signIn as kioskSignIn, type SignInResult } from './client';
import { useAdminStore, useT } from './context';

/** The kiosk's own sign-in, then who the session says signed in. */
async function signInHere(name: string, passphrase: string): Promise<SignInResult & { who?: string }> {
  const result = await kioskSignIn(name, passphrase);
  return result.ok ? { ok: true, who: (await currentSession()) ?? name } : result;
}

/** `again`: the session ended while working; sign-in shows as a dialog over the screen, whose work is kept. */
export function SignInScreen({ again = false, signIn = signInHere }: { again?: boolean; signIn?: (name: string, passphrase: string) => Promise<SignInResult & { who?: string }> }) {
  const t = useT();
  const store = useAdminStore();
  const [name, setName] = useState(() => {
    try {
      return localStorage.getItem('kakanai.admin.name') ?? '';
    } catch {
      return '';
    }
  });
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Extract<SignInResult, { ok: false }> | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const result = await signIn(name.trim(), passphrase);
    setPassphrase('');
    setBusy(false);
    if (!result.ok) return setFailure(result);
    try {
      localStorage.setItem('kakanai.admin.name', name.trim());
    } catch {
      // the name is a convenience only
    }
    const who = result.who ?? name.trim();
    store.setState({ signedIn: true, expired: false, who, ...(again ? {} : { notice: null }) });
  };

  const form = (
      <form className="admin-card" onSubmit={(e) => void submit(e)} aria-labelledby="signin-title">
        <h2 id="signin-title">{t(again ? 'signIn.againTitle' : 'signIn.title')}</h2>
        <p>{t(again ? 'signIn.expired' : 'signIn.lead')}</p>
        <label htmlFor="admin-name">{t('signIn.name')}</label>
        <input id="admin-name" name="username" autoComplete="username" required maxLength={32} autoCapitalize="off" value={name} onChange={(e) => setName(e.target.value)} autoFocus={name === ''} />
        <label htmlFor="admin-passphrase">{t('signIn.passphrase')}</label>
        <input
          id="admin-passphrase"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
          autoFocus={name !== ''}
          aria-describedby={failure ? 'signin-failure' : undefined}
        />
        <button type="submit" className="admin-primary" disabled={busy || name.trim() === '' || passphrase === ''}>
          {t('signIn.submit')}
        </button>
        {failure && (
          <p id="signin-failure" className="admin-notice admin-notice-error" role="alert">
            {failure.reason === 'wrong' && t('signIn.wrong')}
            {failure.reason === 'rate-limited' && (failure.retryAfterS ? t('signIn.limitedFor', { s: failure.retryAfterS }) : t('signIn.limited'))}
            {failure.reason === 'no-passphrase' && (
              <>
                {t('signIn.noPassphrase')} <code>npx kakanai staff add NAME --role it</code>
              </>
            )}
            {failure.reason === 'failed' && t('signIn.failed')}
            {failure.reason === 'not-it' && t('signIn.notIt')}
          </p>
        )}
      </form>
  );
  return again ? (
    <div className="admin-dialog-backdrop">
      <div className="admin-dialog" role="dialog" aria-modal="true" aria-labelledby="signin-title">
        {form}
      </div>
    </div>
  ) : (
    <main className="admin-signin">{form}</main>
  );
}
