// The admin app's entry: one store; the sign-in page until the service says this browser has an admin session. Served
// by a city hall (its /admin/device answers as the hall), the app starts in its hall mode instead (hall-app.tsx).
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { AdminApp } from './app';
import { hallDeviceAt } from '../rpc/hall';
import { currentSession, whenSignedOut } from './client';
import { HallAdminApp } from './hall-app';
import { AdminContext } from './context';
import { createAdminStore } from './store';
import type { AdminLanguage } from './words';
import './admin.css';

function savedLanguage(): AdminLanguage {
  try {
    return localStorage.getItem('kakanai.admin.lang') === 'en' ? 'en' : 'ja';
  } catch {
    return 'ja';
  }
}

const store = createAdminStore(savedLanguage());
const root = createRoot(document.getElementById('root')!);
const render = (app: ReactNode) =>
  root.render(
    <StrictMode>
      <AdminContext.Provider value={store}>{app}</AdminContext.Provider>
    </StrictMode>,
  );

void hallDeviceAt('/admin/').then(({ atHall, device }) => {
  if (atHall) return render(<HallAdminApp enrolled={device !== null} />);
  // A call answered 401: the work on screen stays, and sign-in shows over it.
  whenSignedOut(() => {
    if (store.getState().signedIn) store.setState({ expired: true });
  });
  void currentSession().then((who) => store.setState({ signedIn: who !== null, who }));
  render(<AdminApp />);
});
