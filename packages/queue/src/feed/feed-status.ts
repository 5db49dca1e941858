import { html, nothing } from 'lit';
import type { Locale } from '@yichuang/ui';
import { clockTime, queueMsg } from '../i18n/messages.js';
import type { QueueFeedState } from './queue-feed.js';

/**
 * The line every queue view shows when its picture is not live: connecting, reconnecting (with the time of the
 * picture shown, and what the view cannot do meanwhile: `whileAway`), or refused. Nothing while live.
 */
export function feedStatus(
  state: Pick<QueueFeedState, 'status' | 'error' | 'confirmedAt'> | undefined,
  locale: Locale,
  whileAway?: string,
) {
  if (!state || state.status === 'live') return nothing;
  const text =
    state.status === 'loading'
      ? queueMsg(locale, 'status.loading')
      : state.status === 'reconnecting'
        ? [
            queueMsg(locale, 'status.reconnecting', {
              time: state.confirmedAt === undefined ? '—' : clockTime(state.confirmedAt, locale),
            }),
            whileAway,
          ].join(' ')
        : queueMsg(locale, 'status.failed', { detail: state.error?.message ?? '' });
  return html`<p part="status" role="status" data-status=${state.status}>${text}</p>`;
}
