import { defineBrowserPart } from '../registry';
import { DigitsInput } from './input';
import { digitsPanel } from './panel';

export const digitsPart = defineBrowserPart({ Input: DigitsInput, panel: digitsPanel, inline: false, typesText: false });
