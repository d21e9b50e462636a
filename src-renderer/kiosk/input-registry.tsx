// QuestionType → the kiosk control of that field type. Each control lives with its field type, so adding a
// type touches its own folder and this one line.
import type { QuestionType } from '../../src-main/contract/kiosk';
import { CheckboxInput } from '../../src-main/forms/field-types/checkbox/input';
import { ChoiceInput } from '../../src-main/forms/field-types/choice/input';
import { CircleInput } from '../../src-main/forms/field-types/circle/input';
import { DateInput } from '../../src-main/forms/field-types/date/input';
import { DigitsInput } from '../../src-main/forms/field-types/digits/input';
import { KanaInput } from '../../src-main/forms/field-types/kana/input';
import type { KioskInput } from '../../src-main/forms/field-types/kiosk-input';
import { MultilineInput } from '../../src-main/forms/field-types/multiline/input';
import { NumberInput } from '../../src-main/forms/field-types/number/input';
import { PhoneInput } from '../../src-main/forms/field-types/phone/input';
import { PostalCodeInput } from '../../src-main/forms/field-types/postal-code/input';
import { SignatureInput } from '../../src-main/forms/field-types/signature/input';
import { TextInput } from '../../src-main/forms/field-types/text/input';

export const kioskInputs: Record<QuestionType, KioskInput> = {
  text: TextInput,
  multiline: MultilineInput,
  kana: KanaInput,
  date: DateInput,
  choice: ChoiceInput,
  checkbox: CheckboxInput,
  circle: CircleInput,
  number: NumberInput,
  phone: PhoneInput,
  'postal-code': PostalCodeInput,
  digits: DigitsInput,
  signature: SignatureInput,
};

/** Types whose control is its own answer (a few big buttons, one tap): on a group's screen they never collapse. */
export const inlineInputs: ReadonlySet<QuestionType> = new Set<QuestionType>(['choice', 'circle', 'checkbox']);
