// What the printed pages share: escaping and the time as printed in China.
import { toChinaDateTime } from '@yichuang/core';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** `text` safe inside HTML text and quoted attributes. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => ESCAPES[char]!);

/** `2025-03-01 08:30`, the instant read in China time whatever the kiosk's own time zone. */
export function chinaTime(iso: string): string {
  if (Number.isNaN(Date.parse(iso))) throw new RangeError(`issuedAt: an ISO 8601 timestamp, not ${iso}`);
  return toChinaDateTime(iso);
}
