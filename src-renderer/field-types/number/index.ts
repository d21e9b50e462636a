import { defineBrowserPart } from '../registry';
import { NumberInput } from './input';
import { numberPanel } from './panel';

export const numberPart = defineBrowserPart({ Input: NumberInput, panel: numberPanel, inline: false, typesText: false });
