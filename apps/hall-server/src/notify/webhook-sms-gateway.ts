/**
 * The hall's SMS gateway as an HTTP hook (短信网关): each message is POSTed as JSON `{ "to", "text" }` to the address
 * the hall is configured with (`SMS_WEBHOOK_URL`), where the district's operator platform takes it; a 2xx answer with
 * `{ "id" }` (or none) is a message accepted. Nothing is logged: the number and the text are personal.
 * @module
 */
import type { ApplicantNotifier } from '@yichuang/hall';

/** How long the hook may take to answer. */
const TIMEOUT_MS = 10_000;

/** Whether `url` is a hook address the hall accepts: https, or http on this machine. */
export function isHookUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'https:') return true;
  return parsed.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname);
}

export class WebhookSmsGateway implements ApplicantNotifier {
  readonly #url: string;
  #sent = 0;

  constructor(url: string) {
    if (!isHookUrl(url)) throw new RangeError('SMS_WEBHOOK_URL: an https address (or http on localhost) is expected');
    this.#url = url;
  }

  async send(message: { to: string; text: string }, signal?: AbortSignal): Promise<{ id: string }> {
    const timeout = AbortSignal.timeout(TIMEOUT_MS);
    const response = await fetch(this.#url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ to: message.to, text: message.text }),
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    if (!response.ok) throw new Error(`SMS hook answered ${response.status}`);
    const answer = (await response.json().catch(() => undefined)) as { id?: unknown } | undefined;
    this.#sent += 1;
    return { id: typeof answer?.id === 'string' ? answer.id : `hook-${this.#sent}` };
  }
}
