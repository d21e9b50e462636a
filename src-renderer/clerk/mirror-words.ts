// What the mirror says of the kiosk's step in the clerk's words, from the mirror alone.
import type { Mirror } from '../../src-main/contract/clerk';
import type { ClerkMessageKey } from './words';

type Words = (key: ClerkMessageKey, params?: Record<string, string | number>) => string;

const ROLE: Record<string, ClerkMessageKey> = { spouse: 'mirror.role.spouse', child: 'mirror.role.child', parent: 'mirror.role.parent' };

/**
 * Whose card the kiosk's family-member card step reads: their role, as sent or as being chosen on the person's
 * screen (「その他」 or none yet: ご家族), and their number on the kiosk's 一緒に届け出るご家族 screens.
 */
export function personCardLine(session: NonNullable<Mirror['session']>, t: Words): string | undefined {
  if (!session.personCard) return undefined;
  const n = session.personCard.person;
  const key = `household.${n}.relationship`;
  const role = session.typing[key] ?? session.answers[key];
  return t('mirror.personCard', { role: t(typeof role === 'string' ? (ROLE[role] ?? 'mirror.role.family') : 'mirror.role.family'), n });
}
