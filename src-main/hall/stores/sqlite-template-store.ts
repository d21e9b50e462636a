// The template contract over the designer's own store (unchanged): same file layout, same versions and live pointer.
import type { DocumentKind } from '../../contract/admin';
import type { DesignerStore } from '../../counter/admin/store';
import { HallStoreError, type LivePointer, type StoredBackground, type StoredVersion, type TemplateStore } from './contract';

function settle<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (err) {
    return Promise.reject(err instanceof Error ? err : new Error(String(err)));
  }
}

export class SqliteTemplateStore implements TemplateStore {
  constructor(private readonly store: DesignerStore) {}

  saveVersion(input: { kind: DocumentKind; id: string; basedOn: number | null; json: string; who: string; note: string | null }): Promise<{ ok: true; version: number } | { ok: false; latestVersion: number }> {
    return settle(() =>
      this.store.saveVersion({ kind: input.kind, id: input.id, basedOn: input.basedOn, otherVersion: undefined, who: input.who, note: input.note, action: 'save' }, () => ({
        json: input.json,
        detail: 'saved at the hall',
      })),
    );
  }

  versions(kind: DocumentKind, id: string): Promise<StoredVersion[]> {
    return settle(() => this.store.versions(kind, id));
  }

  version(kind: DocumentKind, id: string, version: number): Promise<StoredVersion | undefined> {
    return settle(() => this.store.version(kind, id, version));
  }

  latestVersions(): Promise<StoredVersion[]> {
    return settle(() => this.store.latestVersions());
  }

  publish(pointer: { kind: DocumentKind; id: string; version: number }, who: string): Promise<LivePointer> {
    return settle(() => {
      if (!this.store.version(pointer.kind, pointer.id, pointer.version)) throw new HallStoreError('not-found');
      return this.store.publish({ ...pointer, source: 'designer' }, who, 'publish');
    });
  }

  livePointers(): Promise<LivePointer[]> {
    return settle(() => this.store.livePointers());
  }

  liveVersions(): Promise<StoredVersion[]> {
    return settle(() =>
      this.store
        .livePointers()
        .map((p) => this.store.version(p.kind, p.id, p.version))
        .filter((v): v is StoredVersion => v !== undefined),
    );
  }

  addBackground(bg: StoredBackground, who: string): Promise<boolean> {
    return settle(() => this.store.addBackground(bg, who));
  }

  background(hash: string): Promise<StoredBackground | undefined> {
    return settle(() => this.store.background(hash));
  }
}
