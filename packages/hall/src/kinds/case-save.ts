/**
 * `case.save`: a case as the window took it in or changed it. The window is the authority for what it took in; the
 * hall checks everything else against its own data and the session: who acted, which window, which items and
 * materials, which status, which version, and what time.
 * @module
 */
import {
  CASE_STATUS_LABELS,
  allowedTransitions,
  chinaDay,
  formProblemsText,
  licenceHolderId,
  mergeItemForms,
  refusalGround,
  OVERDUE_RULES,
  openCommitment,
  overdueRule,
  type OverdueRule,
  maskIdNumber,
  parseCaseNumber,
  toChinaDate,
  type AuditEntry,
  type Case,
  type CaseItemFacts,
  type CaseStatus,
} from '@yichuang/core';
import { ROLES, canonicalJson, type Mutation } from '@yichuang/hall-client/protocol.js';
import { add, get, first, query, put, remove, type TxBody } from '../storage/port.js';
import {
  ACCOUNTS,
  ATTACHMENTS,
  CASES,
  REMOTE_CASES,
  LICENCES,
  CASE_ATTACHMENTS,
  CASE_GRANTS,
  type AttachmentRow,
  type CaseRow,
} from '../storage/tables.js';
import type { Caller } from '../caller.js';
import type { Vault } from '../vault/vault.js';
import { licenceContext } from '../engine/licences.js';
import type { Licence } from '@yichuang/hall-client/protocol.js';
import { RETRY, basedOn, isRefusal, refuse, type MutationKindDefinition, type Refusal, type Viewer } from './kind.js';

/** What of a case is personal and sealed at rest. */
interface PersonalFields {
  applicant: Case['applicant'];
  proxy?: Case['proxy'];
  /** A posted result's recipient, phone and address are personal too. */
  delivery?: Case['delivery'];
  /** The application form's answers: names, numbers, addresses. */
  form?: Case['form'];
  audit: AuditEntry[];
}

/** The sealing context of a case. */
export const caseContext = (id: string): string => `case:${id}`;

/** A stored case, whole again. */
export function caseOf(row: CaseRow, personal: PersonalFields): Case {
  return {
    ...(row.body as Omit<Case, 'applicant' | 'proxy' | 'delivery' | 'form' | 'audit'>),
    applicant: personal.applicant,
    ...(personal.proxy === undefined ? {} : { proxy: personal.proxy }),
    ...(personal.delivery === undefined ? {} : { delivery: personal.delivery }),
    ...(personal.form === undefined ? {} : { form: personal.form }),
    audit: personal.audit,
  } as Case;
}

/** A case as stored: its clear body, its personal fields sealed for `case:<id>`, and how long its trail is. */
export async function sealCase(vault: Vault, value: Case): Promise<Pick<CaseRow, 'body' | 'sealed' | 'auditLength'>> {
  const { applicant, proxy, delivery, form, audit, ...body } = value;
  const sealed = await vault.seal(
    {
      applicant,
      ...(proxy === undefined ? {} : { proxy }),
      ...(delivery === undefined ? {} : { delivery }),
      ...(form === undefined ? {} : { form }),
      audit,
    } satisfies PersonalFields,
    caseContext(value.id),
  );
  return { body: body as Record<string, unknown>, sealed, auditLength: audit.length };
}

/**
 * The index fields of a stored case, derived from it on the China day `today`: its open commitment's deadline (the
 * tolerance ledger), and while its result waits to be handed over, since when (kept from `previous`, the row it
 * replaces) and how. Absent fields leave the case out of those indexes.
 */
export function caseIndexFields(
  value: Case,
  today: string,
  previous?: Pick<CaseRow, 'handoverSince'>,
): Pick<CaseRow, 'commitmentDue' | 'handoverSince' | 'handoverWay'> {
  const commitmentDue = openCommitment(value, today)?.due;
  return {
    ...(commitmentDue === undefined ? {} : { commitmentDue }),
    ...(value.status === 'result-ready'
      ? { handoverSince: previous?.handoverSince ?? value.updatedAt, handoverWay: value.delivery?.way ?? 'window' }
      : {}),
  };
}

/** Whether a session may read and save a case of `window` (its windows; a grant for the case; a manager any). */
export function* mayHandle(session: Viewer, caseId: string, window: string, now: string) {
  if (session.role === 'manager') return true;
  if (session.role !== 'clerk') return false;
  if (session.windows.includes(window)) return true;
  const grant = yield* get(CASE_GRANTS, `${caseId}|${session.subject}`);
  return grant !== undefined && grant.expiresAt > now;
}

const statusLabel = (status: CaseStatus) => CASE_STATUS_LABELS[status];
const overdueRuleLabel = (rule: OverdueRule) => OVERDUE_RULES[rule];

export const caseSave: MutationKindDefinition<'case.save'> = {
  kind: 'case.save',
  roles: ['clerk', 'manager'],

  async prepare(mutation: Extract<Mutation, { kind: 'case.save' }>, caller: Caller, services) {
    const value = mutation.payload;
    const session = caller.session;
    if (value.hall !== services.hall)
      return refuse('forbidden', 'other-hall', 'rejectedOtherHall', { hall: services.hall });
    if (!caller.vault?.canOpen) {
      return refuse('forbidden', 'role', 'rejectedKind', { role: ROLES[session.role], kind: mutation.kind });
    }
    const vault = caller.vault;

    // Times the window states: never ahead of the hall.
    const clock = services.clock('createdAt', value.createdAt) ?? services.clock('updatedAt', value.updatedAt);
    if (clock) return clock;

    const { stored, access, responsible } = await services.read(function* () {
      const stored = yield* get(CASES, value.id);
      const window = stored?.window ?? value.window;
      const access = yield* mayHandle(session, value.id, window, services.at);
      const responsible =
        stored === undefined && session.role === 'manager' ? yield* get(ACCOUNTS, value.responsibleClerk) : undefined;
      return { stored, access, responsible };
    });
    if (!access) {
      return refuse('forbidden', 'other-window', 'rejectedOtherWindowCase', {
        windows: session.windows.join('、') || '—',
      });
    }

    // Which window, which number, who is responsible.
    if (stored) {
      if (value.window !== stored.window) {
        return refuse('forbidden', 'moved-window', 'rejectedMovedWindow', { window: stored.window });
      }
      if (value.number !== stored.number)
        return refuse('conflict', 'renumbered', 'rejectedRenumbered', { number: stored.number });
      if (value.responsibleClerk !== stored.responsibleClerk) {
        return refuse('forbidden', 'actor', 'rejectedResponsible', { subject: stored.responsibleClerk });
      }
    } else {
      const day = chinaDay(Date.parse(value.createdAt));
      if (parseCaseNumber(value.number).date !== day) {
        return refuse('invalid', 'number-day', 'rejectedNumberDay', {
          number: value.number,
          day: toChinaDate(new Date(value.createdAt)),
        });
      }
      if (session.role === 'clerk' && value.responsibleClerk !== session.subject) {
        return refuse('forbidden', 'actor', 'rejectedResponsible', { subject: session.subject });
      }
      if (session.role === 'manager' && (responsible?.role !== 'clerk' || responsible.disabledAt !== undefined)) {
        return refuse('invalid', 'unknown-clerk', 'rejectedUnknownClerk', { clerk: value.responsibleClerk });
      }
    }

    // The version it was based on: checked here (a stale save is stale, whatever else it changed) and again in the
    // transaction.
    const base = mutation.base;
    if (stored && !basedOn(base, stored))
      return refuse('conflict', 'stale', 'rejectedStale', { version: stored.version });
    if (!stored && base !== undefined) return refuse('conflict', 'stale', 'rejectedBaseUnknown');

    // The status: one the state machine reaches from the stored one (a new case starts as a draft), in one step or
    // through the steps the new trail lines record (marked overdue and revoked in one save, say), each allowed.
    const from: CaseStatus = stored?.status ?? 'draft';
    const refuseStatus = (at: CaseStatus, to: CaseStatus) =>
      refuse('conflict', 'status', 'rejectedStatus', { from: statusLabel(at), to: statusLabel(to) });
    const path = (current: readonly AuditEntry[]): CaseStatus[] => {
      const statuses: CaseStatus[] = [from];
      for (const entry of current) if (entry.to !== undefined && entry.to !== statuses.at(-1)) statuses.push(entry.to);
      return statuses;
    };

    // The trail: what the hall holds stays as it is; what is added is this person's, and not from the future.
    let storedAudit: AuditEntry[] = [];
    if (stored) {
      const personal = await vault.open<PersonalFields>(stored.sealed, caseContext(stored.id));
      storedAudit = personal.audit;
    }
    const rewritten =
      value.audit.length < storedAudit.length ||
      storedAudit.some((entry, i) => canonicalJson(entry) !== canonicalJson(value.audit[i]));
    if (rewritten) return refuse('conflict', 'audit-rewritten', 'rejectedAuditRewritten');
    for (const entry of value.audit.slice(storedAudit.length)) {
      if (entry.actor !== session.subject) {
        return refuse('forbidden', 'actor', 'rejectedAuditActor', { subject: session.subject });
      }
      // A clerk acts at a window they may staff (a case claimed at another counter is still the clerk's own window).
      if (session.role === 'clerk' && !session.windows.includes(entry.window)) {
        return refuse('forbidden', 'audit-window', 'rejectedAuditWindow', {
          windows: session.windows.join('、') || '—',
        });
      }
      const ahead = services.clock('audit.at', entry.at);
      if (ahead) return ahead;
    }
    const recorded = path(value.audit.slice(storedAudit.length));
    const steps: CaseStatus[] =
      recorded.length > 2 && recorded.at(-1) === value.status
        ? recorded
        : value.status === from
          ? [from]
          : [from, value.status];
    for (let i = 1; i < steps.length; i++) {
      if (!allowedTransitions(steps[i - 1]!).includes(steps[i]!)) return refuseStatus(steps[i - 1]!, steps[i]!);
    }

    // A result is the deciding department's, recorded by the hall (`POST /cases/{id}/result`); a window sets one only
    // when it decides an immediate item itself (accepted → decided).
    const storedResult = (stored?.body as Partial<Case> | undefined)?.result;
    if (canonicalJson(value.result ?? null) !== canonicalJson(storedResult ?? null)) {
      const decidedHere = steps.some((status, i) => status === 'decided' && steps[i - 1] === 'accepted');
      if (!decidedHere) return refuse('forbidden', 'result-forged', 'rejectedResultForged');
    }

    // Items of a published catalog, materials of those item versions only. Each item's facts are read once here, for
    // every check below.
    const itemFacts = new Map<string, CaseItemFacts>();
    for (const item of value.items) {
      const found = await services.itemFacts(item.itemId, item.version);
      if (!found) {
        return refuse('invalid', 'unknown-item', 'rejectedUnknownItem', { item: item.itemId, version: item.version });
      }
      itemFacts.set(item.itemId, found);
    }
    const pinned = [...itemFacts.values()];
    for (const material of value.materials) {
      for (const itemId of material.itemIds) {
        if (!itemFacts.get(itemId)?.materials.some((m) => m.id === material.materialId)) {
          return refuse('invalid', 'unknown-material', 'rejectedUnknownMaterial', {
            material: material.materialId,
            item: itemId,
          });
        }
      }
    }

    // A result is posted only where every item allows it.
    if (value.delivery?.way === 'post') {
      for (const item of value.items) {
        if (itemFacts.get(item.itemId)?.postal !== true)
          return refuse('invalid', 'post-not-allowed', 'rejectedNotPostal', { item: item.itemId });
      }
    }

    // Accepting needs the items' application form filled in, as the core judges it at the window.
    if (value.status !== from && (value.status === 'accepted' || value.status === 'accepted-with-tolerance')) {
      const problems = formProblemsText(mergeItemForms(pinned), value.form ?? {});
      if (problems) {
        const text = { zh: problems['zh-CN'], en: problems['en-US'] };
        return refuse('invalid', 'form-incomplete', 'rejectedFormIncomplete', { problems: text });
      }
    }

    // A refusal at intake rests on a ground of its items (statutory, or an item's condition), recorded as printed.
    const ground = value.refusalGround;
    if (
      (value.status === 'refused' && from === 'draft') ||
      (ground && ground.id !== (stored?.body as Partial<Case> | undefined)?.refusalGround?.id)
    ) {
      const known = ground ? refusalGround(pinned, ground.id) : undefined;
      if (!ground || !known || known.text['zh-CN'] !== ground.text) {
        return refuse('invalid', 'unknown-ground', 'rejectedRefusalGround', {
          ground: ground?.id ?? { zh: '未给出', en: 'none' },
        });
      }
    }

    // An overdue commitment by the hall's calendar day, handled as its items say (revoked or voided; else escalated).
    const today = toChinaDate(new Date(Date.parse(services.at)));
    const overdueAt = steps.indexOf('overdue');
    if (overdueAt > 0) {
      const due = openCommitment({ ...value, status: steps[overdueAt - 1]! }, today);
      if (due?.state !== 'overdue') {
        return refuse('conflict', 'not-overdue', 'rejectedNotOverdue', { due: due?.due ?? '—', today });
      }
    }
    const afterOverdue = overdueAt >= 0 ? steps[overdueAt + 1] : undefined;
    if (afterOverdue === 'refused' || afterOverdue === 'discarded') {
      const rule = overdueRule(value, pinned);
      if ((afterOverdue === 'refused' ? 'revoke' : 'void') !== rule) {
        return refuse('invalid', 'overdue-rule', 'rejectedOverdueRule', { rule: overdueRuleLabel(rule) });
      }
    }

    // E-licences the case newly cites: each the issuer's very document (by hash), issued to the applicant.
    const citedBefore = new Set(
      ((stored?.body as Partial<Case> | undefined)?.materials ?? []).flatMap((m) =>
        m.licence ? [`${m.licence.type}|${m.licence.number}|${m.licence.sha256}`] : [],
      ),
    );
    const holder = licenceHolderId(value.applicant);
    for (const material of value.materials) {
      const cited = material.licence;
      if (!cited || citedBefore.has(`${cited.type}|${cited.number}|${cited.sha256}`)) continue;
      const key = await vault.index(`licence|${cited.type}|${cited.number}`);
      const row = await services.read(() => get(LICENCES, key));
      const licence = row ? await vault.open<Licence>(row.sealed, licenceContext(key)) : undefined;
      if (!licence || licence.sha256 !== cited.sha256 || holder === undefined || licence.holderId !== holder) {
        return refuse('invalid', 'unknown-licence', 'rejectedUnknownLicence', {
          material: material.materialId,
          type: cited.type,
          number: maskIdNumber(cited.number),
        });
      }
    }

    const sealedCase = await sealCase(vault, value);
    // The files the case cites: its materials' scans, and the images of signatures taken on the pad.
    const cited = [
      ...new Set([
        ...value.materials.flatMap((m) => m.attachments ?? []),
        ...(value.signatures ?? []).flatMap((s) => (s.image ? [s.image] : [])),
        ...(value.handover?.way === 'window' && value.handover.image ? [value.handover.image] : []),
      ]),
    ];
    const seenVersion = stored?.version ?? 0;

    return {
      *apply() {
        const current = yield* get(CASES, value.id);
        if ((current?.version ?? 0) !== seenVersion) return RETRY;
        if (current) {
          if (!basedOn(base, current))
            return refuse('conflict', 'stale', 'rejectedStale', { version: current.version });
        } else {
          if (base !== undefined) return refuse('conflict', 'stale', 'rejectedBaseUnknown');
          const owner =
            (yield* first(CASES, 'number', { equals: [value.number] })) ??
            (yield* first(REMOTE_CASES, 'number', { equals: [value.number] }));
          if (owner) return refuse('conflict', 'number-taken', 'rejectedNumberTaken', { number: value.number });
        }
        const files = yield* filesCited(cited);
        if (isRefusal(files)) return files;
        const version = (current?.version ?? 0) + 1;
        const row: CaseRow = {
          id: value.id,
          number: value.number,
          hall: value.hall,
          window: value.window,
          status: value.status,
          day: toChinaDate(new Date(value.createdAt)),
          version,
          mutation: mutation.id,
          responsibleClerk: value.responsibleClerk,
          createdAt: value.createdAt,
          updatedAt: value.updatedAt,
          ...sealedCase,
          ...caseIndexFields(value, today, current),
        };
        // A new case is inserted (its id and number are free: checked above), a stored one replaced.
        if (current) yield* put(CASES, row);
        else yield* add(CASES, row);
        // A new case has no links yet: only its cited files to link.
        if (current || files.size > 0) yield* linkAttachments(value.id, files, services.at, current !== undefined);
        return {
          version,
          event: {
            type: 'case.saved',
            data: { caseId: value.id, number: value.number, window: value.window, status: value.status, version },
          },
        };
      },
    };
  },
};

/**
 * The hall's rows of the files a record cites (inside its save's transaction), or the `missing-attachments` refusal
 * naming those the hall lacks: the window uploads them and sends the save again.
 */
export function* filesCited(cited: Iterable<string>): TxBody<Map<string, AttachmentRow> | Refusal> {
  const files = new Map<string, AttachmentRow>();
  const missing: string[] = [];
  for (const sha256 of cited) {
    const file = yield* get(ATTACHMENTS, sha256);
    if (file) files.set(sha256, file);
    else missing.push(sha256);
  }
  if (missing.length === 0) return files;
  return refuse('missing-attachments', 'missing-attachments', 'rejectedMissing', { count: missing.length }, missing);
}

/**
 * Records which files a case (or another record: a helper-desk visit) cites, inside the save's transaction (`cited`:
 * their rows, read in it): a file newly cited is no orphan any more; a file nothing cites any more becomes one, to be
 * removed after the grace period.
 */
export function* linkAttachments(
  caseId: string,
  cited: ReadonlyMap<string, AttachmentRow>,
  at: string,
  stored: boolean,
) {
  const links = stored ? yield* query(CASE_ATTACHMENTS, 'caseId', { equals: [caseId] }) : [];
  for (const link of links) {
    if (cited.has(link.sha256)) continue;
    yield* remove(CASE_ATTACHMENTS, link.key);
    if ((yield* first(CASE_ATTACHMENTS, 'sha256', { equals: [link.sha256] })) === undefined) {
      const file = yield* get(ATTACHMENTS, link.sha256);
      if (file) yield* put(ATTACHMENTS, { ...file, orphanSince: at });
    }
  }
  for (const [sha256, file] of cited) {
    if (!links.some((link) => link.sha256 === sha256)) {
      yield* add(CASE_ATTACHMENTS, { key: `${caseId}|${sha256}`, caseId, sha256 });
    }
    if (file.orphanSince !== undefined) {
      const { orphanSince: _cited, ...rest } = file;
      yield* put(ATTACHMENTS, rest);
    }
  }
}

export type { Refusal };
