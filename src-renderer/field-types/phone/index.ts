import { defineBrowserPart } from '../registry';
import { PhoneInput } from './input';
import { phonePanel } from './panel';

export const phonePart = defineBrowserPart({ Input: PhoneInput, panel: phonePanel, inline: false, typesText: false });
