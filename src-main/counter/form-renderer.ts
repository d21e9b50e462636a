// Rendering a session's forms, asked for (preview, submit) or in the background once the answers are complete, so the
// review's preview answers at once. A render joins one already in flight for the same answers; a stale one is dropped
// and its PDFs zeroed.
import { join } from 'node:path';
import type { PreviewForm } from '../contract/kiosk';
import { renderFormsIsolated } from '../forms/engine/render-isolated';
import { answerKeyOf, answerProblemCode } from './answer-problems';
import { NEEDED } from './household';
import { householdKey, householdMembers, personSlot, type PersonRole } from '../forms/model/people';
import { parseSource } from '../forms/model/source';
import type { Template } from '../forms/model/template';
import type { FormData } from '../forms/binding/bind';
import { loadBackgrounds, loadFonts } from '../forms/load';
import { KioskRequestError } from './errors';
import type { RenderedForms, ResidentSession } from './resident-session';

/** Answers can come in a burst (a clerk's corrections): the background render starts once they settle. */
const PRERENDER_DEBOUNCE_MS = 25;

export interface FormRendererOptions {
  templatesDir: string;
  /** The stored background a template names (the designer's versions). */
  backgroundBytes(path: string): Uint8Array;
  /** The ticket number: `peek` shows the next one on a preview, `next` issues it when the visit is submitted. */
  tickets: { peek(): string; next(): Promise<string> };
  today(): string;
  /** The visit's own values on the forms (ticket, city, window). */
  visit(session: ResidentSession): { ticketNumber?: string; cityName: string; windowName?: string };
  /** Whether this session is still the kiosk's current one (a wiped session's render is thrown away). */
  isCurrent(session: ResidentSession): boolean;
}

export class FormRenderer {
  private prerenderTimer: NodeJS.Timeout | undefined;

  /** The ticket being issued to a session (a retried submit waits for it, never takes a second number). */
  private readonly issued = new WeakMap<ResidentSession, Promise<string>>();

  constructor(private readonly options: FormRendererOptions) {}

  /**
   * The render the submission takes: issues the session's ticket first, and renders again only when the number
   * differs from the one its preview showed (the day changed, another kiosk issued it meanwhile, or the hall's).
   */
  async renderToSubmit(session: ResidentSession): Promise<RenderedForms> {
    let issuing = this.issued.get(session);
    if (!issuing) {
      issuing = this.options.tickets.next();
      this.issued.set(session, issuing);
      issuing.catch(() => this.issued.delete(session)); // not issued: the next try asks again
      const ticket = await issuing;
      if (session.ticketNumber !== ticket) {
        session.ticketNumber = ticket;
        session.forgetRendered();
      }
    } else await issuing;
    return this.render(session);
  }

  /**
   * Every included form as the exact PDF the printer or the clerk gets; before the submission it shows the ticket
   * number the visit will get, without issuing it.
   * A render already in flight for the same answers (the background one) is joined, not repeated.
   */
  async render(session: ResidentSession): Promise<RenderedForms> {
    for (;;) {
      if (session.rendered) return session.rendered;
      if (session.reading) throw new KioskRequestError('busy');
      const generation = session.renderGeneration;
      if (session.rendering?.generation !== generation) {
        const promise = this.renderForms(session, generation);
        session.rendering = { promise, generation };
        promise.catch(() => {}).finally(() => {
          if (session.rendering?.promise === promise) session.rendering = undefined;
        });
      }
      await session.rendering!.promise;
      // The answers changed while it ran (stale result dropped): render again from the new ones.
    }
  }

  /** Renders in the background once the answers are complete. */
  prerender(session: ResidentSession): void {
    clearTimeout(this.prerenderTimer);
    if (session.rendered || session.problems.length > 0 || !session.answersComplete()) return;
    this.prerenderTimer = setTimeout(() => {
      if (!this.options.isCurrent(session) || session.rendered || session.reading) return;
      this.render(session).catch(() => {}); // the asked-for render reports its own failure
    }, PRERENDER_DEBOUNCE_MS);
    this.prerenderTimer.unref();
  }

  /** Drops a background render that has not started (the session ended). */
  cancelPrerender(): void {
    clearTimeout(this.prerenderTimer);
  }

  private async renderForms(session: ResidentSession, generation: number): Promise<RenderedForms> {
    const { options } = this;
    session.ticketNumber ??= options.tickets.peek();
    const { fonts } = loadFonts(join(options.templatesDir, 'fonts.json'));
    const templates = session.includedTemplates();
    const data = session.formData(options.today(), options.visit(session));
    // A session keeps its plan's Template objects; their stored backgrounds are named by hash and never change.
    const backgrounds = loadBackgrounds(templates, (path) => options.backgroundBytes(path));
    const forms: PreviewForm[] = [];
    const pdfs: Uint8Array[] = [];
    const stale = () => !options.isCurrent(session) || session.renderGeneration !== generation;
    const asked = session.liveKeys();
    const planned = session.questionKeys();
    for (const template of templates) {
      // Let requests in between forms: a background render must not hold the screen's next answer.
      await new Promise((resolve) => setImmediate(resolve));
      if (stale()) break;
      const r = await renderFormsIsolated({ templates: [template], data, fonts, backgrounds });
      pdfs.push(r.pdf);
      forms.push({
        templateId: template.id,
        title: template.title,
        pdfBase64: Buffer.from(r.pdf.buffer, r.pdf.byteOffset, r.pdf.byteLength).toString('base64'),
        pageCount: r.pageCount,
        missingGlyphs: r.missingGlyphs.map((g) => ({ fieldId: g.fieldId, codePoint: g.codePoint })),
        problems: r.issues.map((i) => {
          // The question to go back to: the field's own, else the first of the rule's fields the resident was asked.
          const key = [i.fieldId, ...(i.rule?.fields ?? [])]
            .map((id) => template.fields.find((f) => f.id === id))
            .map((f) => f && answerKeyOf(f, data.answers))
            .find((k) => k !== undefined && asked.has(k));
          const missing = key === undefined ? missingPerson(template, i.fieldId, data.answers) : undefined;
          const message = i.rule?.message ?? (missing ? NEEDED[missing] : undefined);
          // Nobody entered for a role this form needs: to the next person's screen (or the first, when all are used).
          const free = householdKey(householdMembers(data.answers).length + 1, 'relationship');
          const to = key ?? (missing ? [free, householdKey(1, 'relationship')].find((k) => planned.has(k)) : undefined);
          return {
            fieldId: i.fieldId,
            code: i.code,
            problem: answerProblemCode(i.code),
            ...(to !== undefined ? { key: to } : {}),
            ...(message ? { message } : {}),
          };
        }),
      });
    }
    const rendered = { forms, pdfs };
    if (!options.isCurrent(session)) {
      for (const pdf of pdfs) pdf.fill(0);
      throw new KioskRequestError('no-session');
    }
    if (session.renderGeneration !== generation) {
      for (const pdf of pdfs) pdf.fill(0);
      return rendered;
    }
    session.rendered = rendered;
    return rendered;
  }
}

/** The role of a person field whose person was never entered (the 児童手当's first child), if it is one. */
function missingPerson(template: Template, fieldId: string, answers: FormData['answers']): PersonRole | undefined {
  const field = template.fields.find((f) => f.id === fieldId);
  const s = field && parseSource(field.source, field.id);
  return s?.kind === 'person' && personSlot(s, answers) === undefined ? s.role : undefined;
}
