import { checkPhone, isCaseNumber } from '@yichuang/core';
import { maskPhone, type NotificationAdapter, type SmsMessage, type SmsReceipt } from '@yichuang/devices';
import type { Locale } from '@yichuang/ui';
import { msg } from '../i18n/messages.js';

/**
 * A rating invitation by SMS (短信邀评): whom to send it to, what was handled (a case number or a ticket number) and
 * where to rate. There is deliberately no field for the applicant's name: the text names the service, never the
 * person, as anyone who sees the phone may read it.
 */
export interface RatingInvitation {
  /** A mainland mobile number (`13812345678`, `+86 138 1234 5678`). Never logged, never shown whole. */
  phone: string;
  /** The case number (办件编号) of a case, e.g. `TJHP01-20261016-W01-0007`. */
  caseNumber?: string;
  /** Or the queue ticket number, e.g. `A012`, for a visit that made no case. */
  ticketNumber?: string;
  /** The rating page, `https://…` (a short link a hall's SMS gateway accepts). */
  link: string;
  /** The hall's name as the text signs it, e.g. `和平区政务服务中心`. */
  hallName: string;
}

/** Why an invitation cannot be sent: no mobile number, no case or ticket number, a link that is not https. */
export type InvitationProblem = 'phone' | 'reference' | 'link' | 'length';

/** The longest text sent: three SMS segments of 67 characters. */
export const MAX_INVITATION_TEXT = 201;

/** An invitation that cannot be sent; its message is in the caller's language and never holds the number. */
export class InvitationError extends Error {
  readonly problem: InvitationProblem;
  constructor(problem: InvitationProblem, locale: Locale) {
    super(msg(locale, `sms.problem.${problem}`, { max: MAX_INVITATION_TEXT }));
    this.name = 'InvitationError';
    this.problem = problem;
  }
}

const MOBILE = /^1[3-9]\d{9}$/;
const TICKET = /^[A-Z]{1,2}\d{1,4}$/;

/**
 * The text of an invitation and the mobile number it goes to, checked: a mainland mobile number, a case number or a
 * ticket number, an https link. The text is in Chinese (the language of SMS in the hall's region) unless `locale`
 * says otherwise, and names the case or ticket, never the person.
 * @throws InvitationError
 */
export function invitationMessage(invitation: RatingInvitation, locale: Locale = 'zh-CN'): SmsMessage {
  const phone = checkPhone(invitation.phone);
  if (!phone.valid || !MOBILE.test(phone.normalized ?? '')) throw new InvitationError('phone', locale);
  const { caseNumber, ticketNumber } = invitation;
  const reference =
    caseNumber !== undefined && isCaseNumber(caseNumber)
      ? msg(locale, 'sms.case', { number: caseNumber })
      : caseNumber === undefined && ticketNumber !== undefined && TICKET.test(ticketNumber)
        ? msg(locale, 'sms.ticket', { number: ticketNumber })
        : undefined;
  if (reference === undefined) throw new InvitationError('reference', locale);
  let link: URL;
  try {
    link = new URL(invitation.link);
  } catch {
    throw new InvitationError('link', locale);
  }
  if (link.protocol !== 'https:') throw new InvitationError('link', locale);
  const text = msg(locale, 'sms.text', {
    hall: invitation.hallName.trim(),
    reference,
    link: link.href,
  });
  if (text.length > MAX_INVITATION_TEXT) throw new InvitationError('length', locale);
  return { to: phone.normalized!, text };
}

/**
 * Sends a rating invitation through `adapter`. Resolves the gateway's receipt and the number masked (what a log or a
 * screen may show).
 * @throws InvitationError for an invitation that cannot be sent; the adapter's error when the gateway fails.
 */
export async function sendRatingInvitation(
  adapter: NotificationAdapter,
  invitation: RatingInvitation,
  options: { locale?: Locale; signal?: AbortSignal } = {},
): Promise<SmsReceipt & { to: string }> {
  const message = invitationMessage(invitation, options.locale);
  const receipt = await adapter.send(message, options.signal);
  return { ...receipt, to: maskPhone(message.to) };
}
