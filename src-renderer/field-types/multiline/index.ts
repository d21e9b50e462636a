import { defineBrowserPart } from '../registry';
import { MultilineInput } from './input';
import { multilinePanel } from './panel';

export const multilinePart = defineBrowserPart({ Input: MultilineInput, panel: multilinePanel, inline: false, typesText: true });
