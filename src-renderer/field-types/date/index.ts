import { defineBrowserPart } from '../registry';
import { DateInput } from './input';
import { datePanel } from './panel';

export const datePart = defineBrowserPart({ Input: DateInput, panel: datePanel, inline: false, typesText: false });
