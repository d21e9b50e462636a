// kakanai card read | tries | emulate. The PIN comes from the terminal (no echo) or standard input, never argv;
// the My Number is masked unless the person at a terminal asks to see it.
import { parseArgs } from 'node:util';
import { isCardError, CardError } from '../../card-reader/errors';
import { sexLabel } from '../../card-reader/personal-data';
import type { MyNumber, ResidentInfo } from '../../card-reader/personal-data';
import { pinTriesLeft, readResident, readWithCheckCodeB } from '../../card-reader/protocol';
import type { CheckCodeB } from '../../card-reader/protocol';
import type { CardChannel } from '../../card-reader/transport/channel';
import { PcscReaderService } from '../../card-reader/transport/pcsc';
import { runEmulator } from '../../card-reader/virtual-card/emulate';
import { FixtureError } from '../../card-reader/virtual-card/resident-fixture';
import { formatWareki } from '../forms/binding/wareki';
import { cardErrorSentence } from './messages';
import { readSecret } from './secret-input';

const USAGE = `使い方 / usage:
  kakanai card read [--with-my-number] [--json] [--pin-stdin] [--show-my-number] [--allow-last-try]
                    [--check-code-b] [--reader NAME] [--timeout-ms N]
  kakanai card tries [--reader NAME] [--json]
  kakanai card emulate --resident FILE [--delay-ms N] [--port N]`;

export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  try {
    switch (sub) {
      case 'read':
        return await read(rest);
      case 'tries':
        return await tries(rest);
      case 'emulate':
        return await emulate(rest);
      default:
        console.error(USAGE);
        return 2;
    }
  } catch (e) {
    return reportError(e);
  }
}

function reportError(e: unknown): number {
  if (isCardError(e)) {
    console.error(cardErrorSentence(e));
  } else if (e instanceof FixtureError) {
    console.error(`カードの定義ファイルに誤りがあります / The card fixture is invalid:\n${e.message}`);
  } else if (e instanceof Error && 'code' in e && e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    console.error(`不明なオプションです / Unknown option: ${e.message}\n${USAGE}`);
    return 2;
  } else {
    // Only the error's class and code: a message from a lower layer is not known to be free of personal data.
    const kind = e instanceof Error ? `${e.name}${'code' in e ? ` ${String(e.code)}` : ''}` : typeof e;
    console.error(`予期しないエラーが発生しました / An unexpected error occurred (${kind}).`);
  }
  return 1;
}

const readerOptions = {
  reader: { type: 'string' },
  'timeout-ms': { type: 'string', default: '30000' },
} as const;

/** Opens the reader service, waits for a card, lends it to `exchange`, and always closes the service. */
async function withPlacedCard<T>(
  values: { reader?: string | undefined; 'timeout-ms': string },
  exchange: (channel: CardChannel) => Promise<T>,
): Promise<T> {
  const service = new PcscReaderService();
  try {
    await waitForPcscd(service);
    const timeoutMs = Number(values['timeout-ms']);
    if (!service.readers().some((r) => r.card === 'present')) {
      console.error('カードをリーダーに置いてください / Place the card on the reader…');
    }
    const reader = await service.waitForCard({ timeoutMs, ...(values.reader ? { reader: values.reader } : {}) });
    return await service.withCard(reader, exchange);
  } finally {
    await service.close();
  }
}

/** pcscd answers within milliseconds when it runs; after 2 s we say it does not rather than wait for a card. */
async function waitForPcscd(service: PcscReaderService): Promise<void> {
  for (let waited = 0; !service.pcscdAvailable; waited += 50) {
    if (waited >= 2000) throw new CardError('PcscUnavailable', 'pcscd is not running');
    await new Promise((r) => setTimeout(r, 50));
  }
  // Readers are announced just after the context opens.
  for (let waited = 0; service.readers().length === 0; waited += 50) {
    if (waited >= 1000) throw new CardError('NoReader', 'no reader is attached');
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function read(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      ...readerOptions,
      'with-my-number': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      'pin-stdin': { type: 'boolean', default: false },
      'show-my-number': { type: 'boolean', default: false },
      'allow-last-try': { type: 'boolean', default: false },
      'check-code-b': { type: 'boolean', default: false },
    },
  });
  if (values['check-code-b'] && values['with-my-number']) {
    console.error('照合番号Bでは個人番号を読み取れません / Check code B does not open the My Number.');
    return 2;
  }
  // The secret is asked for before the card is placed, as at the kiosk: the read is then one quick exchange.
  const secret = values['check-code-b']
    ? await readSecret('照合番号B（生年月日6桁＋有効期限の西暦4桁＋セキュリティコード4桁）/ Check code B (YYMMDD YYYY NNNN): ', values['pin-stdin'])
    : await readSecret('暗証番号（数字4桁）/ PIN (4 digits): ', values['pin-stdin']);
  try {
    const result = await withPlacedCard(values, async (channel): Promise<{ resident: ResidentInfo; myNumber?: MyNumber }> => {
      if (values['check-code-b']) {
        const code = secret.replace(/[\s-]/g, '');
        const b: CheckCodeB = { birth: code.slice(0, 6), expiryYear: code.slice(6, 10), securityCode: code.slice(10) };
        return readWithCheckCodeB(channel, b);
      }
      return readResident(channel, {
        pin: secret,
        withMyNumber: values['with-my-number'],
        allowLastTry: values['allow-last-try'],
      });
    });
    const showMyNumber = values['show-my-number'] && process.stdout.isTTY === true;
    if (values['show-my-number'] && !showMyNumber) {
      console.error('個人番号は端末に表示する場合のみ表示します / The My Number is shown only on a terminal.');
    }
    printResident(result.resident, result.myNumber, { json: values.json, showMyNumber });
    return 0;
  } catch (e) {
    if (isCardError(e, 'WrongPin') || isCardError(e, 'WrongCheckCodeB')) {
      reportError(e);
      return 3;
    }
    throw e;
  }
}

function printResident(
  resident: ResidentInfo,
  myNumber: MyNumber | undefined,
  { json, showMyNumber }: { json: boolean; showMyNumber: boolean },
): void {
  const r = resident.reveal();
  const sex = sexLabel(r.sex);
  const myNumberText = myNumber ? (showMyNumber ? myNumber.reveal() : myNumber.masked()) : undefined;
  if (json) {
    const out = { ...r, sexLabel: sex, ...(myNumberText ? { myNumber: myNumberText } : {}) };
    console.log(JSON.stringify(out, null, 2));
    return;
  }
  const wareki = formatWareki(r.birthDate);
  const rows: [string, string][] = [
    ['氏名 / Name', r.name],
    ['住所 / Address', r.address],
    ['生年月日 / Date of birth', wareki ? `${wareki}（${r.birthDate}）` : r.birthDate],
    ['性別 / Sex', `${sex.ja} / ${sex.en} (${r.sex})`],
  ];
  if (myNumberText) rows.push(['個人番号 / My Number', myNumberText]);
  for (const [label, value] of rows) console.log(`${label}: ${value}`);
}

async function tries(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { ...readerOptions, json: { type: 'boolean', default: false } } });
  const { triesLeft } = await withPlacedCard(values, (channel) => pinTriesLeft(channel));
  if (values.json) {
    console.log(JSON.stringify({ triesLeft }));
  } else if (triesLeft === null) {
    console.log('暗証番号は確認済みです（残り回数は表示されません）/ The PIN is already verified (the card does not tell the count).');
  } else if (triesLeft === 0) {
    console.log('暗証番号はロックされています / The PIN is locked (0 tries left).');
  } else {
    console.log(`暗証番号の残り試行回数: ${triesLeft} 回 / PIN tries left: ${triesLeft}`);
  }
  return 0;
}

async function emulate(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      resident: { type: 'string' },
      'delay-ms': { type: 'string', default: '0' },
      port: { type: 'string', default: '35963' },
      host: { type: 'string', default: '127.0.0.1' },
    },
  });
  if (!values.resident) {
    console.error(`--resident FILE が必要です / --resident FILE is required.\n${USAGE}`);
    return 2;
  }
  const delayMs = Number(values['delay-ms']);
  const port = Number(values.port);
  if (!Number.isInteger(delayMs) || delayMs < 0 || !Number.isInteger(port) || port <= 0 || port > 65535) {
    console.error('--delay-ms と --port は整数で指定してください / --delay-ms and --port must be integers.');
    return 2;
  }
  const emulator = runEmulator({ residentFile: values.resident, port, host: values.host, delayMs });
  console.error(`仮想カードを挿入します（${values.host}:${port}）/ Inserting the virtual card (${emulator.fixture.kind}: ${values.resident}) …`);
  await emulator.inserted;
  console.error('挿入しました。Ctrl+C で取り外します / Inserted; Ctrl+C removes it.');
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await emulator.stop();
  return 0;
}
