// 該当するものを○で囲む: on the kiosk it is the same one-of-many choice; the form draws the circle.
import { ChoiceInput } from '../choice/input';
import type { KioskInputProps } from '../kiosk-input';

export function CircleInput(props: KioskInputProps) {
  return <ChoiceInput {...props} />;
}
