// Before publishing: the service's publish checks of the draft (overlaps, boxes off the paper or across a table
// cell's lines, text too small with long samples, missing languages), listed with a click selecting the field. While
// any is there the plain publish is off; "publish anyway" asks first, naming the problems, and the audit records it.
import { useState } from 'react';
import type { PublishProblem } from '../../../src-main/contract/admin';
import { panelOf, type DraftTemplate } from '../../field-types';
import { AdminCallError, call } from '../client';
import { failureNotice, useAdmin, useAdminStore, useT } from '../context';
import { useDesigner, useDesignerStore } from './context';
import { selectDirty, type DesignerStore } from './store';
import { placeKey } from './template-edits';

const LANGUAGE_NAMES: Record<string, string> = { ja: '日本語', easy: 'やさしい日本語', en: 'English', 'zh-Hans': '中文', ko: '한국어', vi: 'Tiếng Việt', pt: 'Português' };

/** Publishes the saved version the draft is based on; `anyway` despite its problems (the service audits it). */
export async function publishVersion(store: DesignerStore, admin: ReturnType<typeof useAdminStore>, anyway: boolean): Promise<void> {
  const { savedId, basedOn } = store.getState();
  if (basedOn === null || savedId === null) return;
  try {
    const r = await call('documents.publish', { kind: 'template', id: savedId, version: basedOn, ...(anyway ? { anyway: true as const } : {}) });
    store.getState().set({ liveVersion: r.liveVersion });
    admin.setState({ notice: { key: 'designer.published', params: { version: r.liveVersion } } });
  } catch (e) {
    admin.setState({ notice: e instanceof AdminCallError && e.code === 'publish-problems' ? { key: 'check.refused', params: {}, error: true } : failureNotice(e) });
  }
}

/** The words of one problem, the fields named by their label first. */
export function useProblemText(): (p: PublishProblem, fields: DraftTemplate['fields']) => string {
  const t = useT();
  const lang = useAdmin((s) => s.lang);
  return (p, fields) => {
    const names = p.fieldIds.map((id) => {
      const label = fields.find((f) => f.id === id)?.label;
      const text = label ? label[lang === 'en' ? 'en' : 'ja'] : undefined;
      return text ? `「${text}」(${id})` : id;
    });
    const fieldsText = names.length ? names.join(lang === 'en' ? ' and ' : ' と ') : t('check.theForm');
    const [where = '', languages = ''] = (p.detail ?? '').split(': ');
    return t(`check.${p.code}`, {
      fields: fieldsText,
      page: p.page ?? 1,
      // A heading cell has no id: it is named by what it is.
      detail: p.detail ?? t('check.headingCell'),
      where: whereText(t, where),
      languages: languages.split(', ').filter(Boolean).map((l) => LANGUAGE_NAMES[l] ?? l).join(', '),
    });
  };
}

/** A text's place in words: "label" → 質問・見出し, "options.1.label" → 選択肢2 の 質問・見出し; others as they are. */
function whereText(t: ReturnType<typeof useT>, where: string): string {
  const named = (key: string) => (key === 'label' || key === 'hint' || key === 'title' || key === 'caption' ? t(`check.where.${key}`) : key);
  const option = /^options\.(\d+)\.(\w+)$/.exec(where);
  if (option) return t('check.where.option', { n: Number(option[1]) + 1, what: named(option[2]!) });
  return named(where);
}

export function PublishCheck() {
  const t = useT();
  const admin = useAdminStore();
  const store = useDesignerStore();
  const problemText = useProblemText();
  const { problems, fields, canPublish, basedOn } = useDesigner((s) => ({
    problems: s.preview.publishProblems,
    fields: s.doc.fields,
    canPublish: !selectDirty(s) && s.basedOn !== null && s.savedId !== null && s.liveVersion !== s.basedOn,
    basedOn: s.basedOn,
  }));
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const select = (p: PublishProblem) => {
    const chosen = fields.filter((f) => p.fieldIds.includes(f.id));
    if (chosen.length === 0) return store.getState().set({ showDocument: true, selection: [] });
    store.getState().select(chosen.flatMap((f) => (panelOf(f.type)?.places(f) ?? []).map((pl) => placeKey(f.id, pl.path))));
  };
  const anyway = async () => {
    setBusy(true);
    await publishVersion(store, admin, true);
    setBusy(false);
    setConfirming(false);
  };
  const list = problems ?? [];
  return (
    <section className="designer-check" aria-labelledby="check-title" data-problems={problems === null ? '' : String(list.length)}>
      <h3 id="check-title">{t('check.title')}</h3>
      {problems === null ? (
        <p className="panel-hint">{t('check.pending')}</p>
      ) : list.length === 0 ? (
        <p className="designer-check-ok">✓ {t('check.none')}</p>
      ) : (
        <>
          <p className="designer-check-count" role="status">{t('check.count', { n: list.length })}</p>
          <ul>
            {list.map((p, i) => (
              <li key={i}>
                <button type="button" className="admin-link" data-check={p.code} data-check-fields={p.fieldIds.join(' ')} onClick={() => select(p)}>
                  {problemText(p, fields)}
                </button>
              </li>
            ))}
          </ul>
          {canPublish && !confirming && (
            <button type="button" className="admin-danger designer-publish-anyway" onClick={() => setConfirming(true)}>{t('check.anyway')}</button>
          )}
          {canPublish && confirming && (
            <div className="designer-check-confirm" role="alertdialog" aria-labelledby="check-confirm-text">
              <p id="check-confirm-text">{t('check.confirm', { n: list.length, version: basedOn ?? '—' })}</p>
              <ul>{list.map((p, i) => <li key={i}>{problemText(p, fields)}</li>)}</ul>
              <button type="button" className="admin-danger" disabled={busy} onClick={() => void anyway()}>{t('check.confirmYes')}</button>
              <button type="button" disabled={busy} onClick={() => setConfirming(false)}>{t('app.cancel')}</button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
