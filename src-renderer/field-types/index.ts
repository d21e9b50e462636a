// The app's field types in the browser: one line per type, checked against the common registry, which gives the
// order (the palette's). The kiosk looks up its controls here, the designer its panels.
import type { z } from 'zod';
import { fieldTypes } from '../../src-main/forms/field-types';
import type { Bundle } from '../../src-main/forms/model/bundle';
import type { Template } from '../../src-main/forms/model/template';
import { addressPart } from './address';
import { checkboxPart } from './checkbox';
import { choicePart } from './choice';
import { circlePart } from './circle';
import { datePart } from './date';
import { digitsPart } from './digits';
import { kanaPart } from './kana';
import { multilinePart } from './multiline';
import { numberPart } from './number';
import { phonePart } from './phone';
import { postalCodePart } from './postal-code';
import { browserFieldTypes } from './registry';
import { signaturePart } from './signature';
import { textPart } from './text';

/** A template and a bundle as the designer edits them: the JSON as authored, defaults left out. */
export type DraftTemplate = z.input<typeof Template>;
export type DraftField = DraftTemplate['fields'][number];
export type DraftBundle = z.input<typeof Bundle>;

export const browserParts = {
  text: textPart,
  multiline: multilinePart,
  kana: kanaPart,
  date: datePart,
  choice: choicePart,
  checkbox: checkboxPart,
  circle: circlePart,
  number: numberPart,
  phone: phonePart,
  'postal-code': postalCodePart,
  address: addressPart,
  digits: digitsPart,
  signature: signaturePart,
};

export const browserTypes = browserFieldTypes<typeof fieldTypes.list, typeof browserParts, DraftField>(fieldTypes, browserParts);

export const fieldPanels = browserTypes.panels;
export const panelOf = browserTypes.panelOf;

export { answerKeyOf, layoutCells, textStyleDefaults, type FieldPlace, type PanelContext, type PanelLanguage } from './panel-parts';
/** The canvas draws the layout's grids under the boxes, as the engine will print them. */
export { placeGridCells, type LayoutItem } from '../../src-main/forms/model/layout';
