// Screens asked only for the answers that need them (a group's `when … in`), as a 住民記録・介護・防災 clerk reads the forms.
import { describe, expect, it } from 'vitest';
import { loadLibrary } from '../forms/load';
import { buildCatalogue } from './catalogue';
import { ResidentSession } from './resident-session';

const catalogue = buildCatalogue(loadLibrary());

function liveWith(procedureId: string, answers: Record<string, string>): Set<string> {
  const session = new ResidentSession(catalogue.plans.get(procedureId)!, 'ja');
  for (const [k, v] of Object.entries(answers)) session.answers.set(k, v);
  return session.liveKeys();
}

describe('screens asked for the answers that need them', () => {
  it('介護 認定: the previous certification for a renewal and for a change of level, never for a first application', () => {
    for (const kind of ['renew', 'change']) expect(liveWith('care-certification', { 'care.kind': kind })).toContain('care.previousLevel');
    expect(liveWith('care-certification', { 'care.kind': 'new' })).not.toContain('care.previousLevel');
  });

  it('介護 認定: the office that submits is named only when one does', () => {
    for (const agency of ['center', 'careManager', 'facility']) expect(liveWith('care-certification', { 'care.agency': agency })).toContain('care.agencyName');
    expect(liveWith('care-certification', { 'care.agency': 'none' })).not.toContain('care.agencyName');
  });

  it('罹災証明: the affected person is asked for a household member or an agent, not when it is the resident herself', () => {
    for (const relation of ['household', 'agent']) expect(liveWith('disaster-certificate', { 'risai.relation': relation })).toContain('risai.victimName');
    expect(liveWith('disaster-certificate', { 'risai.relation': 'self' })).not.toContain('risai.victimName');
  });

  it('住民票: the copies and what the copy shows are one screen', () => {
    const plan = catalogue.plans.get('juminhyo-request')!;
    const groupOf = (key: string) => plan.questions.find((q) => q.key === key)?.group;
    expect([groupOf('copies.all'), groupOf('juminhyo.honseki')]).toEqual(['copies', 'copies']);
  });
});
