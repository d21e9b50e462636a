import { defineBrowserPart } from '../registry';
import { PostalCodeInput } from './input';
import { postalCodePanel } from './panel';

export const postalCodePart = defineBrowserPart({ Input: PostalCodeInput, panel: postalCodePanel, inline: false, typesText: false });
