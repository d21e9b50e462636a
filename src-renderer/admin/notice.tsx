// The one line the admin screens use to say what just happened (saved, published) or what went wrong.
import { useAdmin, useT } from './context';
import type { AdminWord } from './words';

export function Notice() {
  const t = useT();
  const notice = useAdmin((s) => s.notice);
  if (!notice) return null;
  return (
    <p className={notice.error ? 'admin-notice admin-notice-error' : 'admin-notice'} role={notice.error ? 'alert' : 'status'}>
      {t(notice.key as AdminWord, notice.params)}
    </p>
  );
}
