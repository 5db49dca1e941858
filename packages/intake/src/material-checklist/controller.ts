import { BehaviorSubject, type Observable } from 'rxjs';
import * as v from 'valibot';
import {
  CaseMaterialSchema,
  MAX_MATERIAL_FILES,
  citeLicence,
  isReceived,
  licencesForMaterials,
  mergeItemMaterials,
  receiptChoices,
  type CaseItemFacts,
  type CaseMaterial,
  type ElectronicLicence,
  type MergedMaterial,
  type ReceiptKind,
} from '@yichuang/core';
import { DocumentCameraError, type DocumentCamera, type DocumentCameraErrorReason } from '@yichuang/devices';

/** One material of the checklist: what the catalog asks, how it may be received, and what the clerk found. */
export interface ChecklistRow {
  merged: MergedMaterial;
  /** How it may be received, from the core's rules (`receiptChoices`). */
  choices: readonly ReceiptKind[];
  /** What the clerk recorded; `undefined` until checked. */
  given: CaseMaterial | undefined;
  /** Required and not in hand or promised (missing, or not checked yet): said in the summary, marked on the row. */
  open: boolean;
  /** What is wrong with the clerk's entry (a note too long, copies out of range), in the case schema's words. */
  problem?: 'note-long' | 'copies';
}

/** How far the check has come: how many materials are in hand, promised, missing or not yet checked. */
export interface ChecklistSummary {
  received: number;
  tolerated: number;
  commitment: number;
  missing: number;
  /** Not checked yet: a required one counts as missing for the decision. */
  unchecked: number;
  /** Required materials neither received nor promised (missing or unchecked). */
  requiredOpen: number;
}

/** Where e-licences (电子证照) are looked up: the hall client (`HallClient.lookupLicences`) or anything alike. */
export interface LicenceSource {
  lookupLicences(holderId: string): Promise<readonly ElectronicLicence[]>;
}

/** How the last e-licence look-up went. */
export interface LicenceLookupState {
  /**
   * `idle` (none yet), `looking`, `done` (see `applied`), `unavailable` (the hall cannot be reached: the network is
   * down or the hall is busy; take paper or scans), or `failed` (the hall refused: see `error`).
   */
  phase: 'idle' | 'looking' | 'done' | 'unavailable' | 'failed';
  /** The materials the look-up took as e-licences, by name. */
  applied: readonly string[];
  error?: Error;
}

/** Where captured pages are kept: the workstation store (`WorkstationStore.putAttachment`), encrypted at rest. */
export interface AttachmentSink {
  /** Stores a file and resolves with the SHA-256 (lower-case hex) that names it. */
  putAttachment(file: Blob): Promise<string>;
}

/** How the last capture of a page (拍摄/扫描) went. */
export interface ScanState {
  /** `idle` (none yet, or the last one stored), `capturing`, or `failed` (see `problem`). */
  phase: 'idle' | 'capturing' | 'failed';
  /** The material being captured, or last captured. */
  materialId?: string;
  /**
   * Why the last capture gave no page: the camera's reason (`no-device`, `denied`, `busy`, `closed`), `full` (the
   * material has `MAX_MATERIAL_FILES` pages already), or `failed` (the page could not be stored: see `error`).
   */
  problem?: DocumentCameraErrorReason | 'full' | 'failed';
  error?: Error;
}

/** What the checklist shows. */
export interface ChecklistState {
  rows: readonly ChecklistRow[];
  summary: ChecklistSummary;
  /**
   * The case's materials as recorded: one per material checked, in the list's order, only those on the list; an entry
   * with a problem keeps its last valid record here (or none).
   */
  materials: readonly CaseMaterial[];
  /** Materials the draft had that no picked item lists: dropped, said to the clerk (nothing on the list is asked). */
  dropped: readonly string[];
  /** Whether a material on the list can be taken as an e-licence (the catalog names its licence type). */
  licensable: boolean;
  lookup: LicenceLookupState;
  scan: ScanState;
}

/**
 * The material check (材料核验) of an intake without a DOM: the items' merged list (a bundle asks each material
 * once), the receipt choices the core allows for each, and the case's materials as the clerk records them. A
 * material not on the list cannot be recorded; a note or a copy count the case schema would refuse is kept on the row
 * as a problem and not put into the case, so nothing typed is lost and nothing invalid is saved.
 */
export class MaterialChecklistController {
  readonly #state: BehaviorSubject<ChecklistState>;
  /** The items' merged list: merged once per set of items, not on every keystroke. */
  #merged: readonly MergedMaterial[] = [];
  #given = new Map<string, CaseMaterial>();
  /** The case's materials from `#given`, rebuilt only when a record changes: the same array means no change. */
  #materials: readonly CaseMaterial[] = [];
  /** Entries the case schema refused, shown on their row with the problem until put right. */
  #pending = new Map<string, { entry: CaseMaterial; problem: NonNullable<ChecklistRow['problem']> }>();
  #dropped: string[] = [];
  #lookup: LicenceLookupState = { phase: 'idle', applied: [] };
  #scan: ScanState = { phase: 'idle' };
  /** Counts `load`s: a capture that ends after the list was loaded anew records nothing. */
  #loads = 0;

  constructor(items: readonly CaseItemFacts[] = [], materials: readonly CaseMaterial[] = []) {
    this.#state = new BehaviorSubject(this.#compute());
    this.load(items, materials);
  }

  /** The checklist, re-emitted after every change. */
  get state$(): Observable<ChecklistState> {
    return this.#state.asObservable();
  }

  get state(): ChecklistState {
    return this.#state.value;
  }

  /** Starts over with `items` and the draft's `materials` (those on no item's list are dropped and named). */
  load(items: readonly CaseItemFacts[], materials: readonly CaseMaterial[]): void {
    this.#merged = mergeItemMaterials(items);
    const listed = new Set(this.#merged.map((m) => m.material.id));
    this.#given = new Map(materials.filter((m) => listed.has(m.materialId)).map((m) => [m.materialId, m]));
    this.#dropped = materials.filter((m) => !listed.has(m.materialId)).map((m) => m.materialId);
    this.#pending.clear();
    this.#lookup = { phase: 'idle', applied: [] };
    this.#scan = { phase: 'idle' };
    this.#loads++;
    this.#record();
  }

  /**
   * Records how a material was received. Paper starts with the copies the catalog asks for; other ways carry none.
   * @throws RangeError when the material is not on the list or the core does not allow that receipt for it.
   */
  setReceipt(materialId: string, receipt: ReceiptKind): void {
    const row = this.#row(materialId);
    if (!row.choices.includes(receipt)) {
      throw new RangeError(`Material ${materialId} cannot be received as ${receipt}.`);
    }
    const before = this.#shown(materialId);
    this.#pending.delete(materialId);
    if (this.#scan.phase === 'failed' && this.#scan.materialId === materialId) this.#scan = { phase: 'idle' };
    this.#given.set(materialId, {
      materialId,
      itemIds: row.merged.itemIds,
      receipt,
      copies: receipt === 'paper' ? (before?.receipt === 'paper' ? before.copies : row.merged.copies) : 0,
      ...(before?.note ? { note: before.note } : {}),
      ...(before?.attachments && isReceived(receipt) ? { attachments: before.attachments } : {}),
      // The licence cited stays with the material while it is taken as that e-licence, and goes when it is not.
      ...(before?.licence && receipt === 'e-licence' ? { licence: before.licence } : {}),
    });
    this.#record();
  }

  /**
   * Looks up the holder's e-licences through the hall and takes each material a valid one satisfies as that e-licence,
   * citing it (the core's `licencesForMaterials`). A material already in hand on paper or scanned is left as the
   * clerk recorded it. When the hall cannot be reached the look-up says so and nothing changes: the clerk takes paper.
   * @param holderId the applicant's resident identity number or credit code (`licenceHolderId`).
   * @param today China date `YYYY-MM-DD`: licences past their last valid day are not taken.
   */
  async lookUpLicences(source: LicenceSource, holderId: string, today: string): Promise<void> {
    this.#lookup = { phase: 'looking', applied: [] };
    this.#emit();
    let licences: readonly ElectronicLicence[];
    try {
      licences = await source.lookupLicences(holderId);
    } catch (error) {
      const transient = (error as { transient?: unknown }).transient === true;
      this.#lookup = transient
        ? { phase: 'unavailable', applied: [] }
        : { phase: 'failed', applied: [], error: error as Error };
      this.#emit();
      return;
    }
    const applied: string[] = [];
    for (const [materialId, licence] of licencesForMaterials(this.#merged, licences, holderId, today)) {
      const before = this.#shown(materialId);
      if (before && isReceived(before.receipt) && before.receipt !== 'e-licence') continue;
      const row = this.#row(materialId);
      this.#pending.delete(materialId);
      this.#given.set(materialId, {
        materialId,
        itemIds: row.merged.itemIds,
        receipt: 'e-licence',
        copies: 0,
        ...(before?.note ? { note: before.note } : {}),
        licence: citeLicence(licence),
      });
      applied.push(row.merged.material.name);
    }
    this.#lookup = { phase: 'done', applied };
    this.#record();
  }

  /**
   * Captures one page of a material received as a scan (扫描件) through the window's document camera, stores it
   * (`sink.putAttachment`) and appends its SHA-256 to the material's attachments. One capture at a time: a second
   * call while one is in progress does nothing. A camera that gives no page, a material that has `MAX_MATERIAL_FILES`
   * pages already, or a store that refuses the page is said in `scan` and changes nothing; an aborted capture is
   * not a problem. A page that comes after the clerk chose another receipt, or loaded another list, is not recorded.
   * @throws RangeError when the material is not on the list or not received as a scan.
   */
  async capture(materialId: string, camera: DocumentCamera, sink: AttachmentSink, signal?: AbortSignal): Promise<void> {
    const row = this.#row(materialId);
    const given = this.#shown(materialId);
    if (given?.receipt !== 'scan') throw new RangeError(`Material ${materialId} is not received as a scan.`);
    if (this.#scan.phase === 'capturing') return;
    if ((given.attachments?.length ?? 0) >= MAX_MATERIAL_FILES) {
      this.#scan = { phase: 'failed', materialId, problem: 'full' };
      this.#emit();
      return;
    }
    const loads = this.#loads;
    this.#scan = { phase: 'capturing', materialId };
    this.#emit();
    let sha256: string;
    try {
      const page = await camera.capture({ label: row.merged.material.name, ...(signal ? { signal } : {}) });
      sha256 = await sink.putAttachment(page);
    } catch (error) {
      if (loads !== this.#loads) return;
      this.#scan = signal?.aborted
        ? { phase: 'idle' }
        : error instanceof DocumentCameraError
          ? { phase: 'failed', materialId, problem: error.reason }
          : { phase: 'failed', materialId, problem: 'failed', error: error as Error };
      this.#emit();
      return;
    }
    if (loads !== this.#loads) return;
    this.#scan = { phase: 'idle', materialId };
    const now = this.#shown(materialId);
    if (now?.receipt !== 'scan') return this.#emit();
    const pages = now.attachments ?? [];
    if (pages.length >= MAX_MATERIAL_FILES) {
      this.#scan = { phase: 'failed', materialId, problem: 'full' };
      return this.#emit();
    }
    this.#update(materialId, { ...now, attachments: [...pages, sha256] });
  }

  /**
   * Takes the last captured page off a material (a blurred shot); the file stays in the store, which may hold it for
   * another material too.
   */
  removeLastPage(materialId: string): void {
    const given = this.#shown(materialId);
    const pages = given?.attachments ?? [];
    if (!given || pages.length === 0) return;
    if (this.#scan.phase === 'failed' && this.#scan.materialId === materialId) this.#scan = { phase: 'idle' };
    const { attachments: _pages, ...rest } = given;
    this.#update(materialId, pages.length > 1 ? { ...rest, attachments: pages.slice(0, -1) } : rest);
  }

  /** Sets the copies of a material received on paper (0–99). */
  setCopies(materialId: string, copies: number): void {
    const given = this.#shown(materialId);
    if (given?.receipt !== 'paper') throw new RangeError(`Material ${materialId} is not received on paper.`);
    this.#update(materialId, { ...given, copies });
  }

  /** Notes what is wrong with a material or still needed (复印件不清晰); an empty note removes it. */
  setNote(materialId: string, note: string): void {
    const row = this.#row(materialId);
    const given = this.#shown(materialId) ?? {
      materialId,
      itemIds: row.merged.itemIds,
      receipt: 'missing' as const,
      copies: 0,
    };
    const { note: _old, ...rest } = given;
    const trimmed = note.trim();
    this.#update(materialId, trimmed ? { ...rest, note: trimmed } : rest);
  }

  #update(materialId: string, next: CaseMaterial): void {
    // The case schema decides what may be saved; an entry it refuses stays on the row, not in the case.
    const checked = v.safeParse(CaseMaterialSchema, next);
    if (checked.success) {
      this.#pending.delete(materialId);
      this.#given.set(materialId, checked.output);
      this.#record();
    } else {
      const problem = checked.issues.some((i) => i.path?.[0]?.key === 'note') ? 'note-long' : 'copies';
      this.#pending.set(materialId, { entry: next, problem });
      this.#emit();
    }
  }

  /** A record changed: the case's materials anew, in the list's order. */
  #record(): void {
    this.#materials = this.#merged.flatMap((m) => this.#given.get(m.material.id) ?? []);
    this.#emit();
  }

  /** What the row shows: the entry being put right, or the one recorded. */
  #shown(materialId: string): CaseMaterial | undefined {
    return this.#pending.get(materialId)?.entry ?? this.#given.get(materialId);
  }

  #row(materialId: string): ChecklistRow {
    const row = this.#state.value.rows.find((r) => r.merged.material.id === materialId);
    if (!row) throw new RangeError(`Material ${materialId} is not on the list of the items taken in.`);
    return row;
  }

  #emit(): void {
    this.#state.next(this.#compute());
  }

  #compute(): ChecklistState {
    const rows: ChecklistRow[] = this.#merged.map((merged) => {
      const pending = this.#pending.get(merged.material.id);
      const given = this.#shown(merged.material.id);
      return {
        merged,
        choices: receiptChoices(merged),
        given,
        open: merged.necessity === 'required' && (given === undefined || given.receipt === 'missing'),
        ...(pending ? { problem: pending.problem } : {}),
      };
    });
    const summary: ChecklistSummary = {
      received: 0,
      tolerated: 0,
      commitment: 0,
      missing: 0,
      unchecked: 0,
      requiredOpen: 0,
    };
    for (const { given, open } of rows) {
      const receipt = given?.receipt;
      if (receipt === undefined) summary.unchecked++;
      else if (isReceived(receipt)) summary.received++;
      else if (receipt === 'tolerated') summary.tolerated++;
      else if (receipt === 'commitment') summary.commitment++;
      else summary.missing++;
      if (open) summary.requiredOpen++;
    }
    return {
      rows,
      summary,
      materials: this.#materials,
      dropped: [...this.#dropped],
      licensable: this.#merged.some((m) => m.material.licenceType !== undefined),
      lookup: this.#lookup,
      scan: this.#scan,
    };
  }
}
