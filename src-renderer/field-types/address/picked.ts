// Which of the city's 町字 an address value names: shared by the address control and the kiosk's screen, which fills
// the postal code question from the 町字 picked.
import type { AddressList } from '../../../src-main/contract/kiosk';

export type Area = AddressList['areas'][number];

/** The listed 町字 a value starts with (the longest, so 佐原イ wins over 佐原), and what follows it. */
export function pickedArea(list: AddressList | undefined, value: string): { area: Area; number: string } | undefined {
  const prefix = list ? list.prefecture + list.city : '';
  if (!list || !value.startsWith(prefix)) return undefined;
  const rest = value.slice(prefix.length);
  const area = list.areas.filter((a) => rest.startsWith(a.name)).sort((a, b) => b.name.length - a.name.length)[0];
  return area && { area, number: rest.slice(area.name.length) };
}
