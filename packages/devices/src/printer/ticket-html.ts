import { chinaTime, escapeHtml } from './html.js';
import { encodeQr, qrSvg } from './qr.js';
import type { PrintedTicket } from './ticket-printer.js';

/** Languages a ticket is printed in. */
export type TicketLocale = 'zh-CN' | 'en-US';

type TicketMessageKey =
  'yourNumber' | 'ahead.none' | 'ahead.one' | 'ahead.other' | 'issued' | 'scan' | 'qrLabel' | 'notice';

/** The ticket's text: whole sentences with named `{params}`, zh-CN first. */
const TICKET_MESSAGES: Record<TicketLocale, Record<TicketMessageKey, string>> = {
  'zh-CN': {
    yourNumber: '您的号码',
    'ahead.none': '前面没有人等候',
    'ahead.one': '前面还有 {count} 人等候',
    'ahead.other': '前面还有 {count} 人等候',
    issued: '取号时间 {time}',
    scan: '扫码查看排队进度',
    qrLabel: '排队进度二维码',
    notice: '请留意大厅屏幕和语音叫号',
  },
  'en-US': {
    yourNumber: 'Your number',
    'ahead.none': 'Nobody is ahead of you',
    'ahead.one': '1 person ahead of you',
    'ahead.other': '{count} people ahead of you',
    issued: 'Issued {time}',
    scan: 'Scan to follow the queue',
    qrLabel: 'QR code of the queue status page',
    notice: 'Please watch the hall screen and listen for your number',
  },
};

function message(locale: TicketLocale, key: TicketMessageKey, params: Record<string, string | number> = {}): string {
  const table = TICKET_MESSAGES[locale] ?? TICKET_MESSAGES['zh-CN'];
  return table[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** An identity number (18 or 15 digits) or a mainland mobile number, separators ignored. */
const PERSONAL_NUMBER = /\d{17}[\dX]|\d{15}|(?<!\d)1[3-9]\d{9}(?!\d)/i;

/**
 * The ticket's styles, scoped to `.yc-ticket`: black on white only (thermal paper has no grey), 72 mm wide (the
 * printable width of an 80 mm roll), the number as large as the width allows. A kiosk showing the ticket on screen
 * adopts these with the markup of {@link ticketHtml}.
 */
export const TICKET_STYLES = `
.yc-ticket {
  box-sizing: border-box;
  width: 72mm;
  margin: 0 auto;
  padding: 4mm 0 6mm;
  color: #000;
  background: #fff;
  font-family: 'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif;
  font-size: 3.6mm;
  line-height: 1.35;
  text-align: center;
  -webkit-print-color-adjust: exact;
  print-color-adjust: exact;
}
.yc-ticket * { margin: 0; }
.yc-ticket .hall { font-size: 4.4mm; font-weight: 700; padding-bottom: 2mm; border-bottom: 0.4mm dashed #000; }
.yc-ticket .category { font-size: 5mm; font-weight: 700; margin-top: 3mm; }
.yc-ticket .label { margin-top: 2mm; }
.yc-ticket .number { font-size: 20mm; line-height: 1.05; font-weight: 800; letter-spacing: 0.5mm; }
.yc-ticket .ahead { font-size: 4.4mm; font-weight: 700; }
.yc-ticket .line { margin-top: 1.5mm; font-size: 4mm; font-weight: 700; border: 0.4mm solid #000; padding: 0.5mm 1mm; }
.yc-ticket .qr { width: 30mm; margin: 3mm auto 0; }
.yc-ticket .qr svg { display: block; width: 100%; height: auto; }
.yc-ticket .issued { margin-top: 3mm; padding-top: 2mm; border-top: 0.4mm dashed #000; }
.yc-ticket .notice { margin-top: 1mm; }
`;

/** Width of the roll. */
const PAPER_WIDTH_MM = 80;

/**
 * The `@page` rule of a ticket `heightMm` long (rounded up to a whole millimetre), without margins.
 * @internal shared with {@link BrowserTicketPrinter}
 */
export function pageRule(heightMm: number): string {
  return `@page { size: ${PAPER_WIDTH_MM}mm ${Math.ceil(heightMm)}mm; margin: 0 }`;
}

/**
 * The markup of a ticket, the same on paper and on a kiosk's screen: an `<article class="yc-ticket">` to style with
 * {@link TICKET_STYLES}. All text is escaped; the status link becomes an inline SVG QR code (left out, the ticket
 * still printed, when the link is too long for one). Pure: the same ticket and locale give the same string.
 * @throws TypeError when a text field looks like an identity or mobile number: tickets carry no personal data.
 * @throws RangeError when `issuedAt` is not a timestamp.
 */
export function ticketHtml(ticket: PrintedTicket, locale: TicketLocale = 'zh-CN'): string {
  const lines = ticket.lines ?? [];
  for (const text of [ticket.number, ticket.categoryName, ticket.hallName, ...lines]) {
    if (PERSONAL_NUMBER.test(text.replace(/[\s-]/g, ''))) {
      throw new TypeError('A ticket carries no personal data: a text field looks like an identity or mobile number');
    }
  }
  const ahead = ticket.peopleAhead;
  const aheadKey = ahead === 0 ? 'ahead.none' : ahead === 1 ? 'ahead.one' : 'ahead.other';
  let qr = '';
  if (ticket.statusUrl) {
    try {
      const code = encodeQr(ticket.statusUrl, { minVersion: 3 });
      qr =
        `<div class="qr">${qrSvg(code, message(locale, 'qrLabel'))}</div>` +
        `<p class="scan">${escapeHtml(message(locale, 'scan'))}</p>`;
    } catch {
      // Too long for a QR code: the ticket matters more than the link.
    }
  }
  return (
    `<article class="yc-ticket" lang="${locale}">` +
    `<p class="hall">${escapeHtml(ticket.hallName)}</p>` +
    `<p class="category">${escapeHtml(ticket.categoryName)}</p>` +
    `<p class="label">${escapeHtml(message(locale, 'yourNumber'))}</p>` +
    `<p class="number">${escapeHtml(ticket.number)}</p>` +
    `<p class="ahead">${escapeHtml(message(locale, aheadKey, { count: ahead }))}</p>` +
    lines.map((line) => `<p class="line">${escapeHtml(line)}</p>`).join('') +
    qr +
    `<p class="issued">${escapeHtml(message(locale, 'issued', { time: chinaTime(ticket.issuedAt) }))}</p>` +
    `<p class="notice">${escapeHtml(message(locale, 'notice'))}</p>` +
    `</article>`
  );
}

/**
 * A whole HTML document for printing one ticket: {@link ticketHtml} with {@link TICKET_STYLES} on an 80 mm page
 * without margins. `size: 80mm auto` is not valid CSS (Chromium drops it), so the page height is given once the ticket
 * has been laid out and measured: pass it as `pageHeightMm`; without it the printer's own paper length applies.
 */
export function ticketDocument(ticket: PrintedTicket, locale: TicketLocale = 'zh-CN', pageHeightMm?: number): string {
  const page = pageHeightMm === undefined ? '@page { margin: 0 }' : pageRule(pageHeightMm);
  return (
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8">` +
    `<title>${escapeHtml(`${ticket.hallName} ${ticket.number}`)}</title>` +
    `<style>${page} html, body { margin: 0; padding: 0; background: #fff; width: ${PAPER_WIDTH_MM}mm; }` +
    `${TICKET_STYLES}</style></head><body>${ticketHtml(ticket, locale)}</body></html>`
  );
}
