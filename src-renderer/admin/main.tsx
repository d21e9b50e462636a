// The admin app's entry: one store; the sign-in page until the service says this browser has an admin session. When a
// city hall answers that first question (its `kakanai-hall` header), the app starts in its hall mode (hall-app.tsx).
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { AdminApp } from './app';
import { hallDeviceAt } from '../rpc/hall';
import { startingSession, whenSignedOut } from './client';
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

void startingSession().then(async (who) => {
  if (who === 'hall') return render(<HallAdminApp enrolled={(await hallDeviceAt('/admin/')).device !== null} />);
  // A call answered 401: the work on screen stays, and sign-in shows over it.
  whenSignedOut(() => {
    if (store.getState().signedIn) store.setState({ expired: true });
  });
  store.setState({ signedIn: who !== null, who });
  render(<AdminApp />);
});
