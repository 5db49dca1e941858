import * as v from 'valibot';
import { textSchema } from '../case/fields.js';
import { bilingual } from '../i18n/schema-message.js';
import { WINDOW_PAUSE_REASONS, type WindowPauseReason } from './pause-reasons.js';

export { WINDOW_PAUSE_REASONS, type WindowPauseReason } from './pause-reasons.js';

const REASON_KEYS = Object.keys(WINDOW_PAUSE_REASONS) as [WindowPauseReason, ...WindowPauseReason[]];

/** Most characters of a pause's note. */
export const MAX_PAUSE_NOTE = 60;

/** The reason of a window's pause: one of {@link WINDOW_PAUSE_REASONS}. */
export const WindowPauseReasonSchema = v.picklist(
  REASON_KEYS,
  bilingual(
    `reason: one of ${REASON_KEYS.join(', ')}`,
    `reason: 应为以下之一：${REASON_KEYS.map((key) => `“${key}”（${WINDOW_PAUSE_REASONS[key].zh}）`).join('、')}`,
  ),
);

/** The note of a window's pause, seen by staff only: trimmed, 1 to {@link MAX_PAUSE_NOTE} characters. */
export const WindowPauseNoteSchema = textSchema('note', MAX_PAUSE_NOTE);
