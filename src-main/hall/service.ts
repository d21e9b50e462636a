// The hall's behaviour behind its contract: who the caller is (a device credential, and at a desk a staff session)
// is re-checked against the stores at every request; each handler then checks the device kind, role and site.
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { join } from 'node:path';
import { templatesDir } from '../forms/load';
import type { Device } from './stores/contract';
import { HallStoreError, hashCode, type HallStores, type HallSubmission, type NewSubmission } from './stores/contract';
import { hallContract, hallEnrolmentContract, type HallFailure, type HallKiosk, type HallParams, type HallRequestName, type HallResult } from '../contract/hall';
import { StaffSignIn } from '../counter/staff/sign-in';
import { staffName, type StaffDirectory, type StaffMember } from '../counter/staff/directory';
import { QueueError } from '../counter/queue/errors';
import { ticketPrefixFor } from './ticket-prefix';
import { MirrorRelay, mayWatch, type MirrorListener } from './mirror-relay';
import { PublishRefused, TemplatePublishing, type TemplatePublishingOptions } from './template-publishing';
import { ClerkRequestError } from '../counter/clerk';
import { HallDeskError, HallPaperDesk, hallDeskForms, hallItemOf, ProcedureTitles } from './paper-desk';

export class HallRequestError extends Error {
  constructor(readonly code: HallFailure['code']) {
    super(`hall: ${code}`);
    this.name = 'HallRequestError';
  }
}

export interface StaffSession {
  name: string;
  role: 'clerk' | 'it';
  site: string | null;
  deskId: string;
}

/** Who is calling: the device its credential names, and the staff session sent with it (desks only). */
export interface HallCaller {
  device: Device;
  staffToken?: string | undefined;
  /** The caller's WebSocket, when the request came over one: the mirror is followed and streamed there only. */
  listener?: MirrorListener | undefined;
}

/** Codes are read aloud and typed: no 0/O or 1/I. */
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** How long an enrolment code may wait to be redeemed. */
export const CODE_TTL_MS = 24 * 60 * 60 * 1000;
const ONLINE_WITHIN_MS = 60_000;
/** How long a checked device credential is trusted without asking the store again: a revocation made on the database
 * by another process (`kakanai hall revoke`) must take effect within a second. */
export const CREDENTIAL_CACHE_MS = 500;
const CREDENTIAL_CACHE_MAX = 10_000;
/** A site's desks hear of new submissions at once, then at most once more per this window: a burst of a hundred
 * visits is two events to each desk, not a hundred (each one a listing). */
export const QUEUE_EVENT_MS = 100;

/** A device credential is kept at the hall only as this hash. */
export const hashCredential = (credential: string): string => hashCode(credential);

/** StaffSignIn reads its directory synchronously: the member is fetched from the hall's store just before each check. */
class PrefetchedDirectory implements StaffDirectory {
  private readonly fetched = new Map<string, StaffMember>();
  prefetch(name: string, member: StaffMember | undefined): void {
    if (member) this.fetched.set(name, member);
    else this.fetched.delete(name);
  }
  find(name: string): StaffMember | undefined {
    const key = staffName(name);
    const member = key === undefined ? undefined : this.fetched.get(key);
    if (key !== undefined) this.fetched.delete(key);
    return member;
  }
  list(): { name: string; role: 'clerk' | 'it'; addedAt: number }[] {
    return [];
  }
  put(): void {
    throw new Error('staff are kept in the hall store');
  }
  remove(): boolean {
    return false;
  }
}

export class HallService {
  private readonly sessions = new Map<string, StaffSession>();
  private readonly directory = new PrefetchedDirectory();
  private readonly signIn = new StaffSignIn(this.directory);
  private readonly clock: () => number;
  private readonly revokedListeners = new Set<(deviceId: string) => void>();
  /** Credentials checked within the last `CREDENTIAL_CACHE_MS`, by the credential itself (kept in memory only). */
  private readonly known = new Map<string, { device: Device; at: number }>();
  /** Revoked through this hall while a lookup may still be under way: never remembered again. */
  private readonly revokedIds = new Set<string>();
  /** The kiosks' live mirrors, in memory only. */
  readonly mirrors = new MirrorRelay();
  private readonly titles: ProcedureTitles;
  /** A claimed submission viewed, corrected and finished at a hall desk. */
  private readonly paper: HallPaperDesk;

  private readonly publishing: TemplatePublishing;
  /** Sites whose desks were told of a change within `QUEUE_EVENT_MS`, and whether another came since. */
  private readonly queueEvents = new Map<string, { again: boolean }>();
  /** Tickets this process issued and no submission has named yet (`site/day/number/kiosk`): checked without a query. */
  private readonly issuedTickets = new Set<string>();

  constructor(
    private readonly stores: HallStores,
    options: { clock?: () => number; publishing?: TemplatePublishingOptions; fontsConfig?: string } = {},
  ) {
    this.clock = options.clock ?? Date.now;
    this.publishing = new TemplatePublishing(stores.templates, options.publishing);
    this.titles = new ProcedureTitles(stores.templates);
    this.paper = new HallPaperDesk(stores, this.titles, hallDeskForms(stores.templates, options.fontsConfig ?? join(templatesDir, 'fonts.json')));
  }

  /**
   * The device a bearer credential names, unless unknown or revoked. A known device is remembered for
   * `CREDENTIAL_CACHE_MS` (a hash and a query on every request was a tenth of the hall's time); a revocation here
   * forgets it at once, one made straight on the database (`hall revoke`) takes effect when the entry runs out.
   */
  async device(credential: string | undefined): Promise<Device | null> {
    if (!credential || credential.length > 200) return null;
    // Real time, not the injectable clock: a test's frozen clock must not keep a revoked device in.
    const now = performance.now();
    const cached = this.known.get(credential);
    if (cached && now - cached.at < CREDENTIAL_CACHE_MS) return cached.device;
    const device = await this.stores.registry.byCredential(hashCredential(credential));
    if (device && !this.revokedIds.has(device.id)) {
      if (this.known.size >= CREDENTIAL_CACHE_MAX) this.known.clear();
      this.known.set(credential, { device, at: now });
    } else this.known.delete(credential);
    return device;
  }

  /** Forgets every remembered credential of this device (revoked or re-enrolled). */
  private forgetDevice(deviceId: string): void {
    for (const [credential, entry] of this.known) if (entry.device.id === deviceId) this.known.delete(credential);
  }

  /** The staff session a desk's token names now (memory only: what the relay checks at every delivery). */
  sessionOf(token: string | undefined, deskId: string): StaffSession | undefined {
    const session = token === undefined ? undefined : this.sessions.get(sessionKey(token));
    return session?.deskId === deskId ? session : undefined;
  }

  /** Told when a device is revoked here, so its open sockets close at once. */
  onRevoked(listener: (deviceId: string) => void): () => void {
    this.revokedListeners.add(listener);
    return () => this.revokedListeners.delete(listener);
  }

  /** The one request without a credential: a one-time code becomes the device's credential (returned once). */
  async redeem(params: unknown): Promise<unknown> {
    const parsed = hallEnrolmentContract.params['enrolment.redeem'].safeParse(params);
    if (!parsed.success) throw new HallRequestError('invalid-request');
    const credential = randomBytes(32).toString('base64url');
    const device = await this.stores.registry.redeemCode(normaliseCode(parsed.data.code), hashCredential(credential), this.clock());
    if (!device) throw new HallRequestError('bad-code');
    if (device.kind !== 'kiosk') return { deviceId: device.id, kind: device.kind, site: device.site, name: device.name, credential };
    const others = (await this.stores.registry.list(device.site)).filter((d) => d.kind === 'kiosk' && d.id !== device.id).map((d) => d.id);
    return { deviceId: device.id, kind: device.kind, site: device.site, name: device.name, credential, ticketPrefix: ticketPrefixFor(device.id, others) };
  }

  async call(caller: HallCaller, name: string, params: unknown): Promise<unknown> {
    if (!hallContract.isName(name)) throw new HallRequestError('invalid-request');
    const parsed = hallContract.params[name].safeParse(params);
    if (!parsed.success) throw new HallRequestError('invalid-request');
    return this.handle(caller, name, parsed.data as HallParams<typeof name>);
  }

  failureOf(error: unknown): HallFailure {
    if (error instanceof HallRequestError) return { code: error.code };
    if (error instanceof QueueError && error.code === 'not-found') return { code: 'not-found' };
    if (error instanceof PublishRefused) return { code: error.code, ...(error.problems ? { problems: error.problems } : {}) };
    if (error instanceof HallDeskError) return { code: error.code };
    if (error instanceof QueueError && error.code === 'bad-transition') return { code: 'bad-transition' };
    if (error instanceof QueueError && error.code === 'unknown-field') return { code: 'invalid-request' };
    if (error instanceof ClerkRequestError) {
      const desk = ['not-found', 'invalid-request', 'kanji-pending', 'template-changed', 'signed-form', 'bad-transition'] as const;
      return { code: (desk as readonly string[]).includes(error.code) ? (error.code as (typeof desk)[number]) : 'internal' };
    }
    return { code: 'internal' };
  }

  private async handle<N extends HallRequestName>(caller: HallCaller, name: N, params: HallParams<N>): Promise<HallResult<N>> {
    const handlers: { [K in HallRequestName]: (p: HallParams<K>) => Promise<HallResult<K>> } = {
      'kiosk.templates': async () => {
        this.kioskOnly(caller);
        const versions = await this.stores.templates.liveVersions();
        return { versions: versions.map((v) => ({ kind: v.kind, id: v.id, version: v.version, json: v.json })) };
      },
      'kiosk.background': async (p) => {
        this.kioskOnly(caller);
        const bg = await this.stores.templates.background(p.hash);
        if (!bg) throw new HallRequestError('not-found');
        return { pdfBase64: Buffer.from(bg.bytes).toString('base64'), pagesMm: bg.pagesMm };
      },
      'kiosk.ticket': async (p) => {
        const kiosk = this.kioskOnly(caller);
        const { number } = await this.stores.tickets.next(kiosk.site, p.day, kiosk.id);
        if (this.issuedTickets.size >= ISSUED_TICKETS_KEPT) this.issuedTickets.clear(); // the store still answers
        this.issuedTickets.add(issuedKey(kiosk, p.day, number));
        return { ticketNumber: String(number) };
      },
      'kiosk.submit': async (p) => (await this.submit(this.kioskOnly(caller), [p]))[0]!,
      'kiosk.submitBatch': async (p) => ({ results: await this.submit(this.kioskOnly(caller), p.submissions) }),
      'kiosk.state': async (p) => {
        const kiosk = this.kioskOnly(caller);
        await this.stores.registry.seen(kiosk.id, this.clock(), JSON.stringify({ version: p.version, reader: p.reader, ...(p.step ? { step: p.step } : {}) }));
        return {};
      },
      'kiosk.mirror': async (p) => {
        const kiosk = this.kioskOnly(caller);
        if (!caller.listener) throw new HallRequestError('invalid-request');
        this.mirrors.publish(kiosk.id, kiosk.site, p.mirror);
        return Promise.resolve({ desks: this.mirrors.desksOf(kiosk.site) });
      },
      'mirror.follow': async (p) => {
        const staff = await this.staffOf(caller, 'clerk');
        if (!caller.listener) throw new HallRequestError('invalid-request');
        const kiosk = await this.watchable(staff, p.kioskId);
        return { mirror: this.mirrors.follow(caller.listener, kiosk.id) };
      },
      'kiosk.corrected': async (p) => {
        const kiosk = this.kioskOnly(caller);
        if (!caller.listener) throw new HallRequestError('invalid-request');
        this.mirrors.corrected(kiosk.id, p);
        return Promise.resolve({});
      },
      'mirror.correct': async (p) => {
        const staff = await this.staffOf(caller, 'clerk');
        if (!caller.listener) throw new HallRequestError('invalid-request');
        await this.watchable(staff, p.kioskId);
        // Only the resident's answer passes; the audit line (on the kiosk) names the field and the clerk, never the value.
        const applied = await this.mirrors.correct(p.kioskId, { clerk: staff.name, deskId: staff.deskId }, p.key, p.value);
        if (!applied.ok) throw new HallRequestError(applied.code);
        return { problems: applied.problems };
      },
      'mirror.unfollow': async () => {
        await this.staffOf(caller, 'clerk');
        if (caller.listener) this.mirrors.unfollow(caller.listener);
        return {};
      },
      'staff.signIn': async (p) => {
        if (caller.device.kind !== 'desk') throw new HallRequestError('forbidden');
        const who = staffName(p.name);
        const member = who === undefined ? undefined : await this.stores.staff.find(who);
        if (who !== undefined) this.directory.prefetch(who, member && { name: member.name, role: member.role, passphraseHash: member.passphraseHash, addedAt: 0 });
        const check = await this.signIn.check(p.name, p.passphrase, member?.role ?? 'clerk', caller.device.id);
        if (!check.ok) throw new HallRequestError(check.reason === 'rate-limited' ? 'rate-limited' : check.reason === 'invalid-request' ? 'invalid-request' : 'wrong-credentials');
        const session = randomBytes(32).toString('base64url');
        this.sessions.set(sessionKey(session), { name: check.name, role: check.role, site: member!.site, deskId: caller.device.id });
        return { session, name: check.name, role: check.role, site: member!.site };
      },
      'staff.resume': async (p) => {
        if (caller.device.kind !== 'desk') throw new HallRequestError('forbidden');
        const staff = await this.staffOf({ device: caller.device, staffToken: p.session }, 'clerk', 'it');
        return { name: staff.name, role: staff.role, site: staff.site };
      },
      'staff.signOut': async () => {
        if (caller.staffToken) this.sessions.delete(sessionKey(caller.staffToken));
        return Promise.resolve({});
      },
      'queue.list': async (p) => {
        const staff = await this.staffOf(caller, 'clerk');
        const site = siteFor(staff, p.site);
        const [items, titles] = await Promise.all([this.stores.queue.list(site === null ? {} : { site }), this.titles.all()]);
        return { items: items.map((s) => hallItemOf(s, (s.procedureId !== null && titles.get(s.procedureId)) || null)) };
      },
      'queue.open': async (p) => {
        const staff = await this.staffOf(caller, 'clerk');
        const summary = await this.stores.queue.summary(p.id);
        siteFor(staff, summary.site);
        const opened = await this.stores.queue.open(p.id, { kind: 'clerk', id: staff.name });
        const forms = opened.reveal().map((f) => ({ templateId: f.templateId, pdfBase64: Buffer.from(f.pdf).toString('base64'), values: f.values }));
        return { item: await this.paper.itemOf(summary), forms };
      },
      'queue.claim': async (p) => {
        const staff = await this.staffOf(caller, 'clerk');
        siteFor(staff, (await this.stores.queue.summary(p.id)).site);
        const claimed = await this.stores.queue.claim(p.id, { kind: 'clerk', id: staff.name });
        if (claimed.ok) this.mirrors.queueChanged(claimed.submission.site);
        return claimed.ok ? { ok: true as const, item: await this.paper.itemOf(claimed.submission) } : { ok: false as const, heldBy: claimed.heldBy.id };
      },
      'queue.view': async (p) => this.paper.view(await this.staffOf(caller, 'clerk'), p.id),
      'queue.correct': async (p) => this.paper.correct(await this.staffOf(caller, 'clerk'), p.id, p.position, p.fields),
      'queue.staffArea': async (p) => this.paper.staffArea(await this.staffOf(caller, 'clerk'), p.id, p.idDocument),
      'queue.confirmCorrections': async (p) => this.paper.confirmCorrections(await this.staffOf(caller, 'clerk'), p.id),
      'queue.setStatus': async (p) => {
        const staff = await this.staffOf(caller, 'clerk');
        const site = (await this.stores.queue.summary(p.id).catch(() => undefined))?.site;
        const after = await this.paper.setStatus(staff, p.id, p.status, p.reason);
        if (site !== undefined) this.mirrors.queueChanged(site);
        return { item: after && (await this.paper.itemOf(after)) };
      },
      'queue.release': async (p) => {
        const released = await this.paper.release(await this.staffOf(caller, 'clerk'), p.id);
        this.mirrors.queueChanged(released.site);
        return { item: await this.paper.itemOf(released) };
      },
      'queue.pdf': async (p) => this.paper.pdf(await this.staffOf(caller, 'clerk'), p.id),
      'kiosks.list': async (p) => {
        const staff = await this.staffOf(caller, 'clerk', 'it');
        // A clerk of every site (and the IT staff) may list every site's devices, or name one site.
        const site = staff.role === 'it' ? (p.site ?? null) : siteFor(staff, p.site);
        return { devices: (await this.stores.registry.list(site)).map((d) => this.deviceView(d)) };
      },
      'enrolment.issue': async (p) => {
        await this.staffOf(caller, 'it');
        const existing = (await this.stores.registry.list(p.site)).find((d) => d.kind === p.kind && d.name === p.name);
        if (existing?.revokedAt) throw new HallRequestError('forbidden');
        const device = existing ?? (await this.stores.registry.add(p.kind, p.site, p.name));
        const code = newEnrolmentCode();
        const expiresAt = this.clock() + CODE_TTL_MS;
        await this.stores.registry.issueCode(device.id, normaliseCode(code), expiresAt);
        return { deviceId: device.id, code, expiresAt };
      },
      'enrolment.revoke': async (p) => {
        await this.staffOf(caller, 'it');
        this.revokedIds.add(p.deviceId);
        this.forgetDevice(p.deviceId);
        await this.stores.registry.revoke(p.deviceId, this.clock());
        this.forgetDevice(p.deviceId);
        for (const [key, session] of this.sessions) if (session.deskId === p.deviceId) this.sessions.delete(key);
        this.mirrors.drop(p.deviceId);
        for (const listener of this.revokedListeners) listener(p.deviceId);
        return {};
      },
      'figures.read': async (p) => {
        await this.staffOf(caller, 'it');
        if (p.until !== undefined && p.until < p.since) throw new HallRequestError('invalid-request');
        const rows = await this.stores.figures
          .rows({ since: p.since, ...(p.until ? { until: p.until } : {}), ...(p.site ? { site: p.site } : {}), ...(p.kiosk ? { kiosk: p.kiosk } : {}) })
          .catch((e: unknown) => {
            // A day the pattern lets through but the calendar does not (2026-02-30).
            throw e instanceof HallStoreError ? new HallRequestError('invalid-request') : e;
          });
        return { rows };
      },

      // ── the city's devices and templates (template-publishing.ts) ──
      'devices.list': async () => {
        // The caller's own device is named, so the admin app marks the row of the PC it runs on.
        await this.staffOf(caller, 'it');
        return { devices: (await this.stores.registry.list()).map((d) => this.deviceView(d)), thisDevice: caller.device.id };
      },
      'templates.list': async () => {
        await this.staffOf(caller, 'it');
        return { documents: await this.publishing.list() };
      },
      'templates.get': async (p) => {
        await this.staffOf(caller, 'it');
        const v = await this.publishing.get(p.kind, p.id, p.version);
        return { kind: v.kind, id: v.id, version: v.version, json: v.json };
      },
      'templates.save': async (p) => {
        const staff = await this.staffOf(caller, 'it');
        const saved = await this.publishing.save(staff.name, p.kind, p.document, p.basedOn, p.note?.trim() || null);
        return saved.ok ? { ok: true as const, version: saved.version } : saved;
      },
      'templates.background': async (p) => this.publishing.addBackground((await this.staffOf(caller, 'it')).name, p.pdfBase64),
      'templates.upload': async (p) => this.publishing.upload((await this.staffOf(caller, 'it')).name, p),
      'templates.publish': async (p) => this.publishing.publish((await this.staffOf(caller, 'it')).name, p.kind, p.id, p.version),
    };
    return (handlers[name] as (p: HallParams<N>) => Promise<HallResult<N>>)(params);
  }

  /**
   * Stores a kiosk's submissions, each once per key, and answers each in order with its id and the ticket the resident
   * holds: the site's ticket the hall issued for it before its forms were drawn (`hallTicket`, checked to be this
   * kiosk's), the kiosk's own when the hall was out of reach (`kioskTicket`, recorded as offline), or else (a kiosk of
   * an earlier release) the next one, issued on the first arrival. Only a visit that needs that next ticket is looked
   * up by key first (a resend must not take a second number); one with its ticket goes straight to the insert, which
   * stores a key once, and only a key found stored is read back. A batch: at most one look-up, one enqueue, one
   * offline-ticket insert (and a check of named tickets this process did not issue, after a restart).
   */
  private async submit(kiosk: Device, items: HallParams<'kiosk.submit'>[]): Promise<HallResult<'kiosk.submit'>[]> {
    const stored = await this.stores.queue.byKeys(items.filter((p) => p.kioskTicket === undefined && p.hallTicket === undefined).map((p) => p.submissionKey));
    // The tickets the kiosk drew on its forms: each must be one the hall issued to this kiosk (`kiosk.ticket`).
    // Nearly always issued by this process moments ago; the store is asked only for the others (after a restart).
    const named = items.filter((p) => p.hallTicket !== undefined).map((p) => ({ day: p.day, number: Number(p.hallTicket) }));
    const issued = new Set(named.filter((t) => this.issuedTickets.delete(issuedKey(kiosk, t.day, t.number))).map((t) => `${t.day}/${t.number}`));
    const unknown = named.filter((t) => !issued.has(`${t.day}/${t.number}`));
    if (unknown.length > 0) for (const t of await this.stores.tickets.issuedTo(kiosk.site, kiosk.id, unknown)) issued.add(`${t.day}/${t.number}`);
    const answers = new Map<string, HallResult<'kiosk.submit'>>();
    const fresh: { params: HallParams<'kiosk.submit'>; submission: NewSubmission & { submissionKey: string } }[] = [];
    for (const p of items) {
      if (answers.has(p.submissionKey) || fresh.some((f) => f.params.submissionKey === p.submissionKey)) continue; // sent twice in one batch
      const s = stored.get(p.submissionKey);
      if (s) {
        answers.set(p.submissionKey, { id: s.id, ticketNumber: s.ticketNumber, created: false });
        continue;
      }
      // A ticket the hall never issued to this kiosk is not taken: the visit gets the next one (and is still stored).
      const hallTicket = p.hallTicket !== undefined && issued.has(`${p.day}/${Number(p.hallTicket)}`) ? p.hallTicket : undefined;
      const ticketNumber = hallTicket ?? p.kioskTicket ?? String((await this.stores.tickets.next(kiosk.site, p.day, kiosk.id)).number);
      const forms = p.forms.map((f) => ({ templateId: f.templateId, ...(f.templateVersion ? { templateVersion: f.templateVersion } : {}), pdf: Buffer.from(f.pdfBase64, 'base64'), values: f.values }));
      fresh.push({ params: p, submission: { submissionKey: p.submissionKey, ticketNumber, day: p.day, ...(p.procedureId ? { procedureId: p.procedureId } : {}), forms } });
    }
    const enqueued = await this.stores.queue.enqueueMany(kiosk.site, kiosk.id, fresh.map((f) => f.submission));
    // Stored before (a resend) or meanwhile by another forward of the same key: answered with what is stored.
    const raced = fresh.filter((_, i) => !enqueued[i]!.created).map((f) => f.params.submissionKey);
    const won = raced.length === 0 ? new Map<string, HallSubmission>() : await this.stores.queue.byKeys(raced);
    const offline: { day: string; number: number }[] = [];
    for (const [i, { params: p, submission }] of fresh.entries()) {
      const { id, created } = enqueued[i]!;
      if (created) {
        if (p.kioskTicket !== undefined && submission.ticketNumber === p.kioskTicket) offline.push(...offlineNumber(p.day, p.kioskTicket));
        answers.set(p.submissionKey, { id, ticketNumber: submission.ticketNumber, created });
        continue;
      }
      const s = won.get(p.submissionKey) ?? (await this.stores.queue.summary(id));
      if (p.kioskTicket !== undefined && s.ticketNumber !== p.kioskTicket && s.kiosk === kiosk.id) {
        // Stored from a try whose answer reached the kiosk too late: the resident holds the kiosk's own ticket.
        await this.stores.queue.renumber(s.id, p.kioskTicket, { kind: 'kiosk', id: kiosk.id });
        offline.push(...offlineNumber(p.day, p.kioskTicket));
        answers.set(p.submissionKey, { id: s.id, ticketNumber: p.kioskTicket, created: false });
      } else answers.set(p.submissionKey, { id: s.id, ticketNumber: s.ticketNumber, created: false });
    }
    await this.stores.tickets.recordOfflineMany(kiosk.site, kiosk.id, offline);
    if (enqueued.some((e) => e.created)) this.queueChanged(kiosk.site);
    return items.map((p) => answers.get(p.submissionKey)!);
  }

  /** Tells the site's desks now, or at the end of the window when they were told within it. */
  private queueChanged(site: string): void {
    const held = this.queueEvents.get(site);
    if (held) {
      held.again = true;
      return;
    }
    this.mirrors.queueChanged(site);
    const window = { again: false };
    this.queueEvents.set(site, window);
    setTimeout(() => {
      this.queueEvents.delete(site);
      if (window.again) this.queueChanged(site);
    }, QUEUE_EVENT_MS).unref();
  }

  /** A device as the desks and the admin app list it: its state as last reported, nothing of a resident. */
  private deviceView(d: Device): HallKiosk {
    const state = readState(d.lastState);
    return {
      id: d.id,
      kind: d.kind,
      site: d.site,
      name: d.name,
      enrolled: d.enrolled,
      revoked: d.revokedAt !== null,
      online: d.revokedAt === null && d.lastSeenAt !== null && this.clock() - d.lastSeenAt < ONLINE_WITHIN_MS,
      lastSeenAt: d.lastSeenAt,
      version: state.version,
      reader: state.reader,
      calling: this.mirrors.calling(d.id),
    };
  }

  /** A kiosk this clerk may watch and correct: of their site (a clerk of every site: any), else not told it exists. */
  private async watchable(staff: StaffSession, kioskId: string): Promise<Device> {
    const site = staff.site ?? this.mirrors.siteOf(kioskId);
    const kiosk = site === undefined ? undefined : (await this.stores.registry.list(site)).find((d) => d.id === kioskId && d.kind === 'kiosk');
    if (!kiosk || kiosk.revokedAt !== null) throw new HallRequestError('not-found');
    if (!mayWatch(staff, kiosk.site)) throw new HallRequestError('forbidden');
    return kiosk;
  }

  private kioskOnly(caller: HallCaller): Device {
    if (caller.device.kind !== 'kiosk') throw new HallRequestError('forbidden');
    return caller.device;
  }

  /** The signed-in staff member at this desk, re-read from the store (a removed person or changed role ends it). */
  private async staffOf(caller: HallCaller, ...roles: ('clerk' | 'it')[]): Promise<StaffSession> {
    if (caller.device.kind !== 'desk' || !caller.staffToken) throw new HallRequestError('unauthorized');
    const key = sessionKey(caller.staffToken);
    const session = this.sessions.get(key);
    if (!session || session.deskId !== caller.device.id) throw new HallRequestError('unauthorized');
    const member = await this.stores.staff.find(session.name);
    if (!member || member.role !== session.role || member.site !== session.site) {
      this.sessions.delete(key);
      throw new HallRequestError('unauthorized');
    }
    if (!roles.includes(session.role)) throw new HallRequestError('forbidden');
    return session;
  }
}

/** A clerk of one site sees that site only; a clerk of every site sees the one named, or all (null). */
function siteFor(staff: StaffSession, asked: string | undefined): string | null {
  if (staff.site === null) return asked ?? null;
  if (asked !== undefined && asked !== staff.site) throw new HallRequestError('forbidden');
  return staff.site;
}

function readState(text: string | null): { version: string | null; reader: string | null } {
  try {
    const state = JSON.parse(text ?? 'null') as { version?: unknown; reader?: unknown } | null;
    return { version: typeof state?.version === 'string' ? state.version : null, reader: typeof state?.reader === 'string' ? state.reader : null };
  } catch {
    return { version: null, reader: null };
  }
}

/** A kiosk's own ticket (`K3FA2-017`) as the number recorded offline for its kiosk, if it ends in one. */
/** The most issued-but-unnamed tickets kept in memory (a kiosk that never submits them must not grow it forever). */
const ISSUED_TICKETS_KEPT = 100_000;
const issuedKey = (kiosk: Device, day: string, number: number): string => `${kiosk.site}/${day}/${number}/${kiosk.id}`;

function offlineNumber(day: string, ticket: string): { day: string; number: number }[] {
  const number = Number(/(\d+)$/.exec(ticket)?.[1] ?? 0);
  return number > 0 ? [{ day, number }] : [];
}

const sessionKey = (token: string): string => createHash('sha256').update(token).digest('hex');

/** XXXXX-XXXXX from the unambiguous alphabet: about 50 bits. */
export function newEnrolmentCode(): string {
  const pick = () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]!;
  return `${Array.from({ length: 5 }, pick).join('')}-${Array.from({ length: 5 }, pick).join('')}`;
}

/** The code as typed: case and the dash do not matter. */
export function normaliseCode(code: string): string {
  return code.normalize('NFKC').toUpperCase().replace(/[^A-Z0-9]/g, '');
}
