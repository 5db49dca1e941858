import type { Catalog } from '@yichuang/core';
import type { HallClient } from '@yichuang/hall-client';
import type { WorkstationStore } from '@yichuang/store';

/**
 * The hall's catalog for a workstation, kept for offline: the version this PC holds is asked of the hall (which answers
 * nothing new, or the new version, stored at once with its holidays); while the hall is away the kept version serves.
 *
 * @throws the hall's error when the hall cannot be reached and this PC never kept a catalog.
 */
export async function hallCatalog(
  hall: Pick<HallClient, 'catalog'>,
  store: Pick<WorkstationStore, 'catalog' | 'saveCatalog' | 'saveCalendar'>,
): Promise<Catalog> {
  const kept = await store.catalog();
  try {
    const fresh = await hall.catalog(kept?.version);
    if (!fresh) return kept!.catalog;
    await store.saveCatalog(fresh);
    await store.saveCalendar(fresh.holidays);
    return fresh.catalog;
  } catch (error) {
    if (kept) return kept.catalog;
    throw error;
  }
}
