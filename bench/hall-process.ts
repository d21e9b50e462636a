// The hall of `npm run bench:hall` in a process of its own, as on the city's server: the 30 simulated kiosks' own TLS
// and JSON work then runs beside it, not on its one thread. Told what to serve over IPC; a 'stop' message closes it.
import { keyFolderStore } from '../src-main/counter/queue/key';
import { startHallServer, type HallServer } from '../src-main/hall/server';

interface Start {
  db: string;
  cert: string;
  key: string;
  keysDir: string;
  port: number;
}

let hall: HallServer | undefined;
process.on('message', (message: { start?: Start; stop?: true; usage?: true }) => {
  // CPU time used so far (user + system, µs): the bench takes the difference over a phase.
  if (message.usage) process.send?.({ usage: process.cpuUsage() });
  if (message.start) {
    const s = message.start;
    startHallServer({ db: s.db, cert: s.cert, key: s.key, port: s.port, host: '127.0.0.1', keys: keyFolderStore(s.keysDir) }).then(
      (started) => {
        hall = started;
        process.send?.({ port: started.port });
      },
      () => process.exit(1),
    );
  }
  if (message.stop) {
    void (hall?.close() ?? Promise.resolve()).finally(() => process.exit(0));
  }
});
