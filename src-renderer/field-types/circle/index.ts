import { defineBrowserPart } from '../registry';
import { CircleInput } from './input';
import { circlePanel } from './panel';

export const circlePart = defineBrowserPart({ Input: CircleInput, panel: circlePanel, inline: true, typesText: false });
