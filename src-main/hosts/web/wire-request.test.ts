import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileFor } from './static-files';
import { checkWireRequest } from './wire-request';

describe('checkWireRequest', () => {
  const req = (name: string, params: unknown, id: unknown = 1) => JSON.stringify({ kind: 'request', id, name, params });

  it('passes a well-formed request of every shape the screens send', () => {
    expect(checkWireRequest(req('kiosk.info', {}))).toEqual({ ok: true, request: { id: 1, name: 'kiosk.info', params: {} } });
    expect(checkWireRequest(req('card.read', { pin: '1234' })).ok).toBe(true);
    expect(checkWireRequest(req('session.answer', { answers: { kana: 'みほん', 'copies.all': 2, 'include.code': false, phone: null } })).ok).toBe(true);
    expect(checkWireRequest(req('session.signature', { pngDataUrl: 'data:image/png;base64,iVBORw0KGgo=' })).ok).toBe(true);
  });

  it('refuses unknown names, extra or mistyped parameters, and answers the id it could read', () => {
    expect(checkWireRequest(req('shell.exec', {}, 4))).toEqual({ ok: false, id: 4 });
    expect(checkWireRequest(req('kiosk.info', { x: 1 }, 5))).toEqual({ ok: false, id: 5 });
    expect(checkWireRequest(req('card.read', { pin: 1234 }, 6))).toEqual({ ok: false, id: 6 });
    expect(checkWireRequest(req('session.answer', { answers: { 'Bad Key': 'x' } }, 7))).toEqual({ ok: false, id: 7 });
    expect(checkWireRequest(req('session.signature', { pngDataUrl: 'javascript:alert(1)' }, 8))).toEqual({ ok: false, id: 8 });
    expect(checkWireRequest(req('session.end', { reason: 'whatever' }, 9))).toEqual({ ok: false, id: 9 });
  });

  it('gives no id for text that is not a request at all', () => {
    expect(checkWireRequest('not json')).toEqual({ ok: false, id: undefined });
    expect(checkWireRequest(req('kiosk.info', {}, 'one'))).toEqual({ ok: false, id: undefined });
    expect(checkWireRequest('null')).toEqual({ ok: false, id: undefined });
  });
});

describe('fileFor', () => {
  const root = mkdtempSync(join(tmpdir(), 'kakanai-static-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html>');
  writeFileSync(join(root, 'assets', 'a.js'), '');
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('maps / to the page and paths to files under the folder', () => {
    expect(fileFor(root, '/')).toBe(join(root, 'index.html'));
    expect(fileFor(root, '/assets/a.js')).toBe(join(root, 'assets', 'a.js'));
  });

  it('serves nothing outside the folder, no folders, no NUL tricks', () => {
    expect(fileFor(root, '/../etc/passwd')).toBeUndefined();
    expect(fileFor(root, '/%2e%2e/%2e%2e/etc/passwd')).toBeUndefined();
    expect(fileFor(root, '/assets')).toBeUndefined();
    expect(fileFor(root, '/index.html%00.js')).toBeUndefined();
    expect(fileFor(root, '/%E0%A4%A')).toBeUndefined();
  });
});
