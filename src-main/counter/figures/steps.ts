// Which kiosk screens a figure step is made of. The time between two step reports belongs to the screen that was
// showing; screens not listed here (attract, language, procedure, done) count nowhere.
import type { KioskStep } from '../../contract/clerk';
import type { FigureStep } from '../../contract/admin';

export type KioskFigureStep = Extract<FigureStep, 'card' | 'pin' | 'questions' | 'review'>;

const FIGURE_STEP_OF: Partial<Record<KioskStep, KioskFigureStep>> = {
  card: 'card',
  'take-card': 'card',
  pin: 'pin',
  questions: 'questions',
  'person-card': 'questions',
  review: 'review',
  signature: 'review',
  submit: 'review',
};

export function figureStepOf(step: KioskStep): KioskFigureStep | undefined {
  return FIGURE_STEP_OF[step];
}
