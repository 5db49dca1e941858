// Runs in Chromium (bundled and served by scripts/bench.mjs): the bundle merge of the largest demo bundle (一件事), the
// one set of materials the window asks for, against the obvious merge a peer would write in the same run.
import { mergeBundleMaterials, type Catalog, type MaterialRequirement } from '@yichuang/core';
import { percentileMs } from './percentile.mjs';

/** Calls timed together, so that one sample is well above the timer's resolution. */
const BATCH = 50;
const SAMPLES = 400;

/** The obvious merge: each item's materials appended unless one with the same id is already there (no facts kept). */
function naiveMerge(bundle: Catalog['bundles'][number], catalog: Catalog): MaterialRequirement[] {
  const merged: MaterialRequirement[] = [];
  for (const itemId of bundle.items) {
    const item = catalog.items.find((i) => i.id === itemId);
    for (const material of item?.materials ?? []) {
      if (!merged.some((m) => m.id === material.id)) merged.push(material);
    }
  }
  return merged;
}

function samples(work: () => unknown): number[] {
  for (let i = 0; i < BATCH * 20; i++) work();
  const out: number[] = [];
  for (let s = 0; s < SAMPLES; s++) {
    const started = performance.now();
    for (let i = 0; i < BATCH; i++) work();
    out.push((performance.now() - started) / BATCH);
  }
  return out;
}

export async function bundleMerge(): Promise<Record<string, number>> {
  const catalog = (await (await fetch('/catalog.json')).json()) as Catalog;
  const largest = [...catalog.bundles].sort((a, b) => b.items.length - a.items.length)[0]!;
  const ours = samples(() => mergeBundleMaterials(largest, catalog.items));
  const baseline = samples(() => naiveMerge(largest, catalog));
  return {
    'intake.bundle_merge.items': largest.items.length,
    'intake.bundle_merge.materials': mergeBundleMaterials(largest, catalog.items).length,
    'intake.bundle_merge.p50_ms': percentileMs(ours, 50),
    'intake.bundle_merge.p95_ms': percentileMs(ours, 95),
    'intake.bundle_merge.baseline_p95_ms': percentileMs(baseline, 95),
  };
}
