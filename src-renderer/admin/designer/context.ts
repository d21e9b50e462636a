// The open designer's store, for its parts (canvas, panel, preview, toolbar).
import { createContext, useContext, useMemo } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { useT } from '../context';
import type { AdminWord } from '../words';
import type { DesignerActions, DesignerState, DesignerStore } from './store';

export const DesignerContext = createContext<DesignerStore | null>(null);

export function useDesignerStore(): DesignerStore {
  const store = useContext(DesignerContext);
  if (!store) throw new Error('designer parts render inside <DesignerContext.Provider>');
  return store;
}

export function useDesigner<T>(selector: (s: DesignerState & DesignerActions) => T): T {
  return useStore(useDesignerStore(), useShallow(selector));
}

/** 100 % zoom is the paper's real size on a 96 dpi screen. */
export const PX_PER_MM = 96 / 25.4;

/** What is wrong with each field, in words: the preview's problems, missing glyphs, validation issues. */
export function useFieldFlags(): Map<string, string[]> {
  const t = useT();
  const { problems, missingGlyphs, previewIssues, issues } = useDesigner((s) => ({
    problems: s.preview.problems,
    missingGlyphs: s.preview.missingGlyphs,
    previewIssues: s.preview.issues,
    issues: s.issues,
  }));
  return useMemo(() => {
    const flags = new Map<string, string[]>();
    // Saving and the preview may both report the same issue: each text once.
    const add = (id: string, text: string) => !flags.get(id)?.includes(text) && flags.set(id, [...(flags.get(id) ?? []), text]);
    for (const p of problems) add(p.fieldId, problemText(t, p.code));
    for (const g of missingGlyphs) add(g.fieldId, t('problem.missingGlyph', { char: String.fromCodePoint(g.codePoint), code: `U+${g.codePoint.toString(16).toUpperCase().padStart(4, '0')}` }));
    for (const i of [...previewIssues, ...issues]) if (i.fieldId) add(i.fieldId, i.message);
    return flags;
  }, [t, problems, missingGlyphs, previewIssues, issues]);
}

export function problemText(t: ReturnType<typeof useT>, code: string): string {
  const key = `problem.${code}` as AdminWord;
  const text = t(key);
  return text === key ? t('problem.other', { code }) : text;
}
