/**
 * `rating.save`: a rating (好差评) given at a window. The hall credits it to the clerk it knows: a clerk sends only
 * ratings of themselves, and a rating pad's rating is credited to the clerk who served the ticket it names (the
 * ticket's `servedBy`, when the ticket is of the pad's window), else to the clerk logged in at the pad's window.
 * @module
 */
import { ROLES, type Mutation } from '@yichuang/hall-client/protocol.js';
import { needsFollowUp, toChinaDate } from '@yichuang/core';
import { followUpEvent, openFollowUp } from '../engine/followups.js';
import { add, get } from '../storage/port.js';
import { CASES, RATINGS, TICKETS, WINDOWS } from '../storage/tables.js';
import { clerksAt, refuse, type MutationKindDefinition } from './kind.js';

/** The sealing context of a rating's comment. */
export const ratingContext = (id: string): string => `rating:${id}`;

export const ratingSave: MutationKindDefinition<'rating.save'> = {
  kind: 'rating.save',
  roles: ['clerk', 'manager', 'rating-pad'],

  async prepare(mutation: Extract<Mutation, { kind: 'rating.save' }>, caller, services) {
    const session = caller.session;
    const rating = { ...mutation.payload };
    const clock = services.clock('at', rating.at);
    if (clock) return clock;

    const { known, clerkAtWindow, servedBy, ratedCase } = await services.read(function* () {
      const known = yield* get(WINDOWS, rating.window);
      // Only a pad's rating is credited by the hall: to who served the ticket, else to the clerk at the window.
      const pad = session.role === 'rating-pad';
      const ticket = pad && rating.ticketId !== undefined ? (yield* get(TICKETS, rating.ticketId))?.ticket : undefined;
      const servedBy = ticket?.window === rating.window ? ticket.servedBy : undefined;
      const clerkAtWindow = pad ? (yield* clerksAt(rating.window, services.at))[0]?.subject : undefined;
      const ratedCase = rating.caseId === undefined ? undefined : yield* get(CASES, rating.caseId);
      return { known, clerkAtWindow, servedBy, ratedCase };
    });
    if (!known) return refuse('invalid', 'unknown-window', 'unknownWindow', { window: rating.window });
    switch (session.role) {
      case 'rating-pad': {
        if (rating.window !== session.window) {
          return refuse('forbidden', 'other-window', 'rejectedOtherWindow', { window: session.window ?? '' });
        }
        // The pad does not know who serves: the hall does (who called the ticket, even if they have since left).
        const credited = servedBy ?? clerkAtWindow;
        if (credited === undefined) {
          return refuse('conflict', 'no-clerk', 'rejectedNoClerkAtWindow', { window: rating.window });
        }
        rating.clerk = credited;
        break;
      }
      case 'clerk':
        if (!session.windows.includes(rating.window)) {
          return refuse('forbidden', 'other-window', 'rejectedOtherWindow', { window: session.window ?? '' });
        }
        if (rating.clerk !== session.subject) {
          return refuse('forbidden', 'actor', 'rejectedRatingClerk', { subject: session.subject });
        }
        break;
      case 'manager':
        break;
      default:
        return refuse('forbidden', 'role', 'rejectedKind', { role: ROLES[session.role], kind: mutation.kind });
    }
    if (rating.caseId !== undefined && ratedCase?.window !== rating.window) {
      return refuse('conflict', 'rated-case', 'rejectedRatingCase', { window: rating.window });
    }

    const { comment, ...body } = rating;
    const sealed =
      comment === undefined || comment === '' || !caller.vault
        ? undefined
        : await caller.vault.seal({ comment }, ratingContext(rating.id));

    return {
      *apply() {
        if (yield* get(RATINGS, rating.id)) return refuse('conflict', 'rating-exists', 'rejectedRatingExists');
        const day = toChinaDate(new Date(rating.at));
        yield* add(RATINGS, {
          id: rating.id,
          window: rating.window,
          clerk: rating.clerk,
          grade: rating.grade,
          day,
          at: rating.at,
          body: body as Record<string, unknown>,
          ...(sealed === undefined ? {} : { sealed }),
        });
        // A bad rating opens its follow-up (差评整改) in the same transaction.
        const followUp = needsFollowUp(rating) ? yield* openFollowUp({ ...rating, day }, services.at) : undefined;
        return {
          event: {
            type: 'rating.saved',
            data: { ratingId: rating.id, window: rating.window, clerk: rating.clerk, grade: rating.grade },
          },
          ...(followUp ? { also: [followUpEvent(followUp)] } : {}),
        };
      },
    };
  },
};
