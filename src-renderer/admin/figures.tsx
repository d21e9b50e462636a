// The counter's figures for the city's BPR: per procedure and day, how many sessions and how long each step took
// (card, PIN, questions, review, waiting for the clerk, the clerk's confirmation). Charts by chart.js (registered
// here, no CDN; it sizes its canvas through the CSSOM, which the strict CSP allows), the same numbers as tables, and
// the CSV download.
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip, type ChartConfiguration } from 'chart.js';
import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { FIGURE_STEPS, type FigureRow, type FigureStep } from '../../src-main/contract/admin';
import { Notice } from './notice';
import { call, figuresCsvUrl } from './client';
import { failureNotice, useAdmin, useAdminStore, useT } from './context';
import type { AdminWord } from './words';
import { cityDay } from './city-time';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

// Okabe–Ito: told apart with the common colour-vision differences.
const COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

// Figures are kept by the city's date (Asia/Tokyo), whatever zone the PC is set to. The page starts from that date by
// the PC's clock and moves to the service's own "today" when it answers, unless the staff chose a range meanwhile.
/** Calendar arithmetic on YYYY-MM-DD at UTC midnight, so no zone's daylight saving shifts the day. */
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
/** The last 30 days, today included. */
const defaultSince = (today: string) => addDays(today, -29);
const seconds = (ms: number | null) => (ms === null ? null : Math.round(ms / 100) / 10);

function BarChart({ config, label }: { config: ChartConfiguration<'bar'>; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<'bar'> | null>(null);
  useEffect(() => {
    if (!canvas.current) return;
    chart.current?.destroy();
    chart.current = new Chart(canvas.current, config);
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
  }, [config]);
  return (
    <div className="figures-chart">
      <canvas ref={canvas} role="img" aria-label={label} />
    </div>
  );
}

/** Where the page reads its figures: the kiosk's own service (default), or the hall city-wide, per site or kiosk. */
export interface FiguresSource {
  rows(since: string, until?: string): Promise<{ rows: FigureRow[]; today: string }>;
  /** Each procedure's title in the staff's language, by id. */
  titles(lang: 'ja' | 'en'): Promise<ReadonlyMap<string, string>>;
  /** The CSV download's address; none: no download link. */
  csvUrl?(since: string, until?: string): string;
  /** What the page shows beside the dates (the hall's choice of scope). */
  scope?: ReactNode;
}

const kioskFigures: FiguresSource = {
  rows: (since, until) => call('figures.get', { since, ...(until ? { until } : {}) }),
  titles: async (lang) => new Map((await call('documents.list', {})).documents.map((d) => [d.id, d.title[lang]])),
  csvUrl: figuresCsvUrl,
};

export function FiguresScreen({ source = kioskFigures }: { source?: FiguresSource }) {
  const t = useT();
  const admin = useAdminStore();
  const ids = { since: useId(), until: useId(), procedure: useId() };
  const [until, setUntil] = useState(() => cityDay(new Date()));
  const [since, setSince] = useState(() => defaultSince(until));
  const [rangeChosen, setRangeChosen] = useState(false);
  const choose = (set: (day: string) => void, day: string) => {
    setRangeChosen(true);
    set(day);
  };
  const [rows, setRows] = useState<FigureRow[] | null>(null);
  const [procedure, setProcedure] = useState<string>('');
  // Procedures by their title in the staff's language (a form's or a bundle's id is what the rows carry).
  const lang = useAdmin((s) => s.lang);
  const [titles, setTitles] = useState<ReadonlyMap<string, string>>(new Map());
  useEffect(() => {
    let stale = false;
    source.titles(lang).then(
      (r) => !stale && setTitles(r),
      () => undefined, // the ids still say which procedure it is
    );
    return () => void (stale = true);
  }, [lang, source]);
  const title = (id: string) => titles.get(id) ?? id;

  useEffect(() => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(since) || (until !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(until))) return;
    let stale = false;
    source.rows(since, until || undefined).then(
      (r) => {
        if (stale) return;
        if (!rangeChosen && r.today !== until) {
          // The PC's date is not the city's: ask again for the default range that ends on the service's today.
          setSince(defaultSince(r.today));
          setUntil(r.today);
          return;
        }
        setRows(r.rows);
      },
      (e: unknown) => admin.setState({ notice: failureNotice(e) }),
    );
    return () => void (stale = true);
  }, [since, until, rangeChosen, admin, source]);

  const days = useMemo(() => [...new Set((rows ?? []).map((r) => r.day))].sort(), [rows]);
  const procedures = useMemo(() => [...new Set((rows ?? []).map((r) => r.procedureId))].sort(), [rows]);
  const chosen = procedures.includes(procedure) ? procedure : (procedures[0] ?? '');
  const totals = useMemo(() => procedures.map((p) => {
    const mine = (rows ?? []).filter((r) => r.procedureId === p);
    const sum = (k: 'sessions' | 'submitted' | 'cancelled' | 'timedOut') => mine.reduce((s, r) => s + r[k], 0);
    const mean = (step: FigureStep) => {
      const count = mine.reduce((s, r) => s + r.steps[step].count, 0);
      return count === 0 ? null : mine.reduce((s, r) => s + r.steps[step].totalMs, 0) / count;
    };
    return { procedure: p, kind: mine[0]?.procedureKind, sessions: sum('sessions'), submitted: sum('submitted'), cancelled: sum('cancelled'), timedOut: sum('timedOut'), mean: Object.fromEntries(FIGURE_STEPS.map((s) => [s, mean(s)])) as Record<FigureStep, number | null> };
  }), [rows, procedures]);
  const totalSessions = totals.reduce((s, r) => s + r.sessions, 0);

  const countsConfig = useMemo<ChartConfiguration<'bar'>>(() => ({
    type: 'bar',
    data: {
      labels: days,
      datasets: procedures.map((p, i) => ({
        label: title(p),
        data: days.map((d) => (rows ?? []).find((r) => r.day === d && r.procedureId === p)?.sessions ?? 0),
        backgroundColor: COLOURS[i % COLOURS.length]!,
        maxBarThickness: 56,
      })),
    },
    options: { responsive: true, maintainAspectRatio: false, animation: false, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: t('figures.sessions') } } } },
  }), [days, procedures, rows, t, titles]);

  const stepsConfig = useMemo<ChartConfiguration<'bar'>>(() => ({
    type: 'bar',
    data: {
      labels: days,
      datasets: FIGURE_STEPS.map((step, i) => ({
        label: t(`step.${step}` as AdminWord),
        data: days.map((d) => seconds((rows ?? []).find((r) => r.day === d && r.procedureId === chosen)?.steps[step].medianMs ?? null)),
        backgroundColor: COLOURS[i % COLOURS.length]!,
        maxBarThickness: 56,
      })),
    },
    options: { responsive: true, maintainAspectRatio: false, animation: false, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, title: { display: true, text: t('figures.medianSeconds') } } } },
  }), [days, rows, chosen, t]);

  return (
    <main className="admin-page figures">
      <div className="admin-page-head">
        <h2>{t('figures.title')}</h2>
        <label htmlFor={ids.since}>{t('figures.since')}</label>
        <input id={ids.since} type="date" value={since} max={until || undefined} onChange={(e) => choose(setSince, e.target.value)} />
        <label htmlFor={ids.until}>{t('figures.until')}</label>
        <input id={ids.until} type="date" value={until} min={since} onChange={(e) => choose(setUntil, e.target.value)} />
        {source.scope}
        {source.csvUrl && <a className="admin-button" href={source.csvUrl(since, until || undefined)} download={`kakanai-figures-${since}.csv`}>{t('figures.csv')}</a>}
      </div>
      <Notice />
      <p className="figures-lead">{t('figures.lead')}</p>
      {rows === null ? <p>{t('app.loading')}</p> : (
        <>
          <p className="figures-total" data-total-sessions={totalSessions}>
            {t('figures.total', { n: totalSessions, procedures: procedures.length })}
          </p>
          {rows.length === 0 ? <p>{t('figures.none')}</p> : (
            <div className="figures-grid">
              <section className="admin-card" aria-labelledby="fig-counts">
                <h3 id="fig-counts">{t('figures.countsTitle')}</h3>
                <BarChart config={countsConfig} label={t('figures.countsTitle')} />
              </section>
              <section className="admin-card" aria-labelledby="fig-steps">
                <div className="admin-row">
                  <h3 id="fig-steps">{t('figures.stepsTitle')}</h3>
                  <label htmlFor={ids.procedure}>{t('figures.procedure')}</label>
                  <select id={ids.procedure} value={chosen} onChange={(e) => setProcedure(e.target.value)}>
                    {procedures.map((p) => <option key={p} value={p}>{title(p)}</option>)}
                  </select>
                </div>
                <BarChart config={stepsConfig} label={t('figures.stepsTitle')} />
              </section>
            </div>
          )}
          {rows.length > 0 && (
            <>
              <section className="admin-card" aria-labelledby="fig-totals">
                <h3 id="fig-totals">{t('figures.totalsTitle')}</h3>
                <table className="admin-table figures-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('figures.procedure')}</th>
                      <th scope="col" className="num">{t('figures.sessions')}</th>
                      <th scope="col" className="num">{t('figures.submitted')}</th>
                      <th scope="col" className="num">{t('figures.cancelled')}</th>
                      <th scope="col" className="num">{t('figures.timedOut')}</th>
                      {FIGURE_STEPS.map((s) => <th scope="col" className="num" key={s}>{t(`step.${s}` as AdminWord)} {t('figures.meanS')}</th>)}
                    </tr>
                  </thead>
                  <tbody>
                    {totals.map((r) => (
                      <tr key={r.procedure} data-procedure={r.procedure}>
                        <th scope="row">{title(r.procedure)} <code>{r.procedure}</code>{r.kind === 'life-event' && <span className="admin-badge">{t('figures.lifeEvent')}</span>}</th>
                        <td className="num" data-sessions={r.sessions}>{r.sessions}</td>
                        <td className="num">{r.submitted}</td>
                        <td className="num">{r.cancelled}</td>
                        <td className="num">{r.timedOut}</td>
                        {FIGURE_STEPS.map((s) => <td className="num" key={s}>{seconds(r.mean[s]) ?? '—'}</td>)}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
              <section className="admin-card" aria-labelledby="fig-days">
                <h3 id="fig-days">{t('figures.daysTitle')}</h3>
                <table className="admin-table figures-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('figures.day')}</th>
                      <th scope="col">{t('figures.procedure')}</th>
                      <th scope="col" className="num">{t('figures.sessions')}</th>
                      {FIGURE_STEPS.map((s) => <th scope="col" className="num" key={s}>{t(`step.${s}` as AdminWord)} {t('figures.medianS')}</th>)}
                    </tr>
                  </thead>
                  <tbody>
                    {[...rows].sort((a, b) => b.day.localeCompare(a.day) || a.procedureId.localeCompare(b.procedureId)).map((r) => (
                      <tr key={`${r.day}:${r.procedureId}`}>
                        <td>{r.day}</td>
                        <td>{title(r.procedureId)} <code>{r.procedureId}</code></td>
                        <td className="num">{r.sessions}</td>
                        {FIGURE_STEPS.map((s) => <td className="num" key={s}>{seconds(r.steps[s].medianMs) ?? '—'}</td>)}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            </>
          )}
        </>
      )}
    </main>
  );
}
