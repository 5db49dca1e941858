import type { HallSeed } from '../engine/seed.js';

/**
 * The demo hall (`DEMO_HALL` of `@yichuang/demo-catalog`) with the demo catalog as built, pinyin included (so that
 * `ylbx` finds 医疗保险 on every hall), for the hall server (`HALL_SEED=demo`) and the hall inside one browser alike.
 * Imported on demand, so that a bundle without the demo does not carry the demo catalog.
 */
export async function demoHallSeed(): Promise<HallSeed> {
  const [{ DEMO_HALL }, { default: catalog }] = await Promise.all([
    import('@yichuang/demo-catalog'),
    import('@yichuang/demo-catalog/catalog.js'),
  ]);
  return { ...DEMO_HALL, catalog };
}
