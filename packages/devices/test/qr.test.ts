import { expect } from '@open-wc/testing';
import { encodeQr, qrSvg, qrSvgPath, type QrCode } from '@yichuang/devices';
import { formatBits, reedSolomon, versionBits } from './support/qr-reference.js';

/** ISO/IEC 18004 table 9, level M: [EC codewords per block, blocks, data per block, blocks, data per block]. */
const BLOCKS_M = [
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
/** Byte-mode capacity at level M, versions 1–10 (ISO/IEC 18004 table 7). */
const BYTE_CAPACITY_M = [14, 26, 42, 62, 84, 106, 122, 152, 180, 213];

const bit = (value: number, i: number) => ((value >>> i) & 1) === 1;
const hamming = (a: number, b: number) => [...(a ^ b).toString(2)].filter((digit) => digit === '1').length;

/** Alignment centres as the standard lays them out: first at 6, last at size − 7, evenly spaced (even steps). */
function alignmentCentres(version: number): number[] {
  if (version === 1) return [];
  const count = Math.floor(version / 7) + 2;
  const last = 4 * version + 10;
  const step = Math.ceil((last - 6) / (count - 1) / 2) * 2;
  return [6, ...Array.from({ length: count - 1 }, (_, i) => last - (count - 2 - i) * step)];
}

/** Which modules belong to function patterns, derived here independently of the encoder. */
function functionModules(version: number): boolean[][] {
  const size = 17 + 4 * version;
  const taken = Array.from({ length: size }, () => new Array<boolean>(size).fill(false));
  const box = (top: number, left: number, height: number, width: number) => {
    for (let r = top; r < top + height; r++) for (let c = left; c < left + width; c++) taken[r]![c] = true;
  };
  box(0, 0, 9, 9);
  box(0, size - 8, 9, 8);
  box(size - 8, 0, 8, 9);
  box(6, 0, 1, size);
  box(0, 6, size, 1);
  const centres = alignmentCentres(version);
  const last = size - 7;
  for (const r of centres) {
    for (const c of centres) {
      const finder = (r === 6 && (c === 6 || c === last)) || (r === last && c === 6);
      if (!finder) box(r - 2, c - 2, 5, 5);
    }
  }
  if (version >= 7) {
    box(0, size - 11, 6, 3);
    box(size - 11, 0, 3, 6);
  }
  return taken;
}

/** Reads a symbol back: format, unmasking, codewords in placement order, blocks, RS check, byte-mode payload. */
function readBack(code: QrCode): { mask: number; text: string; ecValid: boolean } {
  const { size, modules, version } = code;
  let format = 0;
  [0, 1, 2, 3, 4, 5, 7, 8].forEach((r, i) => (format |= Number(modules[r]![8]) << i));
  [7, 5, 4, 3, 2, 1, 0].forEach((c, i) => (format |= Number(modules[8]![c]) << (8 + i)));
  let second = 0;
  for (let i = 0; i < 8; i++) second |= Number(modules[8]![size - 1 - i]) << i;
  for (let i = 8; i < 15; i++) second |= Number(modules[size - 15 + i]![8]) << i;
  expect(second, 'both copies of the format information').to.equal(format);
  const mask = ((format ^ 0b101010000010010) >>> 10) & 0b111;
  expect(format).to.equal(formatBits(0, mask));
  const masked = (r: number, c: number) =>
    [
      (r + c) % 2 === 0,
      r % 2 === 0,
      c % 3 === 0,
      (r + c) % 3 === 0,
      (Math.floor(r / 2) + Math.floor(c / 3)) % 2 === 0,
      ((r * c) % 2) + ((r * c) % 3) === 0,
      (((r * c) % 2) + ((r * c) % 3)) % 2 === 0,
      (((r + c) % 2) + ((r * c) % 3)) % 2 === 0,
    ][mask];
  const taken = functionModules(version);
  const bits: number[] = [];
  let direction = -1;
  for (let c = size - 1; c >= 1; c -= 2) {
    if (c === 6) c = 5;
    for (let k = 0; k < size; k++) {
      const r = direction < 0 ? size - 1 - k : k;
      for (const cc of [c, c - 1]) if (!taken[r]![cc]) bits.push(Number(modules[r]![cc] !== masked(r, cc)));
    }
    direction = -direction;
  }
  const codewords: number[] = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) codewords.push(parseInt(bits.slice(i, i + 8).join(''), 2));
  const [ec, b1, d1, b2 = 0, d2 = 0] = BLOCKS_M[version - 1]!;
  const sizes = [...new Array(b1).fill(d1), ...new Array(b2).fill(d2)] as number[];
  expect(codewords.length, 'codewords the symbol holds').to.equal(
    sizes.reduce((a, b) => a + b, 0) + ec! * sizes.length,
  );
  const blocks = sizes.map(() => [] as number[]);
  let at = 0;
  for (let i = 0; i < Math.max(...sizes); i++) sizes.forEach((n, b) => i < n && blocks[b]!.push(codewords[at++]!));
  const corrections = sizes.map(() => [] as number[]);
  for (let i = 0; i < ec!; i++) sizes.forEach((_, b) => corrections[b]!.push(codewords[at++]!));
  const ecValid = blocks.every((block, b) => reedSolomon(block, ec!).join() === corrections[b]!.join());
  const data = blocks.flat().flatMap((byte) => [...byte.toString(2).padStart(8, '0')].map(Number));
  const read = (from: number, length: number) => parseInt(data.slice(from, from + length).join(''), 2);
  expect(read(0, 4), 'byte mode').to.equal(0b0100);
  const countLength = version < 10 ? 8 : 16;
  const count = read(4, countLength);
  const bytes = Uint8Array.from({ length: count }, (_, i) => read(4 + countLength + 8 * i, 8));
  return { mask, text: new TextDecoder().decode(bytes), ecValid };
}

describe('the QR codes printed on tickets and documents', () => {
  it('reads them back with a reference whose Reed–Solomon code is the standard’s worked example (1-M “HELLO WORLD”)', () => {
    const data = [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17];
    expect(reedSolomon(data, 10)).to.deep.equal([196, 35, 39, 119, 235, 215, 231, 226, 93, 23]);
  });

  it('reads them back with a reference whose format bits carry their BCH code: known values, and every two codes 7 bits apart', () => {
    expect(formatBits(0b00, 0)).to.equal(0b101010000010010);
    expect(formatBits(0b01, 4)).to.equal(0b110011000101111);
    expect(formatBits(0b00, 5)).to.equal(0b100000011001110);
    const all = Array.from({ length: 32 }, (_, data) => formatBits(data >>> 3, data & 7));
    for (const a of all) for (const b of all) if (a !== b) expect(hamming(a, b)).to.be.at.least(7);
  });

  it('reads them back with a reference whose version bits carry their BCH code (versions 7–10 as in the standard’s table)', () => {
    expect([7, 8, 9, 10].map(versionBits)).to.deep.equal([0x07c94, 0x085bc, 0x09a99, 0x0a4d3]);
  });

  it('picks the smallest version that holds the data, up to 213 bytes in version 10', () => {
    BYTE_CAPACITY_M.forEach((capacity, i) => {
      expect(encodeQr('x'.repeat(capacity)).version).to.equal(i + 1);
      if (i < 9) expect(encodeQr('x'.repeat(capacity + 1)).version).to.equal(i + 2);
    });
    expect(() => encodeQr('x'.repeat(214))).to.throw(RangeError, /version 10/);
    expect(encodeQr('A012', { minVersion: 3 }).version).to.equal(3);
    expect(encodeQr(new Uint8Array([0, 255])).version).to.equal(1);
  });

  it('refuses options out of range', () => {
    expect(() => encodeQr('A', { minVersion: 0 })).to.throw(RangeError, /minVersion/);
    expect(() => encodeQr('A', { minVersion: 11 })).to.throw(RangeError, /minVersion/);
    expect(() => encodeQr('A', { mask: 8 })).to.throw(RangeError, /mask/);
    expect(() => encodeQr('A', { mask: 1.5 })).to.throw(RangeError, /mask/);
  });

  it('draws finder, separator, timing and alignment patterns, the dark module and the version information', () => {
    for (let version = 1; version <= 10; version++) {
      const code = encodeQr('A012', { minVersion: version });
      const { size, modules } = code;
      expect(size).to.equal(17 + 4 * version);
      expect(modules.length).to.equal(size);
      for (const [top, left] of [
        [0, 0],
        [0, size - 7],
        [size - 7, 0],
      ] as const) {
        for (let dy = -1; dy <= 7; dy++) {
          for (let dx = -1; dx <= 7; dx++) {
            const r = top + dy;
            const c = left + dx;
            if (r < 0 || c < 0 || r >= size || c >= size) continue;
            const ring = Math.max(Math.abs(dy - 3), Math.abs(dx - 3));
            expect(modules[r]![c], `finder ${top},${left} at ${dy},${dx}`).to.equal(ring <= 1 || ring === 3);
          }
        }
      }
      for (let i = 8; i < size - 8; i++) {
        expect(modules[6]![i]).to.equal(i % 2 === 0);
        expect(modules[i]![6]).to.equal(i % 2 === 0);
      }
      expect(modules[size - 8]![8], 'dark module').to.equal(true);
      const centres = alignmentCentres(version);
      for (const r of centres) {
        for (const c of centres) {
          if ((r === 6 && c === 6) || (r === 6 && c === size - 7) || (r === size - 7 && c === 6)) continue;
          for (let dy = -2; dy <= 2; dy++) {
            for (let dx = -2; dx <= 2; dx++) {
              expect(modules[r + dy]![c + dx], `alignment ${r},${c}`).to.equal(
                Math.max(Math.abs(dy), Math.abs(dx)) !== 1,
              );
            }
          }
        }
      }
      if (version >= 7) {
        const expected = versionBits(version);
        for (let i = 0; i < 18; i++) {
          expect(modules[Math.floor(i / 3)]![size - 11 + (i % 3)]).to.equal(bit(expected, i));
          expect(modules[size - 11 + (i % 3)]![Math.floor(i / 3)]).to.equal(bit(expected, i));
        }
      }
    }
  });

  it('reads back what it encoded, every version and mask, with valid error correction', () => {
    const texts = ['https://hall.example.gov.cn/q/A012?t=7KQ2', '请 A012 号到 5 号窗口办理', 'x'.repeat(200)];
    for (let version = 1; version <= 10; version++) {
      for (let mask = 0; mask < 8; mask++) {
        const text =
          texts.find((candidate) => new TextEncoder().encode(candidate).length <= BYTE_CAPACITY_M[version - 1]!) ??
          'A012';
        const code = encodeQr(text, { minVersion: version, mask });
        expect(code.version).to.equal(version);
        expect(readBack(code)).to.deep.equal({ mask, text, ecValid: true });
      }
    }
  });

  it('renders dark modules as SVG rectangles, horizontal runs merged, inside a quiet zone', () => {
    const code: QrCode = {
      version: 1,
      size: 3,
      modules: [
        [true, true, false],
        [false, false, false],
        [true, false, true],
      ],
    };
    expect(qrSvgPath(code, 4)).to.equal('M4 4h2v1h-2zM4 6h1v1h-1zM6 6h1v1h-1z');
    const svg = qrSvg(code, 'status <page> & "queue"');
    expect(svg).to.contain('viewBox="0 0 11 11"');
    expect(svg).to.contain('aria-label="status &#60;page&#62; &#38; &#34;queue&#34;"');
    const parsed = new DOMParser().parseFromString(svg, 'image/svg+xml');
    expect(parsed.querySelector('parsererror')).to.equal(null);
    expect(parsed.querySelector('path')!.getAttribute('d')).to.equal(qrSvgPath(code, 4));
  });

  it('is decoded by the platform’s BarcodeDetector, where the browser has one for QR codes', async function () {
    const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorLike }).BarcodeDetector;
    const formats = Detector ? await Detector.getSupportedFormats() : [];
    if (!Detector || !formats.includes('qr_code')) {
      // Chromium ships BarcodeDetector on macOS, ChromeOS and Android only; Linux has no backend.
      this.skip();
    }
    const text = 'https://hall.example.gov.cn/q/A012?t=7KQ2';
    const code = encodeQr(text);
    const image = new Image();
    image.src = `data:image/svg+xml,${encodeURIComponent(qrSvg(code, 'QR'))}`;
    image.width = image.height = (code.size + 8) * 8;
    await image.decode();
    const found = await new Detector!({ formats: ['qr_code'] }).detect(image);
    expect(found.map((barcode) => barcode.rawValue)).to.deep.equal([text]);
  });
});

interface BarcodeDetectorLike {
  new (options: { formats: string[] }): { detect(image: ImageBitmapSource): Promise<{ rawValue: string }[]> };
  getSupportedFormats(): Promise<string[]>;
}
