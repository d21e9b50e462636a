import { defineBrowserPart } from '../registry';
import { AddressInput } from './input';
import { addressPanel } from './panel';

export const addressPart = defineBrowserPart({ Input: AddressInput, panel: addressPanel, inline: false, typesText: false });
