// An independent reading of ISO/IEC 18004 (level M, versions 1–10), for the tests to read back the symbols the QR library draws.

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
 */
export function formatBits(levelBits: number, mask: number): number {
  const data = (levelBits << 3) | mask;
  return ((data << 10) | bchRemainder(data, 0b10100110111, 10)) ^ 0b101010000010010;
}

/**
 * The 18 version bits (versions 7 and up): 6 data bits and 12 BCH(18,6) bits.
 */
export function versionBits(version: number): number {
  return (version << 12) | bchRemainder(version, 0b1111100100101, 12);
}
