// Watches the templates folder and calls back once a burst of changes has settled (an editor writes a file in several
// steps). Where the file system cannot be watched, nothing is watched: new template files then need a restart.
import { watch, type FSWatcher } from 'node:fs';

const SETTLE_MS = 300;

export interface TemplateWatch {
  close(): void;
}

export function watchTemplates(dir: string, changed: () => void): TemplateWatch {
  let watcher: FSWatcher | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    watcher = watch(dir, { recursive: true }, () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        try {
          changed();
        } catch {
          // a file caught half-written: the next change event reloads again
        }
      }, SETTLE_MS);
      timer.unref();
    });
    watcher.unref();
    watcher.on('error', () => watcher?.close());
  } catch {
    watcher = undefined;
  }
  return {
    close() {
      watcher?.close();
      clearTimeout(timer);
    },
  };
}
