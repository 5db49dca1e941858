import { filter, type Observable, type Subscription } from 'rxjs';
import * as v from 'valibot';
import {
  RemotePackageSchema,
  divisionPath,
  documentDigest,
  formatIssues,
  packageMaterialProblems,
  remoteOverdue,
  remoteReceiptDocument,
  ulid,
  type CaseDocument,
  type Catalog,
  type CrossProvinceMode,
  type IdDocumentType,
  type RemotePackage,
  type RemoteResult,
  type RemoteState,
  type ReturnWay,
} from '@yichuang/core';
import { HallError, type HallClient, type Peer, type RemoteCase } from '@yichuang/hall-client';
import type { WorkstationStore } from '@yichuang/store';
import { DeskState, type Locale } from '@yichuang/ui';
import { msg } from '../i18n/messages.js';

/** What the cross-province desk needs of the hall: the enrolled halls and their catalogs, the forwarded cases. */
export type RemoteHall = Pick<HallClient, 'peers' | 'peerCatalog' | 'remoteCases' | 'decideRemote' | 'events'>;

/** What it needs of the workstation store: packages, scans, the window's case numbers, and what it keeps offline. */
export type RemoteStore = Pick<
  WorkstationStore,
  'saveRemotePackage' | 'remotePackages$' | 'putAttachment' | 'caseNumberer' | 'getSyncState' | 'setSyncState'
>;

/** What the clerk fills in to collect a case for another region. */
export interface RemoteForm {
  province: string;
  city: string;
  county: string;
  /** The deciding authority (审批机关), in the clerk's words. */
  authority: string;
  mode: CrossProvinceMode;
  /** The deciding hall (an enrolled hall of the region). */
  peer: string;
  itemId: string;
  name: string;
  idType: IdDocumentType;
  idNumber: string;
  phone: string;
  returnWay: ReturnWay;
  address: string;
  /** The scans of each material (SHA-256), by material id. */
  files: Record<string, string[]>;
}

/** A forwarded case as the desk's ledger shows it: from the hall, or still on this PC. */
export interface RemoteRow {
  id: string;
  number: string;
  remoteNumber?: string;
  peer: string;
  itemId: string;
  applicantName: string;
  state: RemoteState;
  history: RemoteCase['history'];
  result?: RemoteResult;
  overdue: boolean;
  /** Not yet sent to this hall (on this PC only). */
  local: boolean;
}

export type RemoteView = 'collect' | 'receipt' | 'ledger' | 'incoming';

export interface RemoteIntakeState {
  view: RemoteView;
  peers: readonly Peer[];
  form: RemoteForm;
  /** The chosen hall's catalog (this hall's copy), once loaded. */
  catalog?: Catalog;
  /** The receipt of the case just collected. */
  receipt?: { package: RemotePackage; document: CaseDocument; digest: string };
  outgoing: readonly RemoteRow[];
  incoming: readonly RemoteCase[];
  /** Whether the lists and peers came from the hall, or from this PC while it is away. */
  source: 'hall' | 'local';
  busy: boolean;
  error?: { message: string; issues: readonly string[] };
  done?: string;
}

export interface RemoteIntakeOptions {
  store: RemoteStore;
  hall?: RemoteHall;
  hallCode: string;
  hallName?: string;
  window: string;
  windowName?: string;
  clerk: string;
  clerkName?: string;
  /** The status page's address, for the receipt's QR code (the case id is appended). */
  statusBase?: string;
  training?: boolean;
  locale?: Locale;
  now?: () => Date;
}

/** The national platform's address, where an item served fully online is applied for. */
export const ONLINE_ADDRESS = 'https://www.gjzwfw.gov.cn/';

const PEERS_KEY = 'remote-peers';
const catalogKey = (hall: string) => `remote-catalog:${hall}`;

const EMPTY_FORM: RemoteForm = {
  province: '',
  city: '',
  county: '',
  authority: '',
  mode: 'collect',
  peer: '',
  itemId: '',
  name: '',
  idType: 'resident-id',
  idNumber: '',
  phone: '',
  returnWay: 'pickup',
  address: '',
  files: {},
};

/**
 * The cross-province desk (跨省通办) without a DOM. The clerk chooses the deciding region (province → city → county)
 * and its hall (an enrolled hall of that region), the authority and the mode; for an item served fully online the
 * applicant is guided to the national platform. Otherwise the clerk takes the item from the deciding hall's own
 * catalog (the copy this hall keeps, kept on this PC too), scans each material it asks for, and collects: the package
 * is checked by the core (the schema, the materials the item requires), numbered with the window's next case number,
 * saved in the store and sent by the outbox (offline, it waits); the applicant gets the hand-off receipt (代收凭证) with
 * this hall's number and a status QR. The ledger follows each case both ways (forwarded → received → accepted /
 * refused → decided → returned), overdue ones marked; the deciding side lists what it received and moves it on.
 */
export class RemoteIntakeController {
  readonly #options: RemoteIntakeOptions;
  readonly #desk: DeskState<RemoteIntakeState>;
  #subscriptions: Subscription[] = [];
  #loads = 0;
  #local: { package: RemotePackage; synced: boolean }[] = [];
  #hallRows: RemoteCase[] = [];

  constructor(options: RemoteIntakeOptions) {
    this.#options = options;
    this.#desk = new DeskState<RemoteIntakeState>(
      {
        view: 'collect',
        peers: [],
        form: { ...EMPTY_FORM, files: {} },
        outgoing: [],
        incoming: [],
        source: 'hall',
        busy: false,
      },
      () => msg(this.#locale, 'remote.offline'),
    );
  }

  get state$(): Observable<RemoteIntakeState> {
    return this.#desk.state$;
  }

  get state(): RemoteIntakeState {
    return this.#desk.value;
  }

  get #locale(): Locale {
    return this.#options.locale ?? 'zh-CN';
  }

  #now(): Date {
    return (this.#options.now ?? (() => new Date()))();
  }

  /** Loads the halls and the lists, and follows the hall's news of forwarded cases and this PC's packages. */
  start(): void {
    if (this.#subscriptions.length > 0) return;
    this.#subscriptions.push(
      this.#options.store.remotePackages$().subscribe({
        next: (packages) => {
          this.#local = packages;
          this.#mergeOutgoing();
        },
        error: () => undefined,
      }),
    );
    const hall = this.#options.hall;
    if (hall) {
      this.#subscriptions.push(
        hall
          .events()
          .pipe(filter((event) => event.type === 'remote.updated'))
          .subscribe({ next: () => void this.refresh(), error: () => undefined }),
      );
    }
    void this.refresh();
  }

  stop(): void {
    for (const subscription of this.#subscriptions) subscription.unsubscribe();
    this.#subscriptions = [];
  }

  /** Shows a view of the desk. */
  show(view: RemoteView): void {
    this.#patch({ view, error: undefined, done: undefined });
    if (view === 'ledger' || view === 'incoming') void this.refresh();
  }

  /** The enrolled halls and both lists again: from the hall, or what this PC kept while it is away. */
  async refresh(): Promise<void> {
    const load = ++this.#loads;
    const { hall, store } = this.#options;
    try {
      if (!hall) throw new HallError('no hall', 'network', 0);
      const [peers, outgoing, incoming] = await Promise.all([
        hall.peers(),
        hall.remoteCases('out'),
        hall.remoteCases('in'),
      ]);
      if (load !== this.#loads) return;
      await store.setSyncState(PEERS_KEY, peers);
      this.#hallRows = outgoing;
      this.#patch({ peers, incoming, source: 'hall' });
    } catch (error) {
      if (!(error instanceof HallError) || error.code !== 'network') {
        this.#fail(this.#errorOf(error), []);
        return;
      }
      const peers = (await store.getSyncState<Peer[]>(PEERS_KEY)) ?? [];
      if (load !== this.#loads) return;
      this.#patch({ peers, source: 'local' });
    }
    this.#mergeOutgoing();
  }

  #mergeOutgoing(): void {
    const now = this.#now();
    const known = new Set(this.#hallRows.map((row) => row.id));
    const local: RemoteRow[] = this.#local
      .filter((entry) => !known.has(entry.package.id))
      .map(({ package: pkg }) => ({
        id: pkg.id,
        number: pkg.number,
        peer: pkg.target.hall,
        itemId: pkg.item.itemId,
        applicantName: pkg.applicant.name,
        state: 'collected',
        history: [{ state: 'collected', at: pkg.collectedAt, hall: pkg.hall }],
        overdue: remoteOverdue({ state: 'collected', collectedAt: pkg.collectedAt, history: [] }, now),
        local: true,
      }));
    const remote: RemoteRow[] = this.#hallRows.map((row) => ({
      id: row.id,
      number: row.number,
      ...(row.remoteNumber ? { remoteNumber: row.remoteNumber } : {}),
      peer: row.peer,
      itemId: row.item.itemId,
      applicantName: row.applicantName,
      state: row.state,
      history: row.history,
      ...(row.result ? { result: row.result } : {}),
      overdue: row.overdue,
      local: false,
    }));
    // Overdue first, then the newest.
    const rows = [...local, ...remote].sort(
      (a, b) => Number(b.overdue) - Number(a.overdue) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0),
    );
    this.#patch({ outgoing: rows });
  }

  /** Changes what the clerk typed or chose. */
  edit(patch: Partial<RemoteForm>): void {
    this.#patch({ form: { ...this.state.form, ...patch }, error: undefined, done: undefined });
  }

  /**
   * Chooses the deciding region at a level (a province clears the city and county, a city the county) and, among the
   * enrolled halls, the one whose region is the most precise match (its county, else its city, else its province).
   */
  async chooseRegion(level: 'province' | 'city' | 'county', code: string): Promise<void> {
    const form = this.state.form;
    const next =
      level === 'province'
        ? { province: code, city: '', county: '' }
        : level === 'city'
          ? { ...form, city: code, county: '' }
          : { ...form, county: code };
    const region = next.county || next.city || next.province;
    const peer = bestPeer(this.state.peers, region);
    this.edit({ ...next, peer: peer?.hall ?? '', itemId: '', files: {} });
    if (peer) await this.choosePeer(peer.hall);
    else this.#patch({ catalog: undefined });
  }

  /** Chooses the deciding hall and loads its catalog: the hall's copy, else the one this PC kept. */
  async choosePeer(hall: string): Promise<void> {
    this.edit({ peer: hall, itemId: '', files: {} });
    const { store } = this.#options;
    try {
      if (!this.#options.hall) throw new HallError('no hall', 'network', 0);
      const catalog = await this.#options.hall.peerCatalog(hall);
      await store.setSyncState(catalogKey(hall), catalog);
      if (this.state.form.peer === hall) this.#patch({ catalog });
    } catch (error) {
      const kept = await store.getSyncState<Catalog>(catalogKey(hall));
      if (this.state.form.peer !== hall) return;
      if (kept) this.#patch({ catalog: kept });
      else {
        this.#patch({ catalog: undefined });
        this.#fail(
          error instanceof HallError && error.code === 'network'
            ? msg(this.#locale, 'remote.catalog.offline')
            : this.#errorOf(error),
          [],
        );
      }
    }
  }

  /** Adds a scanned page to a material. */
  async addScan(materialId: string, page: Blob): Promise<void> {
    await this.#run(async () => {
      const sha256 = await this.#options.store.putAttachment(page);
      const files = this.state.form.files[materialId] ?? [];
      if (files.includes(sha256)) return;
      this.#patch({
        form: { ...this.state.form, files: { ...this.state.form.files, [materialId]: [...files, sha256] } },
        done: msg(this.#locale, 'remote.scan.added', { count: files.length + 1 }),
      });
    });
  }

  /** Scans a page of a material with the window's document camera; the camera's failure is said in words. */
  async scanWith(materialId: string, camera: { capture(): Promise<Blob> }): Promise<void> {
    let page: Blob;
    try {
      page = await camera.capture();
    } catch (error) {
      this.#fail(msg(this.#locale, 'remote.scan.failed', { reason: (error as Error)?.message ?? String(error) }), []);
      return;
    }
    await this.addScan(materialId, page);
  }

  /** Prints the receipt of the case just collected on the window's A4 printer. */
  async printReceipt(printer: {
    print(documents: readonly { document: CaseDocument; digest: string }[]): Promise<void>;
  }): Promise<void> {
    const receipt = this.state.receipt;
    if (!receipt) return;
    await this.#run(async () => {
      try {
        await printer.print([{ document: receipt.document, digest: receipt.digest }]);
      } catch (error) {
        throw new Error(
          msg(this.#locale, 'remote.receipt.failed', { reason: (error as Error)?.message ?? String(error) }),
        );
      }
      this.#patch({ done: msg(this.#locale, 'remote.receipt.printed') });
    });
  }

  /** Removes a material's scans. */
  clearScans(materialId: string): void {
    const files = { ...this.state.form.files };
    delete files[materialId];
    this.edit({ files });
  }

  /**
   * Collects the case: an item served fully online is only guided there. Otherwise the package is checked (the
   * schema, the materials the deciding hall's item requires, each with a scan), numbered, saved and queued, and the
   * receipt is shown.
   */
  async collect(): Promise<void> {
    const locale = this.#locale;
    const form = this.state.form;
    if (form.mode === 'online') {
      this.#patch({ done: msg(locale, 'remote.online.done', { address: ONLINE_ADDRESS }), error: undefined });
      return;
    }
    const item = this.state.catalog?.items.find((candidate) => candidate.id === form.itemId);
    if (!form.peer || !item) {
      this.#fail(msg(locale, form.peer ? 'remote.item.missing' : 'remote.peer.missing'), []);
      return;
    }
    await this.#run(async () => {
      const { store, hallCode, window, clerk } = this.#options;
      const numberer = await store.caseNumberer(hallCode, window);
      const at = this.#now();
      const candidate = {
        id: ulid(at.getTime()),
        number: numberer.next(at),
        hall: hallCode,
        window,
        clerk,
        target: { hall: form.peer, region: form.county || form.city || form.province, authority: form.authority },
        mode: form.mode,
        item: { itemId: item.id, version: item.version },
        applicant: {
          kind: 'person',
          name: form.name,
          idType: form.idType,
          idNumber: form.idNumber,
          ...(form.phone.trim() ? { phone: form.phone } : {}),
        },
        materials: Object.entries(form.files)
          .filter(([, files]) => files.length > 0)
          .map(([materialId, files]) => ({ materialId, files })),
        returnWay: form.returnWay,
        ...(form.returnWay === 'post' && form.address.trim() ? { address: form.address } : {}),
        collectedAt: at.toISOString(),
      };
      const problems = packageMaterialProblems(
        { materials: candidate.materials },
        { materials: item.materials.map((m) => ({ id: m.id, name: m.name, necessity: m.necessity })) },
      );
      const parsed = v.safeParse(RemotePackageSchema, candidate, { lang: locale });
      const issues = [
        ...(parsed.success ? [] : formatIssues(parsed.issues)),
        ...problems.missing.map((name) => msg(locale, 'remote.material.missing', { name })),
      ];
      if (!parsed.success || issues.length > 0) {
        this.#fail(msg(locale, 'remote.collect.invalid'), issues);
        return;
      }
      const saved = await store.saveRemotePackage(parsed.output, { numberer: numberer.state! });
      const document = this.#receiptOf(saved.package, item.name, new Map(item.materials.map((m) => [m.id, m.name])));
      const digest = await documentDigest(document);
      this.#patch({
        view: 'receipt',
        receipt: { package: saved.package, document, digest },
        form: { ...EMPTY_FORM, files: {} },
        done: msg(locale, 'remote.collect.done', { number: saved.package.number }),
      });
    });
  }

  #receiptOf(pkg: RemotePackage, itemName: string, materialNames: ReadonlyMap<string, string>): CaseDocument {
    const o = this.#options;
    const peer = this.state.peers.find((p) => p.hall === pkg.target.hall);
    const base = o.statusBase ?? '';
    return remoteReceiptDocument(pkg, {
      hall: { code: o.hallCode, name: o.hallName ?? o.hallCode },
      window: { code: o.window, name: o.windowName ?? `${o.window} 号窗口` },
      clerk: { id: o.clerk, name: o.clerkName ?? o.clerk },
      deciding: {
        hallName: peer?.name ?? pkg.target.hall,
        regionPath: divisionPath(pkg.target.region).join(''),
        itemName,
      },
      materialNames,
      statusUrl: `${base}${base.endsWith('/') || base === '' ? '' : '/'}${pkg.id}`,
      ...(o.training ? { training: true } : {}),
    });
  }

  /** The deciding side: accepts, refuses (with the reason), decides (with the result) or returns a received case. */
  async decide(id: string, to: RemoteState, extra: { note?: string; result?: RemoteResult } = {}): Promise<void> {
    const hall = this.#options.hall;
    if (!hall) return;
    await this.#run(async () => {
      const moved = await hall.decideRemote(id, { to, ...extra });
      this.#patch({
        incoming: this.state.incoming.map((row) => (row.id === id ? moved : row)),
        done: msg(this.#locale, 'remote.decide.done', { number: moved.remoteNumber ?? moved.number }),
      });
    });
  }

  #run(step: () => Promise<void>): Promise<void> {
    return this.#desk.run(step);
  }

  #errorOf(error: unknown): string {
    return this.#desk.errorOf(error);
  }

  #fail(message: string, issues: readonly string[]): void {
    this.#desk.fail(message, issues);
  }

  #patch(patch: Partial<RemoteIntakeState>): void {
    this.#desk.patch(patch);
  }
}

/** The enrolled hall whose region matches `region` best: the same county, else city, else province. */
export function bestPeer(peers: readonly Peer[], region: string): Peer | undefined {
  if (!/^\d{6}$/.test(region)) return undefined;
  const score = (peer: Peer) => {
    for (const length of [6, 4, 2]) {
      if (peer.region.slice(0, length) === region.slice(0, length)) return length;
    }
    return 0;
  };
  const ranked = peers.map((peer) => [score(peer), peer] as const).filter(([s]) => s > 0);
  ranked.sort((a, b) => b[0] - a[0]);
  return ranked[0]?.[1];
}
