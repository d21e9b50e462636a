// One clear sentence in Japanese and English per error code, for the terminal. The kiosk has its own, kinder
// wording in src-renderer/i18n; neither ever includes a PIN or a My Number.
import type { CardError, CardErrorCode } from '../../card-reader/errors';

type Sentence = { ja: string; en: string };

const cardMessages: Record<CardErrorCode, (e: CardError) => Sentence> = {
  WrongPin: (e) => ({
    ja: `暗証番号が違います。残りの試行回数は ${e.triesLeft ?? '?'} 回です。`,
    en: `The PIN is wrong; ${e.triesLeft ?? '?'} tries are left.`,
  }),
  PinBlocked: () => ({
    ja: '暗証番号がロックされています。市区町村の窓口で解除してください。',
    en: "This card's PIN is locked; the municipal counter can unlock it.",
  }),
  PinGuard: (e) =>
    e.triesLeft === 1
      ? {
          ja: '残りの試行回数が1回のため、暗証番号を送信しませんでした。職員にお声がけください。',
          en: 'Only one PIN try is left, so no PIN was sent; please ask the clerk.',
        }
      : {
          ja: 'カードが残りの試行回数を示さないため、暗証番号を送信しませんでした。職員にお声がけください。',
          en: 'The card did not tell how many PIN tries are left, so no PIN was sent; please ask the clerk.',
        },
  InvalidPinFormat: () => ({ ja: '暗証番号は数字4桁で入力してください。', en: 'The PIN must be 4 digits.' }),
  WrongCheckCodeB: (e) => ({
    ja: `照合番号Bが一致しません。残りの試行回数は ${e.triesLeft ?? '?'} 回です。`,
    en: `The check code B does not match; ${e.triesLeft ?? '?'} tries are left.`,
  }),
  CheckCodeBBlocked: () => ({ ja: '照合番号Bがロックされています。', en: "This card's check code B is locked." }),
  InvalidCheckCodeB: () => ({
    ja: '照合番号Bは生年月日6桁・有効期限の西暦4桁・セキュリティコード4桁で入力してください。',
    en: 'Check code B needs the birth date (YYMMDD), the expiry year (YYYY) and the 4-digit security code.',
  }),
  SecurityStatusNotSatisfied: (e) => ({
    ja: `カードが読み取りを拒否しました（認証前の読み取り: ${e.step ?? '不明'}）。不具合として報告してください。`,
    en: `The card refused a read before authentication (${e.step ?? 'unknown step'}); please report this bug.`,
  }),
  CommandNotAllowed: (e) => ({
    ja: `カードがコマンドを拒否しました（${e.step ?? '不明'}）。不具合として報告してください。`,
    en: `The card refused a command (${e.step ?? 'unknown step'}); please report this bug.`,
  }),
  FileNotFound: (e) => ({
    ja: `カードに必要なファイルがありません（${e.step ?? '不明'}）。`,
    en: `The card lacks a file Kakanai needs (${e.step ?? 'unknown step'}).`,
  }),
  WrongParameters: () => ({ ja: 'カードが想定外の応答をしました。カードが破損している可能性があります。', en: 'The card answered unexpectedly; it may be damaged.' }),
  WrongLength: () => ({ ja: 'カードが長さの誤りを返しました。カードが破損している可能性があります。', en: 'The card reported a wrong length; it may be damaged.' }),
  UnexpectedStatus: (e) => ({
    ja: `カードが想定外の状態 ${e.sw ?? ''} を返しました。`,
    en: `The card returned an unexpected status ${e.sw ?? ''}.`,
  }),
  MalformedData: () => ({ ja: 'カードの記録を読み取れませんでした。カードが破損している可能性があります。', en: "The card's data could not be read; the card may be damaged." }),
  InvalidMyNumber: () => ({ ja: 'カードの個人番号の検査用数字が一致しません。', en: "The card's individual number fails its check digit." }),
  CardRemoved: () => ({ ja: '読み取り中にカードが離れました。もう一度カードを置いてください。', en: 'The card was removed while reading; please place it again.' }),
  NotMyNumberCard: () => ({ ja: 'このカードはマイナンバーカードではありません。', en: 'This card is not a My Number Card.' }),
  NoReader: () => ({ ja: 'カードリーダーが見つかりません。接続を確認してください。', en: 'No card reader was found; please check the connection.' }),
  NoCard: () => ({ ja: 'カードリーダーにカードがありません。', en: 'There is no card on the reader.' }),
  ReaderBusy: () => ({ ja: 'カードリーダーは別のプログラムが使用中です。', en: 'Another program is using the card reader.' }),
  PcscUnavailable: () => ({
    ja: 'スマートカードサービス（pcscd）に接続できません。`kakanai rig up` または pcscd を起動してください。',
    en: 'The smart card service (pcscd) is unreachable; start it or run `kakanai rig up`.',
  }),
  Timeout: () => ({ ja: '時間内にカードが置かれませんでした。', en: 'No card was placed in time.' }),
};

export function cardErrorSentence(e: CardError): string {
  const s = cardMessages[e.code](e);
  return `${s.ja} / ${s.en}`;
}
