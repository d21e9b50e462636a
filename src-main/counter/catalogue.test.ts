import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLibrary, templatesDir } from '../forms/load';
import { askedItemOf } from '../forms/model/people';
import { parseSource } from '../forms/model/source';
import { ASK_GROUP, buildCatalogue } from './catalogue';

const library = loadLibrary();
const catalogue = buildCatalogue(library);

describe('the kiosk catalogue from the template library', () => {
  it('offers every form and bundle of the library, not the documentation examples', () => {
    const ids = catalogue.procedures.map((p) => p.id);
    for (const id of library.bundles.keys()) expect(ids).toContain(id);
    for (const [id, file] of library.files) if (library.templates.has(id) && !file.includes('/examples/')) expect(ids).toContain(id);
    expect(ids).not.toContain('example-request');
  });

  it('keeps a template that says it is an example away from residents, wherever the templates folder is', () => {
    // The packaged app reads its templates from its resources, outside any repository.
    const dir = mkdtempSync(join(tmpdir(), 'kakanai-templates-'));
    try {
      cpSync(templatesDir, dir, { recursive: true });
      const outside = loadLibrary(dir);
      expect(outside.broken).toEqual([]);
      expect(outside.templates.get('example-request')?.example).toBe(true);
      expect(buildCatalogue(outside).procedures.map((p) => p.id)).not.toContain('example-request');

      // The flag, not the folder, decides: the same file without it is offered.
      const file = join(dir, 'examples', 'example-request.json');
      const { example: _, ...plain } = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      writeFileSync(file, JSON.stringify(plain));
      expect(buildCatalogue(loadLibrary(dir)).procedures.map((p) => p.id)).toContain('example-request');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('asks only what the card cannot answer, each key once, with the control its field type needs', () => {
    for (const plan of catalogue.plans.values()) {
      const keys = plan.questions.map((q) => q.key);
      expect(new Set(keys).size, plan.procedure.id).toBe(keys.length);
      for (const q of plan.questions) {
        for (const u of q.usedBy) {
          const field = library.templates.get(u.templateId)!.fields.find((f) => f.id === u.fieldId)!;
          const source = parseSource(field.source, field.id);
          // A person's field is asked on that person's screen, under the item it prints (name: the reading).
          if (source.kind === 'person') expect(q.key).toMatch(new RegExp(`^household\\.[1-9]\\.${askedItemOf(source.item)}$`));
          else expect(source).toEqual({ kind: 'answer', key: q.key });
        }
      }
    }
    const jido = catalogue.plans.get('jido-teate-nintei')!.questions;
    expect(jido.find((q) => q.key === 'household.1.myNumber')).toMatchObject({ type: 'digits', digitCount: 12, required: false, when: { key: 'household.1.relationship', in: ['spouse', 'child'] } });
    expect(jido.find((q) => q.key === 'household.1.birthDate')).toMatchObject({ type: 'date', dateStyle: 'wareki', required: true });
    expect(jido.find((q) => q.key === 'pension')).toMatchObject({ type: 'choice', required: true, options: expect.arrayContaining([expect.objectContaining({ value: 'employees' })]) });
    expect(jido.some((q) => q.key.endsWith('myNumber') && q.usedBy.some((u) => u.fieldId === 'claimant.myNumber'))).toBe(false);
  });

  it('marks the forms that print the My Number and the ones that need a signature', () => {
    for (const plan of catalogue.plans.values()) {
      const templates = plan.templates;
      expect(plan.procedure.usesMyNumber, plan.procedure.id).toBe(templates.some((t) => t.myNumberUse && t.fields.some((f) => f.source === 'card.myNumber')));
      expect(plan.procedure.needsSignature, plan.procedure.id).toBe(templates.some((t) => t.fields.some((f) => f.type === 'signature')));
    }
    expect(catalogue.plans.get('juminhyo-request')!.procedure.usesMyNumber).toBe(false);
    expect(catalogue.plans.get('jido-teate-nintei')!.procedure.usesMyNumber).toBe(true);
  });

  it('changes its version when a template changes', () => {
    const changed = loadLibrary();
    const t = changed.templates.get('juminhyo-request')!;
    changed.templates.set(t.id, { ...t, version: t.version + 1 });
    expect(buildCatalogue(changed).version).not.toBe(catalogue.version);
    expect(buildCatalogue(loadLibrary()).version).toBe(catalogue.version);
  });

  it('groups questions into screens: every group a question names is sent, shared ids merge across a bundle', () => {
    for (const plan of catalogue.plans.values()) {
      const ids = plan.groups.map((g) => g.id);
      expect(new Set(ids).size, plan.procedure.id).toBe(ids.length);
      for (const q of plan.questions) if (q.group !== undefined) expect(ids, `${plan.procedure.id} ${q.key}`).toContain(q.group);
      for (const g of plan.groups) expect(plan.questions.some((q) => q.group === g.id), `${plan.procedure.id} ${g.id}`).toBe(true);
    }
    const birth = catalogue.plans.get('birth')!;
    const groupOf = (key: string) => birth.questions.find((q) => q.key === key)?.group;
    expect(['firstChildAllowance', 'wantsNursery'].map(groupOf)).toEqual([ASK_GROUP, ASK_GROUP]);
    expect(birth.groups[0]).toEqual({ id: ASK_GROUP, label: birth.procedure.title });
    // The spouse is one person for both forms: the 児童手当's 職業 and the 保育's 勤務先 are asked on that person's screen,
    // each only once its form is chosen.
    expect(['household.1.occupation', 'household.1.workplace'].map(groupOf)).toEqual(['household-1', 'household-1']);
    expect(birth.questions.find((q) => q.key === 'household.1.workplace')).toMatchObject({ when: { key: 'household.1.relationship', in: ['spouse'] }, also: { key: 'wantsNursery', equals: true } });
    expect(birth.questions.some((q) => /^(spouse|child\d?)\./.test(q.key))).toBe(false);
    expect(birth.groups.find((g) => g.id === 'spouse')?.optional?.ask.ja).toBe('配偶者について記入しますか');
    expect(birth.groups.find((g) => g.id === 'household-3')?.optional?.after).toBe('household-2');
  });

  it('never asks what the life event already says: 転入 is a move in, 転居 a change of address', () => {
    const movingIn = catalogue.plans.get('moving-in')!;
    const keys = movingIn.questions.map((q) => q.key);
    expect(keys).not.toContain('move.kind');
    // The 転出 dates are ruled out with their screen, and the screen ids the kiosk gets are all still asked.
    expect(keys).not.toContain('move.plannedOn');
    expect(movingIn.groups.map((g) => g.id)).not.toContain('moveOut');
    expect(movingIn.groups.some((g) => g.when?.key === 'move.kind')).toBe(false);
    expect(movingIn.fixedAnswers.get('move.kind')).toBe('in');
    const within = catalogue.plans.get('moving-within')!;
    for (const key of ['move.kind', 'childAllowance.changeAddress', 'childAllowance.previousAddress']) expect(within.questions.map((q) => q.key)).not.toContain(key);
    // The change form's address screen is then always shown, and asks the new address only once for both forms.
    expect(within.groups.find((g) => g.id === 'addressChange')?.when).toBeUndefined();
    expect(within.questions.filter((q) => q.key === 'move.newAddress')).toHaveLength(1);
    // The standalone 住民異動届 still asks its kind.
    expect(catalogue.plans.get('resident-move')!.questions.map((q) => q.key)).toContain('move.kind');
  });

  it('sends a group condition as the answer key and value the screen compares', () => {
    const move = catalogue.plans.get('resident-move')!;
    expect(move.groups.find((g) => g.id === 'moveOut')).toMatchObject({ when: { key: 'move.kind', equals: 'out' } });
    expect(move.questions.find((q) => q.key === 'move.plannedOn')?.group).toBe('moveOut');
    const change = catalogue.plans.get('child-allowance-change')!;
    expect(change.groups.find((g) => g.id === 'newAccount')).toMatchObject({ when: { key: 'childAllowance.changeAccount', equals: true } });
  });

  it('keeps a single form without groups one question per screen (no group sent)', () => {
    const inkan = catalogue.plans.get('inkan-certificate')!;
    expect(inkan.groups).toEqual([]);
    expect(inkan.questions.every((q) => q.group === undefined)).toBe(true);
  });

  it('says honestly what each 一緒にする手続き does: a choice that adds a form of the bundle says so, the others name the counter', () => {
    const movingIn = catalogue.plans.get('moving-in')!;
    const help = (key: string) => movingIn.questions.find((q) => q.key === key)?.help?.ja ?? '';
    expect(help('linked.childAllowance')).toContain('続けて「児童手当 認定請求書」を作ります');
    expect(help('linked.nursery')).toMatch(/続けて「.+」を作ります/);
    for (const key of ['linked.nationalHealth', 'linked.care', 'linked.elderlyMedical', 'linked.pension', 'linked.childMedical', 'linked.school', 'linked.cardAddress']) {
      expect(help(key), key).toContain('この機械では書類を作りません');
      expect(help(key), key).not.toContain('作ります。');
    }
    // The 住民異動届 on its own makes no other form: every choice names its counter.
    const alone = catalogue.plans.get('resident-move')!;
    expect(alone.questions.find((q) => q.key === 'linked.childAllowance')?.help?.ja).toContain('子育て支援課で手続きします');
  });

  it('asks 異動日 as required when the life event says it is a 転入 (the form requires it for a move in)', () => {
    expect(catalogue.plans.get('moving-in')!.questions.find((q) => q.key === 'movedOn')?.required).toBe(true);
    // On its own the 住民異動届 asks the kind first; the date's requirement then follows from that answer's rule.
    expect(catalogue.plans.get('resident-move')!.questions.find((q) => q.key === 'movedOn')?.required).toBe(false);
  });
});
