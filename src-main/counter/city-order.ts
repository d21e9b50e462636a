// The procedure list as the city arranges it: the most used first, then its categories, each procedure with the
// hand-in ways the city allows and the one it recommends.
import type { Localized, Procedure, ProcedureSection } from '../contract/kiosk';
import type { CityProcedures, HandInRule } from '../forms/model/city';

const OTHER: Localized = { ja: 'その他の手続き', easy: 'ほかの てつづき', en: 'Other procedures', 'zh-Hans': '其他手续', ko: '기타 절차', vi: 'Thủ tục khác', pt: 'Outros procedimentos' };
const MOST_USED: Localized = { ja: 'よく使われる手続き', easy: 'よく つかわれる てつづき', en: 'Most used', 'zh-Hans': '常用手续', ko: '자주 이용하는 절차', vi: 'Thủ tục thường dùng', pt: 'Mais usados' };
const EVERY_WAY: HandInRule = { offer: ['print', 'clerk', 'both'], recommend: 'both' };

export interface Arranged {
  procedures: Procedure[];
  sections: ProcedureSection[];
  /** Ids the city's file names that are neither a template nor a bundle here: logged, never shown. */
  unknown: string[];
}

export function arrangeProcedures(procedures: readonly Procedure[], city: CityProcedures | undefined): Arranged {
  const byId = new Map(procedures.map((p) => [p.id, p]));
  const rule = (id: string): HandInRule => city?.handIn.procedures[id] ?? city?.handIn.default ?? EVERY_WAY;
  const withHandIn = procedures.map((p) => ({ ...p, handIn: { offer: [...rule(p.id).offer], recommended: rule(p.id).recommend } }));
  if (!city) return { procedures: withHandIn, sections: [{ id: 'all', procedureIds: withHandIn.map((p) => p.id) }], unknown: [] };
  const named = [...city.mostUsed, ...city.categories.flatMap((c) => c.procedures), ...Object.keys(city.handIn.procedures)];
  const unknown = [...new Set(named.filter((id) => !byId.has(id)))];
  const known = (ids: readonly string[]) => ids.filter((id) => byId.has(id));
  const placed = new Set(city.categories.flatMap((c) => known(c.procedures)));
  const rest = procedures.map((p) => p.id).filter((id) => !placed.has(id));
  const sections: ProcedureSection[] = [
    ...(known(city.mostUsed).length > 0 ? [{ id: 'most-used', title: MOST_USED, procedureIds: known(city.mostUsed) }] : []),
    ...city.categories.map((c) => ({ id: c.id, title: c.title, procedureIds: known(c.procedures) })).filter((s) => s.procedureIds.length > 0),
    ...(rest.length > 0 ? [{ id: 'other', title: OTHER, procedureIds: rest }] : []),
  ];
  return { procedures: withHandIn, sections, unknown };
}
