import type { Bundle, MaterialRequirement, ServiceItem } from './item.js';

/** What {@link mergeItemMaterials} needs of an item. */
export type MergeableItem = Pick<ServiceItem, 'id' | 'highRisk' | 'materials'>;

/** A material asked for once for several items (一件事: one set of materials). */
export interface MergedMaterial {
  /** The requirement as the first item that lists it states it (name, form, standard …). */
  material: MaterialRequirement;
  /** Every item that lists this material, in order. */
  itemIds: string[];
  /** Required if any item requires it. */
  necessity: 'required' | 'optional';
  /**
   * May be missing at intake (容缺) only if every item that requires it tolerates it and none of them is high-risk.
   * For a material no item requires, the same test over every item that lists it.
   */
  tolerable: boolean;
  /** The most paper copies any item asks for. */
  copies: number;
}

/** Why a bundle's materials could not be merged. */
export class BundleMergeError extends Error {
  override readonly name = 'BundleMergeError';
  constructor(
    readonly code: 'missing-item' | 'duplicate-item',
    readonly bundleId: string,
    readonly itemId: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Merges the materials of several items by material identity (`MaterialRequirement.id`), in order of first
 * appearance (items in the given order, each item's materials in its order).
 */
export function mergeItemMaterials(items: readonly MergeableItem[]): MergedMaterial[] {
  const byId = new Map<
    string,
    { material: MaterialRequirement; listing: { item: MergeableItem; req: MaterialRequirement }[] }
  >();
  for (const item of items) {
    for (const req of item.materials) {
      let entry = byId.get(req.id);
      if (!entry) {
        entry = { material: req, listing: [] };
        byId.set(req.id, entry);
      }
      entry.listing.push({ item, req });
    }
  }
  return [...byId.values()].map(({ material, listing }) => {
    const requiring = listing.filter((l) => l.req.necessity === 'required');
    const deciding = requiring.length > 0 ? requiring : listing;
    return {
      material,
      itemIds: [...new Set(listing.map((l) => l.item.id))],
      necessity: requiring.length > 0 ? 'required' : 'optional',
      tolerable: deciding.every((l) => l.req.tolerable && !l.item.highRisk),
      copies: Math.max(...listing.map((l) => l.req.copies)),
    };
  });
}

/**
 * The one set of materials of a bundle (一件事): each material once, traceable to the bundle items that need it.
 *
 * @param items the catalog's items (at least the bundle's; others are ignored).
 * @throws BundleMergeError if a bundle item is not among `items`, or appears there more than once.
 */
export function mergeBundleMaterials(
  bundle: Pick<Bundle, 'id' | 'name' | 'items'>,
  items: readonly ServiceItem[],
): MergedMaterial[] {
  const picked: ServiceItem[] = [];
  for (const itemId of new Set(bundle.items)) {
    const found = items.filter((i) => i.id === itemId);
    const [first] = found;
    if (!first) {
      throw new BundleMergeError(
        'missing-item',
        bundle.id,
        itemId,
        `bundle "${bundle.name}" (${bundle.id}) includes item ${itemId}, which is not among the items given`,
      );
    }
    if (found.length > 1) {
      throw new BundleMergeError(
        'duplicate-item',
        bundle.id,
        itemId,
        `bundle "${bundle.name}" (${bundle.id}): item ${itemId} is given ${found.length} times; pass one version of each item`,
      );
    }
    picked.push(first);
  }
  return mergeItemMaterials(picked);
}
