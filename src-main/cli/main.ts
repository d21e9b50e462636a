// kakanai … : parse the first word, hand the rest to that command's module. Each module exports
// `run(args): Promise<number>` (the exit code) and prints its own one-line bilingual errors.

type Command = { summary: string; load: () => Promise<{ run(args: string[]): Promise<number> }> };

const commands: Record<string, Command> = {
  card: { summary: 'read | tries | emulate — the My Number Card', load: () => import('./card') },
  rig: { summary: 'up | status | down — the virtual card rig (pcscd + vpcd + a virtual card)', load: () => import('./rig') },
  templates: { summary: 'check — validate every form template and bundle', load: () => import('./templates') },
  serve: { summary: '[--port N] [--host H] [--demo] — the kiosk in a browser (HTTP + WebSocket on loopback)', load: () => import('./serve') },
  start: { summary: 'the kiosk: Electron, or the browser host; the demo card when no reader is attached', load: () => import('./start') },
  admin: { summary: '[--port N] — the IT staff\'s designer and figures at /admin', load: () => import('./admin') },
  staff: { summary: 'add NAME --role clerk|it [--stdin] | list | remove NAME — named clerks and IT staff', load: () => import('./staff') },
  figures: { summary: '--since YYYY-MM-DD [--until …] [--out DIR] [--csv] [--hall URL --credential DIR --staff NAME [--site S]] — the BPR figures (counts, time per step), of this kiosk or from the hall', load: () => import('./figures') },
  hall: { summary: 'init | serve | enrol | revoke | staff add — the city-hall server (PostgreSQL); kakanai hall --help', load: () => import('./hall') },
  kiosk: { summary: 'join --hall URL --code CODE [--ca ca.pem] — join this kiosk to the city-hall server', load: () => import('./kiosk-join') },
  form: { summary: 'fill --template ID --resident FILE [--answers FILE] --out FILE.pdf', load: () => import('./form') },
};

function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  kakanai ${name.padEnd(10)} ${c.summary}`);
  return ['使い方 / usage:', ...lines].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    console.error(`不明なコマンドです: ${name} / Unknown command: ${name}\n${usage()}`);
    return 2;
  }
  const mod = await command.load();
  return mod.run(rest);
}
