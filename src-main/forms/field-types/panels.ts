// The registry of the designer's side of each field type: type name → its panel module (palette entry, new field's
// defaults, boxes, property panel). The designer reads field types through here, as the kiosk reads their inputs.
import type { z } from 'zod';
import type { Bundle } from '../model/bundle';
import type { Template } from '../model/template';
import { checkboxPanel } from './checkbox/panel';
import { choicePanel } from './choice/panel';
import { circlePanel } from './circle/panel';
import { datePanel } from './date/panel';
import { digitsPanel } from './digits/panel';
import type { FieldTypeName } from './index';
import { kanaPanel } from './kana/panel';
import { multilinePanel } from './multiline/panel';
import { numberPanel } from './number/panel';
import type { FieldPanel } from './panel-parts';
import { phonePanel } from './phone/panel';
import { postalCodePanel } from './postal-code/panel';
import { signaturePanel } from './signature/panel';
import { textPanel } from './text/panel';

/** A template and a bundle as the designer edits them: the JSON as authored, defaults left out. */
export type DraftTemplate = z.input<typeof Template>;
export type DraftField = DraftTemplate['fields'][number];
export type DraftBundle = z.input<typeof Bundle>;

export const fieldPanels = {
  text: textPanel,
  multiline: multilinePanel,
  kana: kanaPanel,
  date: datePanel,
  choice: choicePanel,
  checkbox: checkboxPanel,
  circle: circlePanel,
  number: numberPanel,
  phone: phonePanel,
  'postal-code': postalCodePanel,
  digits: digitsPanel,
  signature: signaturePanel,
} satisfies { [T in FieldTypeName]: FieldPanel<Extract<DraftField, { type: T }>> };

/** The panel of a field's type, typed for any field (the designer holds fields of every type in one list). */
export function panelOf(type: string): FieldPanel<DraftField> | undefined {
  return (fieldPanels as Record<string, FieldPanel<DraftField> | undefined>)[type];
}

export { answerKeyOf, layoutCells, textStyleDefaults, type FieldPlace, type PanelContext, type PanelLanguage } from './panel-parts';
/** The canvas draws the layout's grids under the boxes, as the engine will print them. */
export { placeGridCells, type LayoutItem } from '../model/layout';
