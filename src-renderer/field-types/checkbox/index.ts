import { defineBrowserPart } from '../registry';
import { CheckboxInput } from './input';
import { checkboxPanel } from './panel';

export const checkboxPart = defineBrowserPart({ Input: CheckboxInput, panel: checkboxPanel, inline: true, typesText: false });
