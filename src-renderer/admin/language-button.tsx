import { useAdmin, useAdminStore } from './context';

/** 日本語 / English for the admin pages, remembered in this browser (kiosk's admin and the hall's alike). */
export function LanguageButton() {
  const store = useAdminStore();
  const lang = useAdmin((s) => s.lang);
  return (
    <button type="button" lang={lang === 'ja' ? 'en' : 'ja'} onClick={() => {
      const next = lang === 'ja' ? 'en' : 'ja';
      store.setState({ lang: next });
      try {
        localStorage.setItem('kakanai.admin.lang', next);
      } catch {
        // storage may be off; the choice lasts for this page
      }
    }}>
      {lang === 'ja' ? 'English' : '日本語'}
    </button>
  );
}
