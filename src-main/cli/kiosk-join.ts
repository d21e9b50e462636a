// kakanai kiosk join --hall https://hall.city.local:8443 --code XXXXX-XXXXX [--ca ca.pem] [--out DIR]
// Redeems the one-time enrolment code the admin issued for this kiosk and keeps the credential in the kiosk's
// private folder (<DIR>/hall/credential.json, 0600). The code is spent even if this kiosk is later revoked.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../counter/admin';
import { credentialFile, JoinError, joinHall, type JoinErrorCode } from '../hall/join';

const USAGE = '使い方 / usage: kakanai kiosk join --hall https://HOST:PORT --code CODE [--ca ca.pem] [--out DIR]';

const REFUSALS: Record<JoinErrorCode, string> = {
  'rate-limited': '登録コードの誤りが続いたため、少し待ってからもう一度お試しください。 / Too many wrong enrolment codes from this machine: wait a little and try again.',
  'bad-code': 'この登録コードは使えません（誤り・使用済み・期限切れ）。管理者に新しいコードを発行してもらってください。 / This enrolment code is not valid (wrong, already used or expired); ask the admin for a new one.',
  unreachable: '庁舎サーバーに接続できません。URL とネットワークを確認してください。 / The hall server cannot be reached; check the URL and the network.',
  untrusted: '庁舎サーバーの証明書を信頼できません（--ca で庁舎の CA を指定してください）。 / The hall server\'s certificate is not trusted; give the hall\'s CA with --ca.',
  'already-joined': 'この端末は既に庁舎サーバーに参加しています。 / This kiosk has already joined a hall.',
  'bad-url': '庁舎サーバーの URL は https://ホスト:ポート で指定してください。 / The hall URL must be https://host:port.',
  'bad-answer': '庁舎サーバーの応答を理解できません。 / The hall server gave an answer this kiosk does not understand.',
};

export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  let values;
  try {
    ({ values } = parseArgs({ args: rest, options: { hall: { type: 'string' }, code: { type: 'string' }, ca: { type: 'string' }, out: { type: 'string' } } }));
  } catch {
    console.error(USAGE);
    return 2;
  }
  if (sub !== 'join' || !values.hall || !values.code) {
    console.error(USAGE);
    return 2;
  }
  let ca: string | undefined;
  try {
    ca = values.ca === undefined ? undefined : readFileSync(values.ca, 'utf8');
  } catch {
    console.error('CA のファイルを読めません。 / The CA file cannot be read.');
    return 1;
  }
  const dataDir = values.out ?? defaultDataDir;
  try {
    const joined = await joinHall({ hall: values.hall, code: values.code, ...(ca ? { ca } : {}), dataDir });
    console.log(
      `庁舎サーバーに参加しました: ${joined.site} / ${joined.name} / Joined the hall as ${joined.kind} "${joined.name}" of site ${joined.site}.\n  ${credentialFile(dataDir)} (0600)`,
    );
    return 0;
  } catch (err) {
    if (err instanceof JoinError) {
      console.error(REFUSALS[err.code]);
      return 1;
    }
    throw err;
  }
}
