// The one definition of a percentile for every benchmark (in Chromium bundles and in Node alike).

/**
 * The nearest-rank p-th percentile (p from 0 to 100) of `samples`, which are not modified; NaN when there are none.
 *
 * @param {readonly number[]} samples
 * @param {number} p
 * @returns {number}
 */
export function percentile(samples, p) {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? NaN;
}

/**
 * {@link percentile} of samples in milliseconds, as reported: rounded to 0.001 ms.
 *
 * @param {readonly number[]} samples
 * @param {number} p
 * @returns {number}
 */
export function percentileMs(samples, p) {
  return Math.round(percentile(samples, p) * 1000) / 1000;
}
