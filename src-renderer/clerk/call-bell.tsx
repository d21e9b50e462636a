// A resident's call for a clerk rings at the desk: the bell (the city's sound, else the shipped chime) and a system
// notification. Browsers allow a notification only after the clerk agreed to it on a click, so the desk offers that.
import { useEffect, useRef, useState } from 'react';
import { CLERK_HTTP } from '../../src-main/contract/clerk';
import type { ClerkMessageKey } from './words';

type T = (key: ClerkMessageKey, params?: Record<string, string | number>) => string;

/** Rings once each time the kiosk's call goes from off to on (a page opened while a call is on rings too). */
export function useCallBell(called: boolean, t: T, bell: string = CLERK_HTTP.bell): void {
  const before = useRef(false);
  useEffect(() => {
    const rising = called && !before.current;
    before.current = called;
    if (!rising) return;
    // Asked from the service each time: a bell the city changed rings at the next call.
    void new Audio(bell).play().catch(() => {});
    if ('Notification' in window && Notification.permission === 'granted') {
      // The same tag replaces an older call's notification instead of piling them up; no resident data in it.
      new Notification(t('call.notifyTitle'), { body: t('call.notifyBody'), tag: 'kakanai-clerk-call', requireInteraction: true });
    }
  }, [called, t, bell]);
}

/** The switch that asks the browser for notifications (on the clerk's click, as browsers require). */
export function NotificationSwitch({ t }: { t: T }) {
  const supported = typeof window !== 'undefined' && 'Notification' in window;
  const [permission, setPermission] = useState(supported ? Notification.permission : 'denied');
  if (!supported || permission === 'granted') return null;
  if (permission === 'denied') return <span className="desk-notify-off">{t('call.notifyBlocked')}</span>;
  return (
    <button type="button" className="desk-notify" onClick={() => void Notification.requestPermission().then(setPermission)}>
      {t('call.notifyAsk')}
    </button>
  );
}
