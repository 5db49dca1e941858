import { correction, generate, mode, type Mask } from 'lean-qr';

/**
 * QR codes for the status links Yichuang prints (queue tickets, intake documents): byte mode, error correction level
 * M, versions 1 to 10 (up to 213 bytes, far more than a status URL needs), the mask chosen by the standard's penalty
 * score. The symbol comes from the `lean-qr` library; this module fixes the options a hall needs and draws the
 * symbol as SVG. It knows nothing of the DOM.
 * @module
 */

/** A QR symbol: `modules[row][column]`, `true` for a dark module; no quiet zone (renderers add it). */
export interface QrCode {
  /** 1 to 10; the symbol is `17 + 4 × version` modules wide. */
  readonly version: number;
  /** Modules per side. */
  readonly size: number;
  readonly modules: readonly (readonly boolean[])[];
}

/** Options of {@link encodeQr}. */
export interface QrOptions {
  /** Smallest version to use (default 1): a fixed size for every ticket. */
  minVersion?: number;
  /** Force a mask (0–7) instead of choosing the one with the lowest penalty; for tests. */
  mask?: number;
}

/** The largest version made: a status link never needs more, and a small symbol prints clearly on a ticket. */
export const QR_MAX_VERSION = 10;

/**
 * Encodes text (as UTF-8) or bytes as a QR symbol at error correction level M, in the smallest version from
 * `minVersion` to 10 that holds it.
 * @throws RangeError when the data does not fit in version 10 (213 bytes), or an option is out of range.
 * @example encodeQr('https://hall.example/t/A012').size // 29 (version 3)
 */
export function encodeQr(data: string | Uint8Array, options: QrOptions = {}): QrCode {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const { minVersion = 1, mask } = options;
  if (!Number.isInteger(minVersion) || minVersion < 1 || minVersion > QR_MAX_VERSION) {
    throw new RangeError(`minVersion: a whole number from 1 to ${QR_MAX_VERSION}, not ${minVersion}`);
  }
  if (mask !== undefined && !(Number.isInteger(mask) && mask >= 0 && mask <= 7)) {
    throw new RangeError(`mask: a whole number from 0 to 7, not ${mask}`);
  }
  let bitmap;
  try {
    bitmap = generate(mode.bytes(bytes), {
      minCorrectionLevel: correction.M,
      maxCorrectionLevel: correction.M,
      minVersion,
      maxVersion: QR_MAX_VERSION,
      mask: mask === undefined ? null : (mask as Mask),
    });
  } catch {
    throw new RangeError(`Too long for a QR code up to version ${QR_MAX_VERSION}: ${bytes.length} bytes`);
  }
  const { size } = bitmap;
  const modules = Array.from({ length: size }, (_, row) =>
    Array.from({ length: size }, (_, column) => bitmap.get(column, row)),
  );
  return { version: (size - 17) / 4, size, modules };
}

/**
 * An SVG path (`d`) drawing the dark modules of a symbol, one unit per module, shifted by `quietZone` modules so
 * the symbol sits inside a `viewBox` of `size + 2 × quietZone`. Horizontal runs are merged into one rectangle each.
 */
export function qrSvgPath(code: QrCode, quietZone = 4): string {
  let path = '';
  code.modules.forEach((row, y) => {
    for (let x = 0; x < row.length; x++) {
      if (!row[x]) continue;
      let end = x;
      while (row[end + 1]) end++;
      path += `M${x + quietZone} ${y + quietZone}h${end - x + 1}v1h${x - end - 1}z`;
      x = end;
    }
  });
  return path;
}

/**
 * A whole SVG element for a symbol: black modules on a white square including the quiet zone (four modules by
 * default, as the standard asks), sized by its container (`width: 100%` of whatever holds it).
 * @param label Accessible name of the image (`aria-label`).
 */
export function qrSvg(code: QrCode, label: string, quietZone = 4): string {
  const side = code.size + 2 * quietZone;
  const escaped = label.replace(/[&<>"]/g, (char) => `&#${char.charCodeAt(0)};`);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}" role="img" aria-label="${escaped}" ` +
    `shape-rendering="crispEdges"><rect width="${side}" height="${side}" fill="#fff"/>` +
    `<path fill="#000" d="${qrSvgPath(code, quietZone)}"/></svg>`
  );
}
