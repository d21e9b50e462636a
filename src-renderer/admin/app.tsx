// The admin app's shell: sign-in until the service says this browser has a session; then a header with the screens
// (forms, figures, audit), the staff's name, ja/en, sign out; and the screen the address names.
import { useEffect } from 'react';
import { signOut } from './client';
import { AuditScreen } from './audit';
import { BundleEditor } from './bundle-editor';
import { useAdmin, useAdminStore, useNavigate, useT } from './context';
import { DesignerScreen } from './designer/designer';
import { DocumentsScreen } from './documents';
import { FiguresScreen } from './figures';
import { PrintersScreen } from './printers';
import { SignInScreen } from './sign-in';
import { LanguageButton } from './language-button';
import { routeOf } from './store';
import { VersionsScreen } from './versions';
import type { AdminWord } from './words';

export function AdminApp() {
  const store = useAdminStore();
  const signedIn = useAdmin((s) => s.signedIn);
  const expired = useAdmin((s) => s.expired);
  const lang = useAdmin((s) => s.lang);
  useEffect(() => void (document.documentElement.lang = lang), [lang]);
  useEffect(() => {
    const onPop = () => {
      const s = store.getState();
      // Back while editing with unsaved work: stay, and put the address back.
      if (s.unsaved && !confirm(document.documentElement.lang === 'en' ? 'Leave without saving?' : '保存せずに移動しますか？')) {
        history.pushState(null, '', location.hash === '' ? '#/' : location.hash);
        return;
      }
      store.setState({ route: routeOf(location.hash), unsaved: false, notice: null });
    };
    const onUnload = (e: BeforeUnloadEvent) => {
      if (store.getState().unsaved) e.preventDefault();
    };
    addEventListener('popstate', onPop);
    addEventListener('beforeunload', onUnload);
    return () => {
      removeEventListener('popstate', onPop);
      removeEventListener('beforeunload', onUnload);
    };
  }, [store]);
  if (signedIn === null) return null;
  return (
    <div className="admin">
      <Header />
      {signedIn ? <Screen /> : <SignInScreen />}
      {signedIn && expired && <SignInScreen again />}
    </div>
  );
}

function Header() {
  const t = useT();
  const store = useAdminStore();
  const go = useNavigate();
  const { who, signedIn, screen } = useAdmin((s) => ({ who: s.who, signedIn: s.signedIn, screen: s.route.screen }));
  const nav: { screen: 'documents' | 'figures' | 'audit' | 'printers'; word: AdminWord }[] = [
    { screen: 'documents', word: 'nav.documents' },
    { screen: 'figures', word: 'nav.figures' },
    { screen: 'printers', word: 'nav.printers' },
    { screen: 'audit', word: 'nav.audit' },
  ];
  const current = screen === 'figures' || screen === 'audit' || screen === 'printers' ? screen : 'documents';
  return (
    <header className="admin-header">
      <h1>{t('app.title')}</h1>
      {signedIn && (
        <nav aria-label={t('nav.label')}>
          <ul>
            {nav.map((n) => (
              <li key={n.screen}>
                <a href={`#/${n.screen}`} aria-current={current === n.screen ? 'page' : undefined} onClick={(e) => {
                  e.preventDefault();
                  go({ screen: n.screen });
                }}>
                  {t(n.word)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <div className="admin-header-actions">
        {who && <span className="admin-who">{t('app.signedInAs', { name: who })}</span>}
        <LanguageButton />
        {signedIn && (
          <button type="button" onClick={async () => {
            if (store.getState().unsaved && !confirm(t('editor.leaveUnsaved'))) return;
            await signOut();
            store.getState().wipe();
            history.replaceState(null, '', '#/documents');
          }}>
            {t('app.signOut')}
          </button>
        )}
      </div>
    </header>
  );
}

function Screen() {
  const route = useAdmin((s) => s.route);
  switch (route.screen) {
    case 'documents':
      return <DocumentsScreen />;
    case 'template':
      return <DesignerScreen key={`t:${route.id}:${route.version ?? ''}`} open={{ id: route.id, ...(route.version ? { version: route.version } : {}) }} />;
    case 'new-template':
      return <DesignerScreen key="new" open={null} />;
    case 'bundle':
      return <BundleEditor key={`b:${route.id}:${route.version ?? ''}`} open={{ id: route.id, ...(route.version ? { version: route.version } : {}) }} />;
    case 'new-bundle':
      return <BundleEditor key="new" open={null} />;
    case 'versions':
      return <VersionsScreen key={`${route.kind}:${route.id}`} kind={route.kind} id={route.id} />;
    case 'figures':
      return <FiguresScreen />;
    case 'audit':
      return <AuditScreen />;
    case 'printers':
      return <PrintersScreen />;
  }
}
