import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeFor, isOwnUrl, rendererFileFor } from './app-url';

const renderer = join('/opt/kakanai/resources/app.asar/dist/renderer');

describe('the app:// origin', () => {
  it('maps our URLs to files inside the built renderer', () => {
    expect(rendererFileFor(renderer, 'app://kakanai/')).toBe(join(renderer, 'index.html'));
    expect(rendererFileFor(renderer, 'app://kakanai/index.html')).toBe(join(renderer, 'index.html'));
    expect(rendererFileFor(renderer, 'app://kakanai/assets/kiosk-1a2b.js?v=1#x')).toBe(join(renderer, 'assets/kiosk-1a2b.js'));
  });

  it('never maps a URL to a file outside the renderer folder', () => {
    for (const url of [
      'app://kakanai/%2e%2e/%2e%2e/templates/fonts.json',
      'app://kakanai/assets/..%2f..%2f..%2fpackage.json',
      'app://kakanai/..%5c..%5cpackage.json',
      'app://kakanai/index.html%00.js',
      'app://kakanai/%E0%A4%A',
    ]) {
      const file = rendererFileFor(renderer, url);
      if (file !== null) expect(file.startsWith(renderer + sep), `${url} → ${file}`).toBe(true);
    }
    expect(rendererFileFor(renderer, 'app://kakanai/assets/..%2f..%2f..%2fpackage.json')).toBeNull();
    expect(rendererFileFor(renderer, 'app://kakanai/index.html%00.js')).toBeNull();
    expect(rendererFileFor(renderer, 'app://other/index.html')).toBeNull();
    expect(rendererFileFor(renderer, 'https://kakanai/index.html')).toBeNull();
  });

  it('tells our own URLs from look-alikes', () => {
    expect(isOwnUrl('app://kakanai/index.html')).toBe(true);
    expect(isOwnUrl('app://kakanai.evil/index.html')).toBe(false);
    expect(isOwnUrl('app://user:pw@kakanai/')).toBe(false);
    expect(isOwnUrl('not a url')).toBe(false);
  });

  it('serves module scripts with a JavaScript type and unknown files as opaque bytes', () => {
    expect(contentTypeFor('/x/assets/kiosk.js')).toMatch(/^text\/javascript/);
    expect(contentTypeFor('/x/index.HTML')).toMatch(/^text\/html/);
    expect(contentTypeFor('/x/pdf.worker.mjs')).toMatch(/^text\/javascript/);
    expect(contentTypeFor('/x/blob')).toBe('application/octet-stream');
  });
});
