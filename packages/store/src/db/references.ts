/** SHA-256 hashes referenced by a case's (or draft's) materials. */
export function attachmentsOf(value: unknown): string[] {
  const materials = (value as { materials?: unknown } | null)?.materials;
  if (!Array.isArray(materials)) return [];
  const out = new Set<string>();
  for (const material of materials) {
    const list = (material as { attachments?: unknown } | null)?.attachments;
    if (Array.isArray(list)) for (const sha of list) if (typeof sha === 'string') out.add(sha.toLowerCase());
  }
  return [...out];
}
