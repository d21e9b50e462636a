// The city's calendar day (YYYY-MM-DD) in its time zone: a visit, its ticket, a figure and a sample date count on it,
// at the kiosk, the hall and in the admin app alike (no Node: the renderer bundles it).

export const CITY_TIME_ZONE = 'Asia/Tokyo';

/** Turns an instant into the day it is in `timeZone` (YYYY-MM-DD); throws a RangeError for an unknown zone. */
export function cityDayFormat(timeZone: string = CITY_TIME_ZONE): (date: Date) => string {
  const format = new Intl.DateTimeFormat('sv-SE', { timeZone });
  return (date) => format.format(date);
}
