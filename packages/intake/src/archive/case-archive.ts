import { isCaseNumber, sha256Hex, type Case, type CaseDocumentKind } from '@yichuang/core';
import { documentsPage, type PrintableDocument } from '@yichuang/devices';

/** The format named in every archive's manifest. */
export const CASE_ARCHIVE_FORMAT = 'yichuang-case-archive@1';

/** A file of a case archive, as its manifest lists it. */
export interface CaseArchiveFile {
  /** Path inside the zip. */
  path: string;
  /** SHA-256 (hex) of the file's bytes. */
  sha256: string;
  bytes: number;
  kind: 'case' | 'document' | 'attachment';
  /** For a document: which one, and the digest printed at its foot (of its words). */
  document?: { kind: CaseDocumentKind; contentDigest: string };
  /** For an attachment: the materials it was received for. */
  materialIds?: string[];
}

/** `manifest.json` of a case archive: what the case is, and every other file with its hash. */
export interface CaseArchiveManifest {
  format: typeof CASE_ARCHIVE_FORMAT;
  caseId: string;
  caseNumber: string;
  hall: string;
  window: string;
  status: Case['status'];
  /** When the archive was made (ISO 8601). */
  createdAt: string;
  files: CaseArchiveFile[];
}

/** What goes into an archive. */
export interface CaseArchiveInput {
  case: Case;
  /** The case's documents, as printed. */
  documents: readonly PrintableDocument[];
  /** The file stored for an attachment's SHA-256 (the workstation store's `getAttachment`). */
  attachment: (sha256: string) => Promise<Blob | undefined>;
  /** When the archive is made; now by default. */
  createdAt?: string;
}

/** An archive that cannot be made whole: an attachment the case names is not on this workstation. */
export class CaseArchiveIncompleteError extends Error {
  override readonly name = 'CaseArchiveIncompleteError';
  constructor(readonly missing: readonly string[]) {
    super(`The case's attachments ${missing.join(', ')} are not on this workstation; the archive would be incomplete.`);
  }
}

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'application/pdf': 'pdf',
};

/**
 * A case's archive package (办件归档包): one zip with `manifest.json`, the case as recorded (`case.json`), each
 * document as an HTML page that prints as it did (`documents/`), and every attachment of its materials
 * (`attachments/`), each file listed in the manifest with its SHA-256 and size. Personal data is in it (the case
 * record), so it is meant for the hall's archive system, not for a shared folder. The zip library loads on first use.
 * @throws CaseArchiveIncompleteError when an attachment the case names is not in the store.
 */
export async function caseArchive(
  input: CaseArchiveInput,
): Promise<{ zip: Uint8Array; manifest: CaseArchiveManifest }> {
  const kase = input.case;
  if (!isCaseNumber(kase.number)) throw new RangeError(`Not a case number: ${kase.number}`);
  const encoder = new TextEncoder();
  const entries: {
    file: Omit<CaseArchiveFile, 'sha256' | 'bytes'>;
    bytes: Uint8Array<ArrayBuffer>;
    stored: boolean;
  }[] = [];
  entries.push({
    file: { path: 'case.json', kind: 'case' },
    bytes: encoder.encode(JSON.stringify(kase, null, 2)),
    stored: false,
  });
  input.documents.forEach((printable, i) => {
    const { document, digest } = printable;
    entries.push({
      file: {
        path: `documents/${String(i + 1).padStart(2, '0')}-${document.kind}.html`,
        kind: 'document',
        document: { kind: document.kind, contentDigest: digest },
      },
      bytes: encoder.encode(documentsPage([printable], `${document.caseNumber} ${document.title}`)),
      stored: false,
    });
  });
  const byHash = new Map<string, string[]>();
  for (const material of kase.materials) {
    for (const hash of material.attachments ?? []) byHash.set(hash, [...(byHash.get(hash) ?? []), material.materialId]);
  }
  const missing: string[] = [];
  for (const [hash, materialIds] of byHash) {
    const blob = await input.attachment(hash);
    if (!blob) {
      missing.push(hash);
      continue;
    }
    const bytes = new Uint8Array(await blob.arrayBuffer());
    const extension = EXTENSIONS[blob.type] ?? 'bin';
    // Images and PDFs are compressed already: stored as they are.
    entries.push({
      file: { path: `attachments/${hash}.${extension}`, kind: 'attachment', materialIds },
      bytes,
      stored: true,
    });
  }
  if (missing.length) throw new CaseArchiveIncompleteError(missing);
  const files = await Promise.all(
    entries.map(async ({ file, bytes }) => ({ ...file, sha256: await sha256Hex(bytes), bytes: bytes.length })),
  );
  const manifest: CaseArchiveManifest = {
    format: CASE_ARCHIVE_FORMAT,
    caseId: kase.id,
    caseNumber: kase.number,
    hall: kase.hall,
    window: kase.window,
    status: kase.status,
    createdAt: input.createdAt ?? new Date().toISOString(),
    files,
  };
  const { zipSync } = await import('fflate');
  const zip = zipSync({
    'manifest.json': [encoder.encode(JSON.stringify(manifest, null, 2)), { level: 6 }],
    ...Object.fromEntries(entries.map(({ file, bytes, stored }) => [file.path, [bytes, { level: stored ? 0 : 6 }]])),
  });
  return { zip, manifest };
}
