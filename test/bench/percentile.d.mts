/** The nearest-rank p-th percentile (p from 0 to 100) of `samples`; NaN when there are none. */
export function percentile(samples: readonly number[], p: number): number;
/** {@link percentile} of samples in milliseconds, as reported: rounded to 0.001 ms. */
export function percentileMs(samples: readonly number[], p: number): number;
