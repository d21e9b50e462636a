import { defineBrowserPart } from '../registry';
import { TextInput } from './input';
import { textPanel } from './panel';

export const textPart = defineBrowserPart({ Input: TextInput, panel: textPanel, inline: false, typesText: true });
