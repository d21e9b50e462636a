// The city's clock for every date and time the admin app shows: figures, the audit and versions are kept by Tokyo's
// date and time, whatever zone the staff's PC is set to.
import { CITY_TIME_ZONE, cityDayFormat } from '../../src-main/forms/binding/city-day';

export { CITY_TIME_ZONE };

/** YYYY-MM-DD in the city. */
export const cityDay = cityDayFormat(CITY_TIME_ZONE);

/** A moment as the staff read it, in the city's time zone. */
export function cityDateTime(ms: number, lang: string, style: Intl.DateTimeFormatOptions = {}): string {
  return new Date(ms).toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-GB', { ...style, timeZone: CITY_TIME_ZONE });
}
