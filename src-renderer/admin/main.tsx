// The admin app's entry: one store; the sign-in page until the service says this browser has an admin session.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AdminApp } from './app';
import { currentSession, whenSignedOut } from './client';
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
// A call answered 401: the work on screen stays, and sign-in shows over it.
whenSignedOut(() => {
  if (store.getState().signedIn) store.setState({ expired: true });
});
void currentSession().then((who) => store.setState({ signedIn: who !== null, who }));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AdminContext.Provider value={store}>
      <AdminApp />
    </AdminContext.Provider>
  </StrictMode>,
);
