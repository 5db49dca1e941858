/**
 * A small QR Code encoder (ISO/IEC 18004) for the status link printed on a queue ticket: byte mode, error correction
 * level M, versions 1 to 10 (up to 213 bytes, far more than a status URL needs), the mask chosen by the standard's
 * penalty score. Written for Yichuang so the kiosk bundle carries no third-party encoder; it knows nothing of the DOM.
 * @module
 */

/** A QR symbol: `modules[row][column]`, `true` for a dark module; no quiet zone (renderers add it). */
export interface QrCode {
  /** 1 to 10; the symbol is `17 + 4 × version` modules wide. */
  readonly version: number;
  /** The data mask applied, 0 to 7. */
  readonly mask: number;
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

/** The largest version this encoder makes. */
export const QR_MAX_VERSION = 10;

/**
 * Error correction level M per version 1–10: EC codewords per block, then (blocks, data codewords per block) for
 * the one or two groups of blocks (ISO/IEC 18004 table 9).
 */
const BLOCKS_M: readonly (readonly number[])[] = [
  [10, 1, 16],
  [16, 1, 28],
  [26, 1, 44],
  [18, 2, 32],
  [24, 2, 43],
  [16, 4, 27],
  [18, 4, 31],
  [22, 2, 38, 2, 39],
  [22, 3, 36, 2, 37],
  [26, 4, 43, 1, 44],
];

/** Centres of the alignment patterns, per version (same list for rows and columns). */
const ALIGNMENT: readonly (readonly number[])[] = [
  [],
  [6, 18],
  [6, 22],
  [6, 26],
  [6, 30],
  [6, 34],
  [6, 22, 38],
  [6, 24, 42],
  [6, 26, 46],
  [6, 28, 50],
];

/** Format information of level M: its two indicator bits are `00`. */
const LEVEL_M_BITS = 0b00;

// GF(256) over the primitive polynomial x⁸ + x⁴ + x³ + x² + 1 (0x11D): exponent and logarithm tables.
const EXP = new Uint8Array(512);
const LOG = new Uint8Array(256);
for (let power = 0, value = 1; power < 255; power++) {
  EXP[power] = EXP[power + 255] = value;
  LOG[value] = power;
  value <<= 1;
  if (value & 0x100) value ^= 0x11d;
}

function gfMultiply(a: number, b: number): number {
  return a === 0 || b === 0 ? 0 : EXP[LOG[a]! + LOG[b]!]!;
}

/** Coefficients, highest degree first (leading 1 included), of ∏ (x − αⁱ) for i = 0 … degree − 1. */
function generatorPolynomial(degree: number): number[] {
  let poly = [1];
  for (let i = 0; i < degree; i++) {
    const next = new Array<number>(poly.length + 1).fill(0);
    poly.forEach((coefficient, j) => {
      next[j]! ^= coefficient;
      next[j + 1]! ^= gfMultiply(coefficient, EXP[i]!);
    });
    poly = next;
  }
  return poly;
}

/**
 * The Reed–Solomon error correction codewords of one block: the remainder of `data(x) · x^ecCount` divided by the
 * generator polynomial.
 * @internal exported for tests
 */
export function reedSolomon(data: ArrayLike<number>, ecCount: number): number[] {
  const generator = generatorPolynomial(ecCount);
  const remainder = new Array<number>(ecCount).fill(0);
  for (let i = 0; i < data.length; i++) {
    const factor = data[i]! ^ remainder.shift()!;
    remainder.push(0);
    for (let j = 0; j < ecCount; j++) remainder[j]! ^= gfMultiply(generator[j + 1]!, factor);
  }
  return remainder;
}

/** Remainder of `value · x^degree` divided by `generator` over GF(2) (BCH codes of the format and version bits). */
function bchRemainder(value: number, generator: number, degree: number): number {
  let remainder = value << degree;
  for (let bit = 31 - Math.clz32(remainder); bit >= degree; bit--) {
    if ((remainder >>> bit) & 1) remainder ^= generator << (bit - degree);
  }
  return remainder;
}

/**
 * The 15 format bits of a level and mask: 5 data bits, 10 BCH(15,5) bits, XOR 101010000010010.
 * @param levelBits `01` L, `00` M, `11` Q, `10` H.
 * @internal exported for tests
 */
export function formatBits(levelBits: number, mask: number): number {
  const data = (levelBits << 3) | mask;
  return ((data << 10) | bchRemainder(data, 0b10100110111, 10)) ^ 0b101010000010010;
}

/**
 * The 18 version bits (versions 7 and up): 6 data bits and 12 BCH(18,6) bits.
 * @internal exported for tests
 */
export function versionBits(version: number): number {
  return (version << 12) | bchRemainder(version, 0b1111100100101, 12);
}

/** Data and error correction codewords per block of a version at level M. */
function blocksOf(version: number): { ec: number; data: number[] } {
  const [ec, blocks1, data1, blocks2 = 0, data2 = 0] = BLOCKS_M[version - 1]!;
  return {
    ec: ec!,
    data: [...new Array<number>(blocks1!).fill(data1!), ...new Array<number>(blocks2).fill(data2)],
  };
}

/** Data codewords a version holds at level M. */
function dataCapacity(version: number): number {
  return blocksOf(version).data.reduce((sum, count) => sum + count, 0);
}

/** Bits of the character count in byte mode. */
function countBits(version: number): number {
  return version < 10 ? 8 : 16;
}

/** Data codewords: mode, count, the bytes, terminator, padding to the version's capacity. */
function dataCodewords(bytes: Uint8Array, version: number): number[] {
  const bits: number[] = [];
  const put = (value: number, length: number) => {
    for (let i = length - 1; i >= 0; i--) bits.push((value >>> i) & 1);
  };
  put(0b0100, 4);
  put(bytes.length, countBits(version));
  for (const byte of bytes) put(byte, 8);
  const capacity = dataCapacity(version) * 8;
  put(0, Math.min(4, capacity - bits.length));
  put(0, (8 - (bits.length % 8)) % 8);
  const codewords: number[] = [];
  for (let i = 0; i < bits.length; i += 8)
    codewords.push(bits.slice(i, i + 8).reduce((byte, bit) => (byte << 1) | bit));
  for (let pad = 0; codewords.length < capacity / 8; pad++) codewords.push(pad % 2 === 0 ? 0xec : 0x11);
  return codewords;
}

/** Splits the data codewords into blocks, adds each block's EC codewords and interleaves them. */
function interleave(data: number[], version: number): number[] {
  const { ec, data: sizes } = blocksOf(version);
  const blocks: number[][] = [];
  let offset = 0;
  for (const size of sizes) {
    blocks.push(data.slice(offset, offset + size));
    offset += size;
  }
  const corrections = blocks.map((block) => reedSolomon(block, ec));
  const out: number[] = [];
  for (let i = 0; i < Math.max(...sizes); i++) for (const block of blocks) if (i < block.length) out.push(block[i]!);
  for (let i = 0; i < ec; i++) for (const correction of corrections) out.push(correction[i]!);
  return out;
}

/** A matrix being built: the modules and which of them belong to function patterns (never masked). */
class Grid {
  readonly dark: boolean[][];
  readonly reserved: boolean[][];
  constructor(readonly size: number) {
    this.dark = Array.from({ length: size }, () => new Array<boolean>(size).fill(false));
    this.reserved = Array.from({ length: size }, () => new Array<boolean>(size).fill(false));
  }
  set(row: number, column: number, dark: boolean): void {
    this.dark[row]![column] = dark;
    this.reserved[row]![column] = true;
  }
}

/** Finder patterns with separators, timing patterns, alignment patterns, the dark module; format and version areas. */
function drawFunctionPatterns(grid: Grid, version: number): void {
  const { size } = grid;
  for (const [top, left] of [
    [0, 0],
    [0, size - 7],
    [size - 7, 0],
  ] as const) {
    for (let dy = -1; dy <= 7; dy++) {
      for (let dx = -1; dx <= 7; dx++) {
        const row = top + dy;
        const column = left + dx;
        if (row < 0 || row >= size || column < 0 || column >= size) continue;
        const ring = Math.max(Math.abs(dy - 3), Math.abs(dx - 3));
        grid.set(row, column, ring !== 2 && ring !== 4);
      }
    }
  }
  for (let i = 8; i < size - 8; i++) {
    grid.set(6, i, i % 2 === 0);
    grid.set(i, 6, i % 2 === 0);
  }
  const centres = ALIGNMENT[version - 1]!;
  const last = centres[centres.length - 1];
  for (const row of centres) {
    for (const column of centres) {
      // The three corners taken by finder patterns.
      if ((row === 6 && (column === 6 || column === last)) || (row === last && column === 6)) continue;
      for (let dy = -2; dy <= 2; dy++) {
        for (let dx = -2; dx <= 2; dx++) grid.set(row + dy, column + dx, Math.max(Math.abs(dy), Math.abs(dx)) !== 1);
      }
    }
  }
  // Reserve the format areas now (written after masking); the dark module sits above the bottom-left one.
  drawFormat(grid, 0);
  grid.set(size - 8, 8, true);
  if (version >= 7) {
    const bits = versionBits(version);
    for (let i = 0; i < 18; i++) {
      const dark = ((bits >>> i) & 1) === 1;
      const near = Math.floor(i / 3);
      const far = size - 11 + (i % 3);
      grid.set(near, far, dark);
      grid.set(far, near, dark);
    }
  }
}

/** Writes the 15 format bits twice: around the top-left finder, and split between the other two. */
function drawFormat(grid: Grid, bits: number): void {
  const { size } = grid;
  const bit = (i: number) => ((bits >>> i) & 1) === 1;
  // Copy 1: up column 8 (rows 0–5, 7, 8), then left along row 8 (columns 7, 5–0); bit 0 at the top.
  const column8 = [0, 1, 2, 3, 4, 5, 7, 8];
  column8.forEach((row, i) => grid.set(row, 8, bit(i)));
  [7, 5, 4, 3, 2, 1, 0].forEach((column, i) => grid.set(8, column, bit(8 + i)));
  // Copy 2: bits 0–7 along row 8 from the right edge leftwards, bits 8–14 down column 8 to the bottom edge.
  for (let i = 0; i < 8; i++) grid.set(8, size - 1 - i, bit(i));
  for (let i = 8; i < 15; i++) grid.set(size - 15 + i, 8, bit(i));
}

/** Places the codewords in two-module-wide columns, right to left, alternately upwards and downwards. */
function placeCodewords(grid: Grid, codewords: number[]): void {
  const { size } = grid;
  const total = codewords.length * 8;
  let index = 0;
  let upward = true;
  for (let right = size - 1; right > 0; right -= 2) {
    if (right === 6) right = 5; // the vertical timing pattern is skipped whole
    for (let step = 0; step < size; step++) {
      const row = upward ? size - 1 - step : step;
      for (const column of [right, right - 1]) {
        if (grid.reserved[row]![column]) continue;
        // Modules past the last codeword (remainder bits) stay light before masking.
        if (index < total) grid.dark[row]![column] = ((codewords[index >>> 3]! >>> (7 - (index & 7))) & 1) === 1;
        index++;
      }
    }
    upward = !upward;
  }
}

/** The eight data mask conditions: a module is inverted where its condition holds. */
const MASKS: readonly ((row: number, column: number) => boolean)[] = [
  (r, c) => (r + c) % 2 === 0,
  (r) => r % 2 === 0,
  (_r, c) => c % 3 === 0,
  (r, c) => (r + c) % 3 === 0,
  (r, c) => (Math.floor(r / 2) + Math.floor(c / 3)) % 2 === 0,
  (r, c) => ((r * c) % 2) + ((r * c) % 3) === 0,
  (r, c) => (((r * c) % 2) + ((r * c) % 3)) % 2 === 0,
  (r, c) => (((r + c) % 2) + ((r * c) % 3)) % 2 === 0,
];

function applyMask(grid: Grid, mask: number): void {
  const condition = MASKS[mask]!;
  for (let row = 0; row < grid.size; row++) {
    for (let column = 0; column < grid.size; column++) {
      if (!grid.reserved[row]![column] && condition(row, column)) {
        grid.dark[row]![column] = !grid.dark[row]![column];
      }
    }
  }
}

const FINDER_LIKE = [
  [true, false, true, true, true, false, true, false, false, false, false],
  [false, false, false, false, true, false, true, true, true, false, true],
];

/**
 * The standard's penalty of a masked symbol: runs of five or more (N1 = 3, +1 per extra module), 2×2 blocks of one
 * colour (N2 = 3 each), finder-like 1:1:3:1:1 patterns with four light modules on one side (N3 = 40 each), and the
 * distance of the dark share from 50 % (N4 = 10 per 5 %).
 * @internal exported for tests
 */
export function penalty(modules: readonly (readonly boolean[])[]): number {
  const size = modules.length;
  const at = (row: number, column: number, transpose: boolean) =>
    transpose ? modules[column]![row]! : modules[row]![column]!;
  let score = 0;
  for (const transpose of [false, true]) {
    for (let line = 0; line < size; line++) {
      let run = 1;
      for (let i = 1; i <= size; i++) {
        if (i < size && at(line, i, transpose) === at(line, i - 1, transpose)) {
          run++;
        } else {
          if (run >= 5) score += 3 + (run - 5);
          run = 1;
        }
      }
      for (let i = 0; i + 11 <= size; i++) {
        for (const pattern of FINDER_LIKE) {
          if (pattern.every((dark, k) => at(line, i + k, transpose) === dark)) score += 40;
        }
      }
    }
  }
  let darkCount = 0;
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) {
      const dark = modules[row]![column]!;
      if (dark) darkCount++;
      if (
        row + 1 < size &&
        column + 1 < size &&
        modules[row]![column + 1] === dark &&
        modules[row + 1]![column] === dark &&
        modules[row + 1]![column + 1] === dark
      ) {
        score += 3;
      }
    }
  }
  const total = size * size;
  score += Math.floor(Math.abs(darkCount * 100 - total * 50) / (total * 5)) * 10;
  return score;
}

/**
 * Encodes text (as UTF-8) or bytes as a QR symbol at error correction level M, in the smallest version from
 * `minVersion` to 10 that holds it.
 * @throws RangeError when the data does not fit in version 10 (213 bytes), or an option is out of range.
 * @example encodeQr('https://hall.example/t/A012').size // 29 (version 3)
 */
export function encodeQr(data: string | Uint8Array, options: QrOptions = {}): QrCode {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const { minVersion = 1, mask: forcedMask } = options;
  if (!Number.isInteger(minVersion) || minVersion < 1 || minVersion > QR_MAX_VERSION) {
    throw new RangeError(`minVersion: a whole number from 1 to ${QR_MAX_VERSION}, not ${minVersion}`);
  }
  if (forcedMask !== undefined && !(Number.isInteger(forcedMask) && forcedMask >= 0 && forcedMask <= 7)) {
    throw new RangeError(`mask: a whole number from 0 to 7, not ${forcedMask}`);
  }
  let version = minVersion;
  while (4 + countBits(version) + bytes.length * 8 > dataCapacity(version) * 8) {
    if (++version > QR_MAX_VERSION) {
      throw new RangeError(`Too long for a QR code up to version ${QR_MAX_VERSION}: ${bytes.length} bytes`);
    }
  }
  const codewords = interleave(dataCodewords(bytes, version), version);
  const build = (mask: number) => {
    const grid = new Grid(17 + 4 * version);
    drawFunctionPatterns(grid, version);
    placeCodewords(grid, codewords);
    applyMask(grid, mask);
    drawFormat(grid, formatBits(LEVEL_M_BITS, mask));
    return grid;
  };
  let best: { grid: Grid; mask: number; score: number } | undefined;
  for (const mask of forcedMask === undefined ? [0, 1, 2, 3, 4, 5, 6, 7] : [forcedMask]) {
    const grid = build(mask);
    const score = penalty(grid.dark);
    if (!best || score < best.score) best = { grid, mask, score };
  }
  const { grid, mask } = best!;
  return { version, mask, size: grid.size, modules: grid.dark };
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
