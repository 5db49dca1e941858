/**
 * `assist.save`: a visit at the helper desk (帮办代办) as the helper registered and logged it. The hall checks who
 * acted (a clerk names only themselves as the helper, at a window they may staff), the times, the proxy's
 * authorisation on the day the visit began (the core's {@link proxyProblem}), that the help log and the cases only
 * grow and a closed visit stays closed, and that it holds the letter's files; it seals the person, the proxy and the
 * help log's notes.
 * @module
 */
import { assistProblemText, helpMinutes, proxyProblem, toChinaDate, type AssistVisit } from '@yichuang/core';
import { ROLES, type Mutation } from '@yichuang/hall-client/protocol.js';
import { add, get, put } from '../storage/port.js';
import { ASSIST_VISITS, WINDOWS, type AssistVisitRow } from '../storage/tables.js';
import { filesCited, linkAttachments } from './case-save.js';
import { RETRY, basedOn, isRefusal, refuse, type MutationKindDefinition } from './kind.js';

/** The sealing context of a visit. */
export const assistContext = (id: string): string => `assist:${id}`;

/** What of a visit is personal and sealed at rest. */
type PersonalFields = Pick<AssistVisit, 'served' | 'proxy' | 'help'>;

/** A stored visit, whole again. */
export function visitOf(row: AssistVisitRow, personal: PersonalFields): AssistVisit {
  return { ...(row.body as Omit<AssistVisit, keyof PersonalFields>), ...personal } as AssistVisit;
}

export const assistSave: MutationKindDefinition<'assist.save'> = {
  kind: 'assist.save',
  roles: ['clerk', 'manager'],

  async prepare(mutation: Extract<Mutation, { kind: 'assist.save' }>, caller, services) {
    const visit = mutation.payload;
    const session = caller.session;
    if (visit.hall !== services.hall) {
      return refuse('forbidden', 'other-hall', 'rejectedOtherHall', { hall: services.hall });
    }
    if (!caller.vault?.canOpen) {
      return refuse('forbidden', 'role', 'rejectedKind', { role: ROLES[session.role], kind: mutation.kind });
    }
    const vault = caller.vault;
    const clock =
      services.clock('createdAt', visit.createdAt) ??
      services.clock('updatedAt', visit.updatedAt) ??
      visit.help.map((entry) => services.clock('help.at', entry.at)).find((refusal) => refusal !== undefined);
    if (clock) return clock;
    if (session.role === 'clerk' && !session.windows.includes(visit.window)) {
      return refuse('forbidden', 'other-window', 'rejectedOtherWindow', { window: session.window ?? '' });
    }

    const { known, stored } = await services.read(function* () {
      return { known: yield* get(WINDOWS, visit.window), stored: yield* get(ASSIST_VISITS, visit.id) };
    });
    if (!known) return refuse('invalid', 'unknown-window', 'unknownWindow', { window: visit.window });
    // The helper is who the hall knows: the clerk registering a visit, and the same helper for its later saves.
    const helper = stored?.helper ?? (session.role === 'clerk' ? session.subject : visit.helper);
    if (visit.helper !== helper) return refuse('forbidden', 'actor', 'rejectedVisitHelper', { subject: helper });
    if (stored) {
      if (stored.status === 'closed') return refuse('conflict', 'visit-closed', 'rejectedVisitClosed');
      const cases = (stored.body.cases as string[] | undefined) ?? [];
      if (visit.help.length < stored.helpLength || cases.some((id) => !visit.cases.includes(id))) {
        return refuse('conflict', 'visit-shrinks', 'rejectedVisitShrinks');
      }
      if (stored.window !== visit.window) {
        return refuse('forbidden', 'other-window', 'rejectedOtherWindow', { window: stored.window });
      }
    }
    // The proxy must have been authorised on the day the visit began (a letter running out later keeps the log).
    const problem = proxyProblem(visit, toChinaDate(new Date(visit.createdAt)));
    if (problem) {
      return refuse('invalid', problem.code, 'rejectedVisitProxy', {
        problem: { zh: assistProblemText(problem, 'zh-CN'), en: assistProblemText(problem, 'en-US') },
      });
    }

    const { served, proxy, help, ...body } = visit;
    const sealed = await vault.seal(
      { served, ...(proxy === undefined ? {} : { proxy }), help } satisfies PersonalFields,
      assistContext(visit.id),
    );
    const seenVersion = stored?.version ?? 0;
    const base = mutation.base;

    return {
      *apply() {
        const current = yield* get(ASSIST_VISITS, visit.id);
        if ((current?.version ?? 0) !== seenVersion) return RETRY;
        if (current && !basedOn(base, current)) {
          return refuse('conflict', 'stale', 'rejectedStale', { version: current.version });
        }
        if (!current && base !== undefined) return refuse('conflict', 'stale', 'rejectedBaseUnknown');
        const files = yield* filesCited(visit.letter?.files ?? []);
        if (isRefusal(files)) return files;
        const version = (current?.version ?? 0) + 1;
        const row: AssistVisitRow = {
          id: visit.id,
          window: visit.window,
          helper: visit.helper,
          status: visit.status,
          day: toChinaDate(new Date(visit.createdAt)),
          version,
          mutation: mutation.id,
          createdAt: visit.createdAt,
          updatedAt: visit.updatedAt,
          body: body as Record<string, unknown>,
          sealed,
          helpLength: help.length,
          minutes: helpMinutes(visit).total,
        };
        if (current) yield* put(ASSIST_VISITS, row);
        else yield* add(ASSIST_VISITS, row);
        if (current || files.size > 0) yield* linkAttachments(visit.id, files, services.at, current !== undefined);
        return {
          version,
          event: {
            type: 'assist.saved',
            data: { visitId: visit.id, window: visit.window, helper: visit.helper, status: visit.status, version },
          },
        };
      },
    };
  },
};
