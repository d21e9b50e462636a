// The desk's printer: one of the CUPS destinations the service's system has, remembered for this desk by the service
// (it survives sign-out and restart). The city's printer for the opened procedure, when IT staff set one, wins.
import { useEffect, useState } from 'react';
import type { DeskPrinterChoices } from '../../src-main/contract/clerk';
import type { DeskFlow } from './desk-flow';
import type { ClerkMessageKey } from './words';

type T = (key: ClerkMessageKey, params?: Record<string, string | number>) => string;

export function PrinterPick({ request, t, procedureId }: { request: DeskFlow['request']; t: T; procedureId: string | null }) {
  const [choices, setChoices] = useState<DeskPrinterChoices | null>(null);
  useEffect(() => {
    let stale = false;
    void request('printers.list', {}).then((c) => !stale && c && setChoices(c));
    return () => void (stale = true);
  }, [request]);
  const choose = async (name: string) => {
    const result = await request('printers.choose', { printer: name === '' ? null : name });
    if (result && choices) setChoices({ ...choices, chosen: result.chosen });
  };
  const city = procedureId === null ? undefined : choices?.byProcedure[procedureId];
  return (
    <span className="desk-printer-pick">
      <label htmlFor="desk-printer">{t('open.printer')}</label>
      <select id="desk-printer" value={choices?.chosen ?? ''} disabled={!choices} onChange={(e) => void choose(e.target.value)}>
        <option value="">{t('printer.serviceDefault')}</option>
        {choices?.printers.map((p) => (
          <option key={p.name} value={p.name} disabled={!p.accepting && p.name !== choices.chosen}>
            {p.name}
            {p.isDefault ? ` ${t('printer.systemDefault')}` : ''}
            {p.accepting ? '' : ` ${t('printer.notAccepting')}`}
          </option>
        ))}
      </select>
      {city && <span className="desk-printer-city" data-printer={city}>{t('printer.cityDefault', { printer: city })}</span>}
    </span>
  );
}
