// The designer's live preview: an unsaved template rendered by the real engine, filled with a fictional resident of
// fixtures/residents, the form's sample answers from fixtures/answers when there are some, and a sample value of the
// right kind in every other answer box, so the IT person sees something in each. Nothing of it is stored.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MyNumber, ResidentInfo } from '../../../card-reader/personal-data';
import type { AdminResult, DocumentIssue } from '../../contract/admin';
import type { AnswerValue, FormData } from '../../forms/binding/bind';
import type { FontSet } from '../../forms/engine/fonts';
import { fieldTypes, type FieldTypeRegistry } from '../../forms/field-types';
import { backgroundProblemText } from '../../forms/engine/background-check';
import type { RenderResult } from '../../forms/engine/render';
import { RENDER_LIMITS, RenderError, renderFormsIsolated, warmRenderWorker } from '../../forms/engine/render-isolated';
import { askedItemOf, householdKey, type PersonRole, type Relationship } from '../../forms/model/people';
import { parseSource } from '../../forms/model/source';
import type { Field, Template } from '../../forms/model/template';
import { AdminRequestError } from './errors';
import { parseDocument } from './validate';

export interface PreviewOptions {
  /** fixtures/ (residents/, answers/). */
  fixturesDir: string;
  fonts(): FontSet;
  /** A background's bytes by the template's path, or undefined when it is not there. */
  background(path: string): Uint8Array | undefined;
  today(): string;
  cityName: string;
}

const FIXTURE_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export class PreviewRenderer {
  constructor(private readonly options: PreviewOptions) {}

  /** The fictional residents a preview can use, with a label like "demo — 見本 花子" (the fixture's own spacing). */
  residents(): { id: string; label: string }[] {
    // The designer asks for these when it opens the preview: its first render should not wait for the worker.
    warmRenderWorker(this.options.fonts(), 'designer');
    return this.residentIds().flatMap((id) => {
      const fixture = this.fixture(id);
      return fixture ? [{ id, label: `${id} — ${fixture.name}` }] : [];
    });
  }

  async render(document: unknown, residentId: string): Promise<Omit<AdminResult<'preview.render'>, 'publishProblems'>> {
    const started = performance.now();
    const parsed = parseDocument('template', document);
    const empty = { pdfBase64: null, pageCount: 0, problems: [], missingGlyphs: [] };
    if (!parsed.ok) return { ...empty, renderMs: elapsed(started), issues: parsed.issues };
    if (!('template' in parsed)) throw new AdminRequestError('invalid-request');
    const template = parsed.template;
    const resident = this.fixture(residentId);
    if (!resident) throw new AdminRequestError('not-found');

    const backgrounds = new Map<string, Uint8Array>();
    if (template.background) {
      const bytes = this.options.background(template.background.pdf);
      if (!bytes) {
        const issue: DocumentIssue = { path: ['background', 'pdf'], message: `background.pdf: ${template.background.pdf} is neither under templates/ nor a stored background` };
        return { ...empty, renderMs: elapsed(started), issues: [issue] };
      }
      backgrounds.set(template.background.pdf, bytes);
    }
    const data = this.formData(template, resident);
    let r: RenderResult;
    try {
      // The designer's own worker: a hostile draft stops there, and never queues in front of a resident's render.
      r = await renderFormsIsolated({ templates: [template], data, fonts: this.options.fonts(), backgrounds }, 'designer');
    } catch (e) {
      if (!(e instanceof RenderError)) throw e;
      return { ...empty, renderMs: elapsed(started), issues: [renderIssue(e)] };
    }
    return {
      pdfBase64: Buffer.from(r.pdf.buffer, r.pdf.byteOffset, r.pdf.byteLength).toString('base64'),
      pageCount: r.pageCount,
      renderMs: elapsed(started),
      problems: r.issues.map((i) => ({ fieldId: i.fieldId, code: i.code })),
      missingGlyphs: r.missingGlyphs.map((g) => ({ fieldId: g.fieldId, codePoint: Number.parseInt(g.codePoint.replace(/^U\+/, ''), 16) })),
      issues: [],
    };
  }

  /** The form filled as the preview fills it, once with each fixture resident: the publish checks' samples. */
  sampleData(template: Template): FormData[] {
    return this.residentIds().flatMap((id) => {
      const fixture = this.fixture(id);
      return fixture ? [this.formData(template, fixture)] : [];
    });
  }

  private residentIds(): string[] {
    const dir = join(this.options.fixturesDir, 'residents');
    return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => f.slice(0, -'.json'.length)) : [];
  }

  private formData(template: Template, resident: Fixture): FormData {
    const answers: Record<string, AnswerValue> = {};
    if (resident.furigana) answers['kana'] = resident.furigana;
    if (resident.phone) answers['phone'] = resident.phone;
    Object.assign(answers, this.fixtureAnswers(template.id));
    for (const field of template.fields) {
      const source = parseSource(field.source, field.id);
      if (source.kind !== 'answer' || answers[source.key] !== undefined) continue;
      const sample = sampleValue(field, this.options.today());
      if (sample !== undefined) answers[source.key] = sample;
    }
    Object.assign(answers, { ...sampleHousehold(template, this.options.today()), ...answers });
    return {
      resident: new ResidentInfo({ name: resident.name, address: resident.address, birthDate: resident.birthDate, sex: resident.sex }),
      ...(template.myNumberUse && resident.myNumber ? { myNumber: new MyNumber(resident.myNumber) } : {}),
      answers,
      today: this.options.today(),
      session: { ticketNumber: 'A-001', cityName: this.options.cityName },
    };
  }

  private fixtureAnswers(templateId: string): Record<string, AnswerValue> {
    const file = join(this.options.fixturesDir, 'answers', `${templateId}.json`);
    if (!FIXTURE_ID.test(templateId) || !existsSync(file)) return {};
    try {
      const data: unknown = JSON.parse(readFileSync(file, 'utf8'));
      return data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, AnswerValue>) : {};
    } catch {
      return {};
    }
  }

  private fixture(id: string): Fixture | undefined {
    if (!FIXTURE_ID.test(id)) return undefined;
    const file = join(this.options.fixturesDir, 'residents', `${id}.json`);
    if (!existsSync(file)) return undefined;
    try {
      const r = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      const str = (k: string) => (typeof r[k] === 'string' ? (r[k] as string) : undefined);
      const name = str('name');
      if (!name) return undefined;
      const myNumber = str('myNumber');
      return {
        name,
        address: str('address') ?? '',
        birthDate: str('birthDate') ?? '',
        sex: str('sex') ?? '9',
        ...(myNumber && /^\d{12}$/.test(myNumber) ? { myNumber } : {}),
        ...(str('furigana') ? { furigana: str('furigana')! } : {}),
        ...(str('phone') ? { phone: str('phone')! } : {}),
      };
    } catch {
      return undefined;
    }
  }
}

type Fixture = { name: string; address: string; birthDate: string; sex: string; myNumber?: string; furigana?: string; phone?: string };

/** A value of the field's kind that passes its own checks (each type says which), for an answer box left empty. */
/** Enough people for every \`person:\` field (the spouse, then the children, then others), each item from the sample
 *  of a field that prints it; a fixture's own \`household.*\` answers win. */
function sampleHousehold(template: Template, today: string): Record<string, AnswerValue> {
  const people = template.fields.flatMap((f) => {
    const s = parseSource(f.source, f.id);
    return s.kind === 'person' ? [{ field: f, source: s }] : [];
  });
  const count = (role: PersonRole) => Math.max(0, ...people.filter((p) => p.source.role === role).map((p) => p.source.index + 1));
  const roles: Relationship[] = [...Array<Relationship>(count('spouse')).fill('spouse'), ...Array<Relationship>(count('child')).fill('child')];
  while (roles.length < count('member')) roles.push('other');
  const out: Record<string, AnswerValue> = {};
  roles.forEach((relationship, i) => {
    const n = i + 1;
    out[householdKey(n, 'relationship')] = relationship;
    out[householdKey(n, 'living')] = 'together';
    for (const { field, source } of people) {
      const item = source.item === 'name' ? 'name' : askedItemOf(source.item);
      if (item === undefined || item === 'relationship' || item === 'living' || out[householdKey(n, item)] !== undefined) continue;
      const sample = sampleValue(field, today);
      if (sample !== undefined) out[householdKey(n, item)] = sample;
    }
    out[householdKey(n, 'kana')] ??= 'みほん はなこ';
  });
  return out;
}

export function sampleValue(field: Field, today: string, types: Pick<FieldTypeRegistry, 'of'> = fieldTypes): AnswerValue | undefined {
  return types.of(field.type).sample(field as never, today);
}

/** A render the limits stopped, as an issue of the document: the background by its path, or the whole form. */
function renderIssue(e: RenderError): DocumentIssue {
  if (e.code === 'background-refused' && e.background) {
    return { path: ['background', 'pdf'], message: `background.pdf: ${e.background.path}: ${backgroundProblemText(e.background.problem)}` };
  }
  const why =
    e.code === 'render-timeout'
      ? `drawing it took longer than ${RENDER_LIMITS.timeoutMs / 1000} s and was stopped`
      : e.code === 'render-out-of-memory'
        ? `drawing it needed more than ${RENDER_LIMITS.maxHeapMb} MB and was stopped`
        : 'the engine could not draw it';
  return { path: [], message: `(template): ${why}` };
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}
