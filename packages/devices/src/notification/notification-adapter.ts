/** What an SMS gateway is given: the number and the text, nothing else. */
export interface SmsMessage {
  /** The mobile number, digits only (`13812345678`). */
  to: string;
  text: string;
}

/** What a gateway answers for a message it accepted. */
export interface SmsReceipt {
  /** The gateway's id of the message. */
  id: string;
}

/**
 * Where the hall's messages to applicants go — rating invitations, reminders of a supplement due, a result ready:
 * a hall's SMS gateway (运营商短信平台), or {@link SimulatedSmsGateway} in tests and stories. An adapter must not log
 * the number or the text (the text carries a case number).
 */
export interface NotificationAdapter {
  send(message: SmsMessage, signal?: AbortSignal): Promise<SmsReceipt>;
}

/** A number as it may be shown to staff: `138****5678`. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.length < 7 ? '****' : `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}
