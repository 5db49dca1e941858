/**
 * SHA-256 hashes of the files a case (or draft) cites: its materials' scans and attachments, the images of the
 * signatures taken on the pad (the commitment letter's, the result's receipt).
 */
export function attachmentsOf(value: unknown): string[] {
  const record = value as { materials?: unknown; signatures?: unknown; handover?: unknown } | null;
  const out = new Set<string>();
  const add = (sha: unknown) => {
    if (typeof sha === 'string') out.add(sha.toLowerCase());
  };
  if (Array.isArray(record?.materials)) {
    for (const material of record.materials) {
      const list = (material as { attachments?: unknown } | null)?.attachments;
      if (Array.isArray(list)) list.forEach(add);
    }
  }
  if (Array.isArray(record?.signatures)) {
    for (const signature of record.signatures) add((signature as { image?: unknown } | null)?.image);
  }
  add((record?.handover as { image?: unknown } | null | undefined)?.image);
  return [...out];
}
