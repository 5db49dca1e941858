import type { NotificationAdapter, SmsMessage, SmsReceipt } from './notification-adapter.js';

/** A message the simulator took, and when. */
export interface SimulatedSms extends SmsMessage {
  id: string;
  at: string;
}

/**
 * An SMS gateway that sends nothing: it records what it was given, for tests and stories. It logs nothing. Set
 * `failing` to have it refuse, as a gateway that is down does.
 */
export class SimulatedSmsGateway implements NotificationAdapter {
  readonly #sent: SimulatedSms[] = [];
  #ids = 0;
  /** While true, `send` rejects (a gateway that does not answer). */
  failing = false;

  constructor(private readonly now: () => number = Date.now) {}

  /** What was sent, oldest first. */
  get sent(): readonly SimulatedSms[] {
    return this.#sent;
  }

  async send(message: SmsMessage, signal?: AbortSignal): Promise<SmsReceipt> {
    signal?.throwIfAborted();
    if (this.failing) throw new Error('SMS gateway unavailable');
    const id = `sim-${++this.#ids}`;
    this.#sent.push({ ...message, id, at: new Date(this.now()).toISOString() });
    return { id };
  }
}
