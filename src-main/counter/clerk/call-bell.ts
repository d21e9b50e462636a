// The sound a desk plays when a resident calls for a clerk: the city's own file in the data folder when it has one
// (clerk-bell.wav, .mp3 or .ogg), else the chime shipped with the desk's page.
import { statSync } from 'node:fs';
import { join } from 'node:path';

/** The shipped chime, a file of the built renderer (src-renderer/public). */
export const DEFAULT_BELL_PATH = '/clerk-bell.wav';
const CITY_BELLS = [
  ['clerk-bell.wav', 'audio/wav'],
  ['clerk-bell.mp3', 'audio/mpeg'],
  ['clerk-bell.ogg', 'audio/ogg'],
] as const;
/** A bell is a few seconds; anything bigger is not one. */
const MAX_BELL_BYTES = 2 * 1024 * 1024;

/** The city's bell in `dataDir`, or undefined (none, a folder, too big). Looked up at each call: a new file applies at once. */
export function cityBell(dataDir: string): { file: string; type: string; size: number } | undefined {
  for (const [name, type] of CITY_BELLS) {
    const file = join(dataDir, name);
    try {
      const stat = statSync(file);
      if (stat.isFile() && stat.size > 0 && stat.size <= MAX_BELL_BYTES) return { file, type, size: stat.size };
    } catch {
      // not this one
    }
  }
  return undefined;
}
