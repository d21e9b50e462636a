import { z } from 'zod';
import { LocalizedText } from './localized';

/**
 * The fee the city charges for one form, from the city's 手数料条例: a flat amount, or an amount per copy summed over
 * the number fields that hold copies (住民票の写し 300 円 × the copies asked in each row). 0 means free of charge.
 */
export const Fee = z
  .strictObject({
    yen: z.int().min(0).meta({ description: 'Yen per copy (with "perCopies"), else yen for the whole form; 0 = free.' }),
    perCopies: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .meta({ description: 'Field ids of number fields whose values are summed as the copies charged.' }),
  })
  .meta({ id: 'Fee', description: 'What the form costs at the counter.' });
export type Fee = z.infer<typeof Fee>;

/** Where the resident goes with the form, and what to bring: shown on the kiosk's last screen. */
export const Office = z
  .strictObject({
    counter: LocalizedText.meta({ description: 'The counter that handles the form, e.g. 市民課 1番窓口.' }),
    bring: z
      .array(LocalizedText)
      .default([])
      .meta({ description: 'What the resident brings to that counter besides the form, e.g. 本人確認書類.' }),
  })
  .meta({ id: 'Office', description: 'The counter that takes the form and what the resident brings.' });
export type Office = z.infer<typeof Office>;

/**
 * The yen a form costs for these answers; undefined when the template declares no fee. A copies value that is not a
 * whole number ≥ 0 counts as 0 (the form's own checks refuse it before anything is charged).
 */
export function feeOf(fee: Fee | undefined, values: Readonly<Record<string, string | boolean | null | undefined>>): number | undefined {
  if (!fee) return undefined;
  if (!fee.perCopies) return fee.yen;
  const copies = fee.perCopies.reduce((sum, id) => {
    const v = values[id];
    const n = typeof v === 'string' && /^\d{1,3}$/.test(v.trim()) ? Number(v.trim()) : 0;
    return sum + n;
  }, 0);
  return fee.yen * copies;
}
