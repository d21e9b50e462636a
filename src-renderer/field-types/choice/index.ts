import { defineBrowserPart } from '../registry';
import { ChoiceInput } from './input';
import { choicePanel } from './panel';

export const choicePart = defineBrowserPart({ Input: ChoiceInput, panel: choicePanel, inline: true, typesText: false });
