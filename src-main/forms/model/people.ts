// The people of a visit besides the card holder: each is entered once (the kiosk's 一緒に届け出るご家族 screens) and
// every form of the visit binds them by role, so a family moving in is never typed twice.
//
//   person:<role>[i].<item>   the i-th (from 0) household member with that role, in the order entered
//   person:<role>.<item>      the first one
// Roles: member (everyone entered who lives with the card holder: the 異動届's 一緒に移る人), spouse, child. The answers live under
// `household.<n>.<item>` (n from 1), so the session keeps and wipes them with every other answer.

export const personRoles = ['member', 'spouse', 'child'] as const;
export type PersonRole = (typeof personRoles)[number];

/** What a form may print of a person. `name` prints the reading typed at the kiosk (the clerk writes the kanji);
 *  `relationship` prints the 続柄 (夫/妻, 子, 父/母, 祖父/祖母, 孫, 兄/姉, 弟/妹); `code` (住民票コード) is never asked: the clerk writes it. */
export const personItems = ['kana', 'name', 'birthDate', 'sex', 'relationship', 'living', 'myNumber', 'occupation', 'workplace', 'code'] as const;
export type PersonItem = (typeof personItems)[number];

/** The relationship to the card holder, chosen on the person's screen; it gives the person's role. */
export const relationships = ['spouse', 'child', 'parent', 'grandparent', 'grandchild', 'elder-sibling', 'younger-sibling', 'other'] as const;
export type Relationship = (typeof relationships)[number];

/** At most this many people besides the card holder are asked, whatever the forms hold. */
export const HOUSEHOLD_LIMIT = 8;

export const PERSON_SOURCE = new RegExp(`^person:(${personRoles.join('|')})(?:\\[([0-9])\\])?\\.(${personItems.join('|')})$`);

export type PersonSource = { kind: 'person'; role: PersonRole; index: number; item: PersonItem };

export function parsePersonSource(source: string): PersonSource | undefined {
  const m = PERSON_SOURCE.exec(source);
  if (!m) return undefined;
  return { kind: 'person', role: m[1] as PersonRole, index: m[2] === undefined ? 0 : Number(m[2]), item: m[3] as PersonItem };
}

/** The answer key of one item of the n-th person entered (n from 1). `name` is never asked: only data given directly
 *  (reference pages, the designer's samples) holds a name in kanji. */
export const householdKey = (n: number, item: AskedItem | 'name'): string => `household.${n}.${item}`;

/** The items the kiosk asks; the others are derived (name ← kana) or left to the clerk (code). */
export type AskedItem = Exclude<PersonItem, 'name' | 'code'>;
export function askedItemOf(item: PersonItem): AskedItem | undefined {
  if (item === 'name') return 'kana';
  if (item === 'code') return undefined;
  return item;
}

type Answers = Readonly<Record<string, unknown>> | ReadonlyMap<string, unknown>;
const read = (answers: Answers | undefined, key: string): unknown => (answers instanceof Map ? answers.get(key) : (answers as Record<string, unknown> | undefined)?.[key]);

/** The n of everyone entered, in order: a person counts once their reading is given. */
export function householdMembers(answers: Answers | undefined): number[] {
  const out: number[] = [];
  for (let n = 1; n <= HOUSEHOLD_LIMIT; n++) {
    const kana = read(answers, householdKey(n, 'kana'));
    if (typeof kana === 'string' && kana.trim() !== '') out.push(n);
  }
  return out;
}

export function hasRole(answers: Answers | undefined, n: number, role: PersonRole): boolean {
  if (role === 'member') return read(answers, householdKey(n, 'living')) !== 'apart';
  return read(answers, householdKey(n, 'relationship')) === role;
}

/** The n of the person a source points at, or undefined when nobody was entered for it. */
export function personSlot(source: Pick<PersonSource, 'role' | 'index'>, answers: Answers | undefined): number | undefined {
  return householdMembers(answers).filter((n) => hasRole(answers, n, source.role))[source.index];
}

/** The value a person source prints. */
export function personValue(source: PersonSource, answers: Answers | undefined, head?: { holderToHead: unknown }): unknown {
  const n = personSlot(source, answers);
  if (n === undefined) return undefined;
  if (source.item === 'relationship') {
    const [relationship, sex] = [read(answers, householdKey(n, 'relationship')), read(answers, householdKey(n, 'sex'))];
    return head ? relationshipToHead(head.holderToHead, relationship, sex) : relationshipText(relationship, sex);
  }
  // The kiosk asks the reading only; a name in kanji arrives only from data given directly (reference pages, tests).
  if (source.item === 'name') return read(answers, householdKey(n, 'name')) ?? read(answers, householdKey(n, 'kana'));
  const asked = askedItemOf(source.item);
  return asked === undefined ? undefined : read(answers, householdKey(n, asked));
}

/** The 続柄 of a person's relationship to the card holder, in the kana the kiosk shows (a clerk's hint). */
const READINGS: Record<string, string> = {
  夫: 'おっと', 妻: 'つま', 子: 'こ', 父: 'ちち', 母: 'はは', 祖父: 'そふ', 祖母: 'そぼ', 孫: 'まご', 兄: 'あに', 姉: 'あね', 弟: 'おとうと', 妹: 'いもうと',
};

/**
 * The person's 続柄 to the head of household (世帯主), as the 異動届 and the 住民票 write it, from their relationship to
 * the card holder and the card holder's own 続柄 to the head (`holderToHead`: 本人, 妻…; absent when the card holder is
 * the head). What follows for certain is written (the 妻's 夫 → 世帯主, her 父 → 妻の父, the head's 子's 妻 → 子の妻); what
 * the kiosk cannot tell — a 子's 父 may be the head or the head's spouse — is returned as a reading
 * (「とどけでるひとの ちち」): with `kanji: "clerk"` the box waits for the clerk, who writes the 続柄 in kanji.
 */
export function relationshipToHead(holderToHead: unknown, relationship: unknown, sex: unknown): string | undefined {
  const own = relationshipText(relationship, sex);
  if (holderToHead === undefined || holderToHead === null || holderToHead === '' || holderToHead === '本人' || holderToHead === '世帯主') return own;
  if (own === undefined) return undefined;
  const ask = `とどけでるひとの ${READINGS[own] ?? own}`;
  if (holderToHead === '妻' || holderToHead === '夫') {
    if (relationship === 'spouse') return '世帯主';
    if (relationship === 'grandchild') return '孫';
    // The spouse's child is the head's 子 only when it is the head's too; her parents and siblings are 妻の父, 妻の兄.
    return relationship === 'child' ? ask : `${holderToHead}の${own}`;
  }
  if (holderToHead === '子') {
    if (relationship === 'child') return '孫';
    if (relationship === 'spouse') return `子の${own}`;
    // A 子's 父/母 is the head or the head's spouse, a brother the head's 子 or the spouse's: the clerk asks.
    return ask;
  }
  return ask;
}

/** The 続柄 as a 住民記録 form writes it, from the relationship and the sex (1 男, 2 女 as on the card); "other" is left
 *  for the clerk (おじ, 同居人 … are not guessed). */
export function relationshipText(relationship: unknown, sex: unknown): string | undefined {
  switch (relationship) {
    case 'spouse':
      return sex === '1' ? '夫' : sex === '2' ? '妻' : undefined;
    case 'child':
      return '子';
    case 'parent':
      return sex === '1' ? '父' : sex === '2' ? '母' : undefined;
    case 'grandparent':
      return sex === '1' ? '祖父' : sex === '2' ? '祖母' : undefined;
    case 'grandchild':
      return '孫';
    case 'elder-sibling':
      return sex === '1' ? '兄' : sex === '2' ? '姉' : undefined;
    case 'younger-sibling':
      return sex === '1' ? '弟' : sex === '2' ? '妹' : undefined;
    default:
      return undefined;
  }
}
