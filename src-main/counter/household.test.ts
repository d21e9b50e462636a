import { describe, expect, it } from 'vitest';
import { bindValues, type AnswerValue } from '../forms/binding/bind';
import { loadLibrary } from '../forms/load';
import { Template } from '../forms/model/template';
import { buildCatalogue } from './catalogue';
import { householdPlan, householdProblems } from './household';

const library = loadLibrary();
const template = (id: string) => library.templates.get(id)!;
const catalogue = buildCatalogue(library);

// A family moving in: the spouse and a child with the card holder, and an older child who lives elsewhere.
const family: Record<string, AnswerValue> = {
  'move.kind': 'in',
  'household.1.relationship': 'spouse',
  'household.1.kana': 'みほん たろう',
  'household.1.birthDate': '1984-02-03',
  'household.1.sex': '1',
  'household.1.living': 'together',
  'household.1.occupation': '会社員',
  'household.2.relationship': 'child',
  'household.2.kana': 'みほん さくら',
  'household.2.birthDate': '2021-05-01',
  'household.2.sex': '2',
  'household.2.living': 'together',
  'household.3.relationship': 'child',
  'household.3.kana': 'みほん けん',
  'household.3.birthDate': '2008-09-09',
  'household.3.sex': '1',
  'household.3.living': 'apart',
  'household.3.myNumber': '123456789018',
};
const data = (answers: Record<string, AnswerValue>) => ({ answers, today: '2026-12-05' });

describe('the people of a visit, entered once', () => {
  it('binds the same people into every form by role: 異動届 rows for those who move, 児童手当 spouse and children', () => {
    const move = bindValues(template('resident-move'), data(family));
    expect([move.get('p2.name'), move.get('p2.relationship'), move.get('p2.birthDate'), move.get('p2.sex')]).toEqual(['みほん たろう', '夫', '1984-02-03', '1']);
    expect([move.get('p3.name'), move.get('p3.relationship')]).toEqual(['みほん さくら', '子']);
    // The child who lives apart does not move with the family.
    expect(move.get('p4.name')).toBeUndefined();
    const claim = bindValues(template('jido-teate-nintei'), data(family));
    expect([claim.get('spouse.name'), claim.get('spouse.occupation'), claim.get('spouse.living')]).toEqual(['みほん たろう', '会社員', 'together']);
    expect([claim.get('child1.name'), claim.get('child1.relationship'), claim.get('child1.living')]).toEqual(['みほん さくら', '子', 'together']);
    expect([claim.get('child2.name'), claim.get('child2.living'), claim.get('child2.myNumber')]).toEqual(['みほん けん', 'apart', '123456789018']);
    expect(claim.get('child3.name')).toBeUndefined();
    const nursery = bindValues(template('nursery-application'), data(family));
    expect([nursery.get('child.kana'), nursery.get('child.birthDate'), nursery.get('spouse.name')]).toEqual(['みほん さくら', '2021-05-01', 'みほん たろう']);
  });

  it('asks each person once across the 転入 bundle, with the union of what its forms print', () => {
    const plan = catalogue.plans.get('moving-in')!;
    const keys = plan.questions.map((q) => q.key);
    // No form asks its own copy of a person any more.
    expect(keys.filter((k) => /^(move\.person[2-9]|spouse|child[1-9]?|nursery\.child)\./.test(k))).toEqual([]);
    expect(keys.filter((k) => k.endsWith('.kana') && k.startsWith('household.'))).toEqual(['household.1.kana', 'household.2.kana', 'household.3.kana']);
    const people = plan.questions.filter((q) => q.group === 'household-1').map((q) => q.key.slice('household.1.'.length));
    expect(people).toEqual(['relationship', 'kana', 'birthDate', 'sex', 'living', 'myNumber', 'occupation', 'workplace']);
    // The people come after the forms were chosen (linked.*), so what each person is asked is known on their screen.
    expect(keys.indexOf('household.1.relationship')).toBeGreaterThan(keys.indexOf('linked.childAllowance'));
    expect(plan.groups.find((g) => g.id === 'household-2')).toMatchObject({ optional: { after: 'household-1' } });
  });

  it('says on the person’s screen when the forms cannot hold one more child or a second spouse', () => {
    const plan = householdPlan([template('jido-teate-nintei')])!;
    expect(plan).toMatchObject({ slots: 4, caps: { spouse: 1, child: 3 }, needed: ['child'] });
    const answers = new Map<string, unknown>();
    for (let n = 1; n <= 4; n++) {
      answers.set(`household.${n}.kana`, `こども${n}`);
      answers.set(`household.${n}.relationship`, 'child');
    }
    const given = new Set(answers.keys());
    const problems = householdProblems(plan, answers, given);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ key: 'household.4.relationship', code: 'cross-field' });
    expect(problems[0]!.message!.ja).toContain('3人まで');
    answers.set('household.1.relationship', 'spouse');
    answers.set('household.2.relationship', 'spouse');
    expect(householdProblems(plan, answers, given).map((p) => p.key)).toEqual(['household.2.relationship']);
  });

  it('refuses a person source with an unknown role or item, naming the field', () => {
    const base = structuredClone(template('jido-teate-nintei')) as unknown as { fields: { id: string; source?: string }[] };
    base.fields.find((f) => f.id === 'child1.name')!.source = 'person:cousin.name';
    const parsed = Template.safeParse(base);
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toContain('person:ROLE[i].ITEM');
  });
});
