// Today's visits the desks handled: ticket, procedure, when it was submitted, opened and decided, its status and the
// clerk. Nothing of the resident. Fetched again whenever the queue changes.
import { useEffect, useState } from 'react';
import type { DayListItem, QueueItem } from '../../src-main/contract/clerk';
import type { DeskFlow } from './desk-flow';
import type { ClerkLanguage, ClerkMessageKey } from './words';

type T = (key: ClerkMessageKey, params?: Record<string, string | number>) => string;

const time = (ms: number | null) => (ms === null ? '—' : new Date(ms).toLocaleTimeString('ja-JP', { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Tokyo' }));

export function DayList({ request, t, language, queue }: { request: DeskFlow['request']; t: T; language: ClerkLanguage; queue: QueueItem[] }) {
  const [items, setItems] = useState<DayListItem[] | null>(null);
  useEffect(() => {
    let stale = false;
    void request('day.list', {}).then((r) => !stale && r && setItems(r.items));
    return () => void (stale = true);
  }, [request, queue]);
  if (!items) return null;
  return (
    <section className="desk-card desk-day-list" aria-labelledby="day-list-title">
      <h2 id="day-list-title">{t('day.title', { n: items.length })}</h2>
      {items.length === 0 ? (
        <p>{t('day.empty')}</p>
      ) : (
        <table className="desk-queue">
          <thead>
            <tr>
              <th scope="col">{t('queue.ticket')}</th>
              <th scope="col">{t('queue.procedure')}</th>
              <th scope="col">{t('day.submitted')}</th>
              <th scope="col">{t('day.opened')}</th>
              <th scope="col">{t('day.decided')}</th>
              <th scope="col">{t('queue.status')}</th>
              <th scope="col">{t('day.clerk')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.ticketNumber} data-ticket={item.ticketNumber} data-status={item.status}>
                <td className="desk-ticket">{item.ticketNumber}</td>
                <td>{(language === 'en' ? item.procedureTitle?.en : item.procedureTitle?.ja) ?? item.procedureId ?? '—'}</td>
                <td>{time(item.submittedAt)}</td>
                <td>{time(item.openedAt)}</td>
                <td>{time(item.decidedAt)}</td>
                <td><span className={`desk-status desk-status-${item.status}`}>{t(`status.${item.status}`)}</span></td>
                <td>{item.clerk}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
