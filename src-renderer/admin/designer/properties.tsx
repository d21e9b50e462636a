// The right-hand panel: the selected field's properties (its type's own panel.tsx), or, with nothing selected, the
// document's settings: title, category, legal basis, 番号利用事務, paper, kiosk question groups.
import { useMemo } from 'react';
import type { DocumentIssue } from '../../../src-main/contract/admin';
import { answerKeyOf, layoutCells, panelOf, type DraftField, type DraftTemplate, type PanelContext } from '../../field-types';
import { BooleanProp, ChoiceProp, LocalizedPart, NumberProp, Section, TextProp } from '../../field-types/panel-parts';
import { useAdmin, useT } from '../context';
import { CATEGORIES } from '../documents';
import { problemText, useDesigner, useDesignerStore } from './context';
import { selectPrimaryFieldIndex } from './store';
import { fieldIdOfKey, pageCountOf, placeKey } from './template-edits';
import type { AdminWord } from '../words';

export function PropertyPanel() {
  const { index, showDocument } = useDesigner((s) => ({ index: selectPrimaryFieldIndex(s), showDocument: s.showDocument }));
  return (
    <section className="designer-properties" aria-labelledby="properties-title">
      {index >= 0 && !showDocument ? <FieldProperties index={index} /> : <DocumentSettings />}
    </section>
  );
}

function FieldProperties({ index }: { index: number }) {
  const t = useT();
  const lang = useAdmin((s) => s.lang);
  const store = useDesignerStore();
  const { doc, problems, glyphs, previewIssues, issues, selection } = useDesigner((s) => ({
    doc: s.doc,
    problems: s.preview.problems,
    glyphs: s.preview.missingGlyphs,
    previewIssues: s.preview.issues,
    issues: s.issues,
    selection: s.selection,
  }));
  const field = doc.fields[index]!;
  const panel = panelOf(field.type);
  const ctx = useMemo<PanelContext>(() => {
    const fieldIssues: { path: (string | number)[]; message: string }[] = [
      ...[...issues, ...previewIssues].filter((i: DocumentIssue) => i.fieldId === field.id).map((i) => ({ path: pathInField(i.path), message: i.message })),
      ...problems.filter((p) => p.fieldId === field.id).map((p) => ({ path: [], message: problemText(t, p.code) })),
      ...glyphs.filter((g) => g.fieldId === field.id).map((g) => ({ path: [], message: t('problem.missingGlyph', { char: String.fromCodePoint(g.codePoint), code: `U+${g.codePoint.toString(16).toUpperCase().padStart(4, '0')}` }) })),
    ];
    const seen = new Set<string>();
    return {
      lang,
      pageCount: pageCountOf(doc),
      cells: layoutCells((doc.layout ?? []) as never),
      answerKeys: [...new Set(doc.fields.map((f) => answerKeyOf(f)).filter((k): k is string => k !== undefined))].sort(),
      groups: (doc.groups ?? []).map((g) => ({ id: g.id, label: g.label })),
      otherIds: new Set(doc.fields.filter((_, i) => i !== index).map((f) => f.id)),
      myNumberUse: doc.myNumberUse,
      // Saving and the preview may both report the same issue: each once.
      issues: fieldIssues.filter((i) => !seen.has(i.message) && seen.add(i.message)),
    };
  }, [doc, index, field.id, lang, issues, previewIssues, problems, glyphs, t]);

  const onChange = (next: DraftField, coalesce?: string) => {
    const s = store.getState();
    s.commit({ ...s.doc, fields: s.doc.fields.map((f, i) => (i === index ? next : f)) }, coalesce && `${field.id}:${coalesce}`);
    // A renamed field keeps its boxes selected.
    if (next.id !== field.id) s.select(selection.map((k) => (fieldIdOfKey(k) === field.id ? placeKey(next.id, k.slice(k.lastIndexOf('@') + 1).split('.')) : k)).filter((k) => k.startsWith(`${next.id}@`)));
  };
  const remove = () => {
    const s = store.getState();
    s.commit({ ...s.doc, fields: s.doc.fields.filter((_, i) => i !== index) });
    s.select([]);
  };
  if (!panel) return <p>{t('designer.unknownType', { type: field.type })}</p>;
  return (
    <div className="designer-field-panel" data-field-id={field.id}>
      <div className="designer-panel-head">
        <h3 id="properties-title">
          <span className="designer-mark" aria-hidden="true">{panel.mark}</span> {panel.name[lang]}
        </h3>
        <button type="button" className="admin-danger" onClick={remove}>{t('designer.deleteField')}</button>
      </div>
      {selection.length > 1 && <p className="panel-hint">{t('designer.multiSelected', { n: selection.length })}</p>}
      <panel.Panel key={index} field={field} onChange={onChange} ctx={ctx} />
    </div>
  );
}

/** "fields.3.options.1.at" → "options.1.at": the path inside the field, for its panel. */
function pathInField(path: (string | number)[]): (string | number)[] {
  return path[0] === 'fields' && typeof path[1] === 'number' ? path.slice(2) : path;
}

function DocumentSettings() {
  const t = useT();
  const lang = useAdmin((s) => s.lang);
  const store = useDesignerStore();
  const { doc, savedId, saveIssues, previewIssues } = useDesigner((s) => ({ doc: s.doc, savedId: s.savedId, saveIssues: s.issues, previewIssues: s.preview.issues }));
  const issues = [...saveIssues, ...previewIssues].filter((i) => !i.fieldId);
  const set = (patch: Partial<DraftTemplate>, coalesce?: string) => store.getState().commit({ ...store.getState().doc, ...patch }, coalesce && `doc:${coalesce}`);
  const paper = doc.paper ?? {};
  return (
    <div className="designer-document-panel">
      <h3 id="properties-title">{t('doc.title')}</h3>
      {issues.length > 0 && (
        <div className="panel-problems" role="alert">
          <strong>{t('doc.problems')}</strong>
          <ul>
            {issues.map((i, n) => (
              <li key={n}>{i.message}</li>
            ))}
          </ul>
        </div>
      )}
      <TextProp
        label={t('doc.id')}
        value={doc.id}
        hint={savedId === null ? t('new.idHint') : t('doc.idFixed')}
        check={(v) => (savedId !== null && v !== savedId ? t('doc.idFixed') : /^[a-z][a-z0-9-]*$/.test(v) ? undefined : t('new.idPattern'))}
        onChange={(id) => id && set({ id }, 'id')}
      />
      <LocalizedPart title={t('doc.formTitle')} value={doc.title} lang={lang} onChange={(title, c) => set({ title }, c)} />
      <ChoiceProp label={t('new.category')} value={doc.category} fallback="other" options={CATEGORIES.map((c) => ({ value: c, text: t(`category.${c}` as AdminWord) }))} onChange={(category) => set({ category })} />
      <TextProp label={t('new.legalBasis')} value={doc.legalBasis} onChange={(legalBasis) => set({ legalBasis: legalBasis ?? '' }, 'legalBasis')} />
      <BooleanProp label={t('new.myNumberUse')} value={doc.myNumberUse} fallback={false} onChange={(myNumberUse) => set({ myNumberUse })} />
      <Section title={t('doc.paper')}>
        <div className="panel-pair">
          <ChoiceProp label={t('doc.paperSize')} value={paper.size} fallback="A4" options={(['A4', 'A3', 'B4', 'B5'] as const).map((v) => ({ value: v, text: v }))} onChange={(size) => set({ paper: { ...paper, size } })} />
          <ChoiceProp
            label={t('doc.orientation')}
            value={paper.orientation}
            fallback="portrait"
            options={[{ value: 'portrait', text: t('doc.portrait') }, { value: 'landscape', text: t('doc.landscape') }]}
            onChange={(orientation) => set({ paper: { ...paper, orientation } })}
          />
        </div>
        <NumberProp label={t('doc.pages')} value={paper.pages} placeholder={1} integer min={1} max={20} onChange={(pages) => set({ paper: { ...paper, ...(pages === undefined ? {} : { pages }) } }, 'pages')} />
        {doc.background && <p className="panel-hint">{t('doc.background', { pdf: doc.background.pdf })}</p>}
      </Section>
      <Section title={t('doc.groups')} open={(doc.groups ?? []).length > 0}>
        <p className="panel-hint">{t('doc.groupsHint')}</p>
        {(doc.groups ?? []).map((g, i) => (
          <fieldset key={i} className="panel-localized">
            <legend>{g.id}</legend>
            <TextProp label={t('doc.groupId')} value={g.id} check={(v) => (/^[a-z][a-zA-Z0-9_-]*$/.test(v) ? undefined : t('new.idPattern'))} onChange={(id) => id && set({ groups: doc.groups!.map((x, n) => (n === i ? { ...x, id } : x)) }, `group${i}.id`)} />
            <LocalizedPart title={t('doc.groupLabel')} value={g.label} lang={lang} onChange={(label, c) => set({ groups: doc.groups!.map((x, n) => (n === i ? { ...x, label } : x)) }, `group${i}.${c}`)} />
            <button type="button" onClick={() => set({ groups: doc.groups!.filter((_, n) => n !== i) })}>{t('doc.removeGroup')}</button>
          </fieldset>
        ))}
        <button type="button" onClick={() => {
          const n = (doc.groups ?? []).length + 1;
          set({ groups: [...(doc.groups ?? []), { id: `group${n}`, label: { ja: `グループ${n}`, easy: `グループ${n}`, en: `Group ${n}` } }] });
        }}>
          {t('doc.addGroup')}
        </button>
      </Section>
      {(doc.rules ?? []).length > 0 && <p className="panel-hint">{t('doc.rules', { n: (doc.rules ?? []).length })}</p>}
    </div>
  );
}
