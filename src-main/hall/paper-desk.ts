// A claimed submission finished at a desk on the hall: the same paper view, corrections and 職員記入欄 as a desk paired
// with one kiosk (counter/clerk's SubmissionDesk over the hall's queue store), the forms rendered again from the
// template version the kiosk used (the hall stores every version it published). Any clerk of the submission's site may
// view it; only the clerk holding its claim acts. The queue store audits every step by field id, never by value.
import { PDFDocument } from 'pdf-lib';
import type { HallQueueItem, HallSubmissionView } from '../contract/hall';
import type { IdDocument, Localized, QueueItem } from '../contract/common';
import { ClerkRequestError, deskRenderer, SubmissionDesk, type DeskForms } from '../counter/clerk';
import type { Actor, ReturnReason } from '../counter/queue/store';
import { Template } from '../forms/model/template';
import { loadBackgrounds } from '../forms/load';
import type { HallQueueLine, HallStores, HallSubmission, TemplateStore } from './stores/contract';
import { isHallTicket } from './ticket-prefix';

export class HallDeskError extends Error {
  constructor(readonly code: 'not-found' | 'not-claimed') {
    super(`hall desk: ${code}`);
    this.name = 'HallDeskError';
  }
}

/** The clerk at a hall desk, as the service's staff session names them. */
export interface DeskClerk {
  name: string;
  site: string | null;
}

const actorOf = (clerk: DeskClerk): Actor => ({ kind: 'clerk', id: clerk.name });

export class HallPaperDesk {
  private readonly desk: SubmissionDesk<HallSubmission>;

  constructor(
    private readonly stores: HallStores,
    private readonly titles: ProcedureTitles,
    forms: DeskForms,
  ) {
    this.desk = new SubmissionDesk<HallSubmission>(() => stores.queue, forms, async (s) => queueItemOf(s, await this.titles.of(s.procedureId)));
  }

  async view(clerk: DeskClerk, id: number): Promise<HallSubmissionView> {
    await this.ofSite(clerk, id);
    return this.withPlace(await this.desk.view(id, actorOf(clerk)));
  }

  async correct(clerk: DeskClerk, id: number, position: number, fields: Readonly<Record<string, string | boolean | null>>): Promise<HallSubmissionView> {
    await this.held(clerk, id);
    return this.withPlace(await this.desk.correct(id, position, fields, actorOf(clerk)));
  }

  async staffArea(clerk: DeskClerk, id: number, idDocument: IdDocument): Promise<HallSubmissionView> {
    await this.held(clerk, id);
    return this.withPlace(await this.desk.staffArea(id, idDocument, actorOf(clerk)));
  }

  async confirmCorrections(clerk: DeskClerk, id: number): Promise<HallSubmissionView> {
    await this.held(clerk, id);
    return this.withPlace(await this.desk.confirmCorrections(id, actorOf(clerk)));
  }

  /** 受付済み / 完了 confirm what waits first (and refuse while a kanji is unwritten); a done one is purged. */
  async setStatus(clerk: DeskClerk, id: number, status: 'confirmed' | 'done' | 'returned', reason?: ReturnReason): Promise<HallSubmission | null> {
    await this.held(clerk, id);
    const actor = actorOf(clerk);
    if (status !== 'returned') {
      await this.desk.assertFinal(id, actor);
      await this.stores.queue.confirmCorrections(id, actor);
    }
    await this.stores.queue.setStatus(id, status, actor, reason);
    return this.stores.queue.summary(id).catch(() => null);
  }

  async release(clerk: DeskClerk, id: number): Promise<HallSubmission> {
    await this.held(clerk, id);
    await this.stores.queue.release(id, actorOf(clerk));
    return this.stores.queue.summary(id);
  }

  /** Every form as it prints now, in one PDF the desk's browser prints (the hall has no printer). Audited `print`. */
  async pdf(clerk: DeskClerk, id: number): Promise<{ fileName: string; pdfBase64: string }> {
    const summary = await this.held(clerk, id);
    const actor = actorOf(clerk);
    await this.desk.assertFinal(id, actor);
    const view = await this.desk.view(id, actor);
    const merged = await PDFDocument.create();
    for (const form of view.forms) {
      const one = await PDFDocument.load(Buffer.from(form.pdfBase64, 'base64'));
      for (const page of await merged.copyPages(one, one.getPageIndices())) merged.addPage(page);
    }
    await this.stores.queue.audit(id, actor, 'print', 'hall-desk-download');
    // The name says the day and the ticket only: nothing of the resident.
    return { fileName: `${summary.day}_${summary.ticketNumber}.pdf`, pdfBase64: Buffer.from(await merged.save()).toString('base64') };
  }

  async itemOf(s: HallSubmission): Promise<HallQueueItem> {
    return hallItemOf(s, await this.titles.of(s.procedureId));
  }

  /** The submission, if it is of the clerk's site: another site's is `not-found` (its existence is not told). */
  private async ofSite(clerk: DeskClerk, id: number): Promise<HallSubmission> {
    const summary = await this.stores.queue.summary(id).catch(() => undefined);
    if (!summary || (clerk.site !== null && summary.site !== clerk.site)) throw new HallDeskError('not-found');
    return summary;
  }

  private async held(clerk: DeskClerk, id: number): Promise<HallSubmission> {
    const summary = await this.ofSite(clerk, id);
    if (summary.claimedBy?.kind !== 'clerk' || summary.claimedBy.id !== clerk.name) throw new HallDeskError('not-claimed');
    return summary;
  }

  private async withPlace(view: Awaited<ReturnType<SubmissionDesk['view']>>): Promise<HallSubmissionView> {
    return { ...view, hall: await this.itemOf(await this.stores.queue.summary(view.item.id)) };
  }
}

export function hallItemOf(s: HallQueueLine, procedureTitle: Localized | null): HallQueueItem {
  return {
    id: s.id,
    site: s.site,
    kiosk: s.kiosk,
    ticketNumber: s.ticketNumber,
    // The hall's own tickets are the site's sequence, digits only; a kiosk's own carries its prefix.
    offline: !isHallTicket(s.ticketNumber),
    day: s.day,
    procedureId: s.procedureId,
    procedureTitle,
    status: s.status,
    createdAt: s.createdAt,
    claimedBy: s.claimedBy?.id ?? null,
  };
}

function queueItemOf(s: HallSubmission, procedureTitle: Localized | null): QueueItem {
  return {
    id: s.id,
    ticketNumber: s.ticketNumber,
    day: s.day,
    procedureId: s.procedureId,
    procedureTitle,
    status: s.status,
    returnReason: s.returnReason,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    templateIds: s.forms.map((f) => f.templateId),
  };
}

/** A procedure's title as the hall's live templates and bundles name it; read again when a live pointer moves. */
export class ProcedureTitles {
  private cached: { pointers: string; titles: Map<string, Localized> } | undefined;
  constructor(private readonly templates: TemplateStore) {}

  async of(procedureId: string | null): Promise<Localized | null> {
    if (procedureId === null) return null;
    return (await this.all()).get(procedureId) ?? null;
  }

  async all(): Promise<ReadonlyMap<string, Localized>> {
    // The pointers are a few short rows; the versions' JSON is read only when one of them moved.
    const pointers = (await this.templates.livePointers()).map((p) => `${p.kind}:${p.id}:${p.version}`).sort().join(',');
    if (this.cached?.pointers === pointers) return this.cached.titles;
    const titles = new Map<string, Localized>();
    for (const v of await this.templates.liveVersions()) {
      const title = (JSON.parse(v.json) as { title?: Localized }).title;
      if (title && typeof title.ja === 'string') titles.set(v.id, title);
    }
    this.cached = { pointers, titles };
    return titles;
  }
}

/**
 * The desk's forms from the hall's template store: a form is corrected only against the version the kiosk made it
 * with (matched by the template's own version), its backgrounds read from the store by hash.
 */
export function hallDeskForms(templates: TemplateStore, fontsConfig: string): DeskForms {
  const parsed = new Map<string, Template | undefined>();
  return {
    templateAt: async (id, version) => {
      if (version === null) return undefined;
      const key = `${id}@${version}`;
      if (parsed.has(key)) return parsed.get(key);
      // The designer stamps a stored version's number into the template's own `version`: the one the kiosk sends.
      const stored = await templates.version('template', id, version);
      const r = stored && Template.safeParse(JSON.parse(stored.json));
      const found = r?.success && r.data.version === version ? r.data : undefined;
      // A version not found may be published later: only a found one is remembered (stored versions never change).
      if (found) parsed.set(key, found);
      return found;
    },
    render: deskRenderer(fontsConfig, async (template) => {
      const path = template.background?.pdf;
      const hash = path && /^designer\/([0-9a-f]{64})\.pdf$/.exec(path)?.[1];
      if (!path) return new Map();
      if (!hash) return loadBackgrounds([template]);
      const bg = await templates.background(hash);
      if (!bg) throw new ClerkRequestError('template-changed');
      return new Map([[path, bg.bytes]]);
    }),
  };
}
