import type { CaseDocument } from '@yichuang/core';
import { chinaTime, escapeHtml } from './html.js';
import { encodeQr, qrSvg } from './qr.js';

/** A document as it goes to paper: its words, and the SHA-256 of them printed at its foot. */
export interface PrintableDocument {
  document: CaseDocument;
  /** `documentDigest(document)`: 64 hexadecimal digits. */
  digest: string;
  /** The signature pad's image (a `data:image/png` URL) when the document was signed on the pad. */
  signatureImage?: string;
}

/** What a document issued in training says at its head (and as its watermark): it is void. */
export const TRAINING_MARK = '练习模式 · 本文书仅供练习，不具法律效力';

/**
 * The styles of the hall's A4 documents, scoped to `.yc-document`: black on white, the official title centred, a
 * table of facts, the statement, the materials, the signatures, and a foot with the status QR code and the
 * content's SHA-256. On screen a sheet keeps the A4 proportions; on paper each document starts a new page.
 */
export const DOCUMENT_STYLES = `
.yc-document {
  box-sizing: border-box;
  width: 210mm;
  min-height: 297mm;
  padding: 15mm 18mm 12mm;
  display: flex;
  flex-direction: column;
  color: #000;
  background: #fff;
  font-family: 'Noto Serif CJK SC', 'Source Han Serif SC', 'SimSun', 'Noto Sans CJK SC', 'Microsoft YaHei', serif;
  font-size: 4mm;
  line-height: 1.5;
  -webkit-print-color-adjust: exact;
  print-color-adjust: exact;
}
.yc-document * { margin: 0; }
.yc-document header { text-align: center; padding-bottom: 4mm; border-bottom: 0.5mm solid #000; }
.yc-document .hall { font-size: 4.6mm; }
.yc-document h1 { font-size: 8mm; letter-spacing: 1.5mm; margin: 2mm 0; }
.yc-document .number { font-family: ui-monospace, 'Noto Sans Mono CJK SC', monospace; }
.yc-document table { width: 100%; border-collapse: collapse; margin-top: 4mm; }
.yc-document .materials { font-size: 3.5mm; line-height: 1.35; }
.yc-document .materials thead { display: table-header-group; }
.yc-document .materials tr { break-inside: avoid; }
.yc-document .materials td:nth-child(3) { min-width: 7em; }
.yc-document th, .yc-document td { border: 0.3mm solid #000; padding: 0.8mm 1.5mm; text-align: left; vertical-align: top; }
.yc-document th { font-weight: 700; white-space: nowrap; }
.yc-document caption { text-align: left; font-weight: 700; padding-bottom: 1mm; }
.yc-document .statement { margin-top: 4mm; }
.yc-document .statement p { text-indent: 2em; }
.yc-document .signatures { margin-top: 6mm; display: flex; justify-content: space-between; gap: 10mm; }
.yc-document .signatures p { flex: 1; border-bottom: 0.3mm solid #000; padding-bottom: 6mm; }
.yc-document .signature { height: 14mm; vertical-align: middle; }
.yc-document .signed-at { display: block; font-size: 3.2mm; }
.yc-document footer { margin-top: auto; padding-top: 4mm; break-inside: avoid; display: flex; gap: 6mm; align-items: flex-end; }
.yc-document .qr { width: 26mm; flex: none; text-align: center; font-size: 3.2mm; }
.yc-document .qr svg { display: block; width: 100%; height: auto; }
.yc-document dl { display: grid; grid-template-columns: auto 1fr; gap: 0.5mm 3mm; font-size: 3.4mm; }
.yc-document dt { font-weight: 700; }
.yc-document .digest { font-family: ui-monospace, 'Noto Sans Mono CJK SC', monospace; word-break: break-all; }
.yc-document[data-training] { position: relative; }
.yc-document[data-training]::after {
  content: '练习';
  position: absolute;
  inset: 0;
  display: flex;
  align-items: center;
  justify-content: center;
  font-size: 60mm;
  color: rgba(0, 0, 0, 0.08);
  transform: rotate(-30deg);
  pointer-events: none;
}
.yc-document .training { border: 0.6mm solid #000; padding: 1mm 2mm; margin-bottom: 3mm; font-weight: 700; }
`;

const row = (...cells: string[]) => `<tr>${cells.join('')}</tr>`;

/** What stands on the applicant's signature line: the pad's image with its time, or nothing (signed by hand). */
function signedMark({ document: d, signatureImage }: PrintableDocument): string {
  if (d.signed?.way !== 'pad' || !signatureImage?.startsWith('data:image/png;base64,')) return '';
  return (
    `<img class="signature" src="${escapeHtml(signatureImage)}" alt="申请人签名">` +
    `<span class="signed-at">（签字板签名 ${escapeHtml(chinaTime(d.signed.at))}）</span>`
  );
}

/**
 * The markup of one document, the same on screen and on paper: an `<article class="yc-document">` to style with
 * {@link DOCUMENT_STYLES}. All text is escaped; the status link becomes an inline SVG QR code (left out when too long
 * for one, the address then printed instead). Pure: the same document and digest give the same string.
 * @throws RangeError when the digest is not a SHA-256, or `issuedAt` not a timestamp.
 */
export function documentHtml(printable: PrintableDocument): string {
  const { document: d, digest } = printable;
  if (!/^[0-9a-f]{64}$/.test(digest)) throw new RangeError(`digest: a SHA-256 in 64 hexadecimal digits, not ${digest}`);
  const esc = escapeHtml;
  let qr: string;
  try {
    qr = `${qrSvg(encodeQr(d.statusUrl, { minVersion: 3 }), '办理进度查询二维码')}<p>扫码查询办理进度</p>`;
  } catch {
    qr = `<p>办理进度查询：${esc(d.statusUrl)}</p>`;
  }
  const withRequirement = d.materials.some((m) => m.requirement !== undefined);
  const materials = d.materials.length
    ? `<table class="materials"><caption>${esc(d.materialsTitle)}</caption><thead>` +
      row(
        '<th scope="col">序号</th>',
        '<th scope="col">材料名称</th>',
        '<th scope="col">情况</th>',
        withRequirement ? '<th scope="col">要求</th>' : '',
      ) +
      `</thead><tbody>${d.materials
        .map((m, i) =>
          row(
            `<td>${i + 1}</td>`,
            `<td>${esc(m.name)}</td>`,
            `<td>${esc(m.state)}</td>`,
            withRequirement ? `<td>${esc(m.requirement ?? '')}</td>` : '',
          ),
        )
        .join('')}</tbody></table>`
    : '';
  const signature = (who: string) =>
    who === '受理人'
      ? `<p>${esc(who)}：${esc(`${d.clerk.name}（${d.clerk.id}）`)}</p>`
      : `<p>${esc(who)}：${signedMark(printable)}</p>`;
  const training = d.training ? `<p class="training" role="note">${esc(TRAINING_MARK)}</p>` : '';
  return (
    `<article class="yc-document" data-kind="${esc(d.kind)}"${d.training ? ' data-training' : ''} aria-label="${esc(d.title)}">` +
    `<header>${training}<p class="hall">${esc(d.hall.name)}</p><h1>${esc(d.title)}</h1>` +
    `<p class="number">办件编号：${esc(d.caseNumber)}</p></header>` +
    `<table class="facts"><tbody>` +
    row(
      '<th scope="row">申请人</th>',
      `<td>${esc(d.applicant.name)}</td>`,
      `<th scope="row">${esc(d.applicant.idLabel)}</th>`,
      `<td>${esc(d.applicant.idMasked)}</td>`,
    ) +
    (d.proxy
      ? row(
          '<th scope="row">代理人</th>',
          `<td>${esc(`${d.proxy.name}（${d.proxy.relation}，${d.proxy.authorisation}）`)}</td>`,
          `<th scope="row">${esc(d.proxy.idLabel)}</th>`,
          `<td>${esc(d.proxy.idMasked)}</td>`,
        )
      : '') +
    row('<th scope="row">申请事项</th>', `<td colspan="3">${d.items.map(esc).join('；')}</td>`) +
    `</tbody></table>` +
    `<div class="statement">${d.paragraphs.map((p) => `<p>${esc(p)}</p>`).join('')}</div>` +
    materials +
    `<div class="signatures">${d.signatures.map(signature).join('')}</div>` +
    `<footer><div class="qr">${qr}</div><dl>` +
    `<dt>受理窗口</dt><dd>${esc(d.window.name === d.window.code ? d.window.code : `${d.window.name}（${d.window.code}）`)}</dd>` +
    `<dt>出具时间</dt><dd>${esc(d.issuedOn)} ${esc(chinaTime(d.issuedAt).slice(11))}</dd>` +
    `<dt>SHA-256</dt><dd class="digest">${digest}</dd>` +
    `</dl></footer></article>`
  );
}

/**
 * A whole HTML page of documents, each on its own A4 sheet, for a print frame. `title` names the print job.
 * @internal shared with {@link BrowserDocumentPrinter}
 */
export function documentsPage(documents: readonly PrintableDocument[], title: string): string {
  return (
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>` +
    `<style>@page { size: A4; margin: 0 } html, body { margin: 0; padding: 0; background: #fff; }` +
    `.yc-document { break-after: page; } .yc-document:last-child { break-after: auto; }` +
    `${DOCUMENT_STYLES}</style></head><body>${documents.map(documentHtml).join('')}</body></html>`
  );
}
