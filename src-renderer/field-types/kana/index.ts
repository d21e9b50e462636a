import { defineBrowserPart } from '../registry';
import { KanaInput } from './input';
import { kanaPanel } from './panel';

export const kanaPart = defineBrowserPart({ Input: KanaInput, panel: kanaPanel, inline: false, typesText: true });
