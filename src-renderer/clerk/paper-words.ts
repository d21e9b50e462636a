// The words of the opened submission's paper view, its corrections and the staff area (submission-view.tsx,
// staff-area.tsx): Japanese first, English second, like words.ts.
import type { IdDocument } from '../../src-main/contract/clerk';
import { dateAnswerText } from '../field-types/date/input';
import type { ClerkLanguage } from './words';

const ja = {
  'paper.other': 'その他の項目',
  'paper.kanji': '漢字未記入',
  'paper.kanjiWritten': '漢字記入済',
  'paper.fromPersonCard': '本人のカードから',
  'paper.kanjiHint': 'キオスクでは読みだけを受け付けました。漢字をこの画面で入力してください。同じ読みのほかの欄（ほかの書類も）にも入ります。',
  'paper.kanjiPending': '漢字の記入が残っています（{n}件）。記入するまで確認済・完了・印刷はできません。',
  'paper.correct': '訂正',
  'paper.save': '訂正する',
  'paper.cancel': 'やめる',
  'paper.pending': '訂正した様式は未確定です。確定するまで元の様式が残ります。',
  'paper.confirmCorrections': '訂正を確定',
  'paper.corrected': '訂正しました（未確定）',
  'paper.confirmed': '訂正を確定しました',
  'paper.fee': '手数料',
  'paper.yen': '{n}円',
  'paper.noFee': 'なし',
  'paper.yes': 'あり',
  'paper.no': 'なし',
  'paper.empty': '（記入なし）',
  'paper.signed': '署名あり（右の書類のとおり）',
  'paper.notSigned': '画面での署名なし（印刷した書類に手書き）',
  'paper.page': '{title} {n}ページ目',
  'staff.title': '職員記入欄',
  'staff.idDocument': '本人確認書類',
  'staff.choose': '選んでください',
  'staff.record': '記入する',
  'staff.recorded': '職員記入欄を記入しました（未確定）',
  'staff.ticket': '受付番号',
  'staff.fee': '手数料（合計）',
  'error.kanji-pending': '漢字の記入が残っています。',
  'error.template-changed': 'この様式の版が変わったため、ここでは訂正できません。',
  'error.signed-form': '署名のある様式は、ここでは訂正できません。紙で訂正してください。',
  'error.not-claimed': 'この受付を担当している職員だけが操作できます。',
};

type PaperKey = keyof typeof ja;

const en: Record<PaperKey, string> = {
  'paper.other': 'Other items',
  'paper.kanji': 'Kanji to write',
  'paper.kanjiWritten': 'Kanji written',
  'paper.fromPersonCard': "From the person's own card",
  'paper.kanjiHint': 'The kiosk took only the reading. Type the kanji here; every other box with the same reading (on the other forms too) takes it.',
  'paper.kanjiPending': '{n} kanji field(s) left. Confirm, done and print wait until they are written.',
  'paper.correct': 'Correct',
  'paper.save': 'Save correction',
  'paper.cancel': 'Cancel',
  'paper.pending': 'The corrected form is not confirmed yet. The original stays until you confirm.',
  'paper.confirmCorrections': 'Confirm corrections',
  'paper.corrected': 'Corrected (not confirmed yet)',
  'paper.confirmed': 'Corrections confirmed',
  'paper.fee': 'Fee',
  'paper.yen': '¥{n}',
  'paper.noFee': 'none',
  'paper.yes': 'yes',
  'paper.no': 'no',
  'paper.empty': '(blank)',
  'paper.signed': 'Signed (as on the paper beside)',
  'paper.notSigned': 'Not signed on screen (signed by hand on the printout)',
  'paper.page': '{title} page {n}',
  'staff.title': 'For office use',
  'staff.idDocument': 'Identity document checked',
  'staff.choose': 'Choose',
  'staff.record': 'Record',
  'staff.recorded': 'Office-use box filled (not confirmed yet)',
  'staff.ticket': 'Ticket',
  'staff.fee': 'Fee (total)',
  'error.kanji-pending': 'Some kanji are still to be written.',
  'error.template-changed': 'This form has a newer version now: it cannot be corrected here.',
  'error.signed-form': 'A signed form cannot be corrected here: correct it on paper.',
  'error.not-claimed': 'Only the clerk who has taken this submission may do that.',
};

export const ID_DOCUMENT_WORDS: Record<ClerkLanguage, Record<IdDocument, string>> = {
  ja: { 'my-number-card': 'マイナンバーカード', 'driver-license': '運転免許証', passport: 'パスポート', 'residence-card': '在留カード', 'health-insurance': '健康保険証', other: 'その他' },
  en: { 'my-number-card': 'My Number Card', 'driver-license': "Driver's licence", passport: 'Passport', 'residence-card': 'Residence card', 'health-insurance': 'Health insurance card', other: 'Other' },
};

export function paperWord(language: ClerkLanguage, key: PaperKey, params: Record<string, string | number> = {}): string {
  return (language === 'ja' ? ja : en)[key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

/** A refused request's words when the paper view has its own, else undefined (the desk's generic notice then). */
export function paperErrorWord(language: ClerkLanguage, code: string): string | undefined {
  const key = `error.${code}`;
  return key in ja ? paperWord(language, key as PaperKey) : undefined;
}

/** 令和7年4月1日（2025年4月1日）: a date as the clerk reads it on paper, never the ISO form. */
export function bothCalendars(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const seireki = `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日`;
  const wareki = dateAnswerText(iso);
  return wareki === iso ? seireki : `${wareki}（${seireki}）`;
}
