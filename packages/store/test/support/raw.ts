/** Reading IndexedDB with the browser's own API, without the store or its key. */

/** Every row of every table of database `name`, as IndexedDB holds them. */
export async function rawDump(name: string): Promise<Record<string, unknown[]>> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  try {
    const out: Record<string, unknown[]> = {};
    const names = [...db.objectStoreNames];
    const tx = db.transaction(names, 'readonly');
    await Promise.all(
      names.map(
        (table) =>
          new Promise<void>((resolve, reject) => {
            const request = tx.objectStore(table).getAll();
            request.onsuccess = () => {
              out[table] = request.result as unknown[];
              resolve();
            };
            request.onerror = () => reject(request.error);
          }),
      ),
    );
    return out;
  } finally {
    db.close();
  }
}

const encoder = new TextEncoder();

/** All bytes of a value, flattened: strings as UTF-8 (and UTF-16LE), buffers, views and blobs as they are. */
async function chunks(value: unknown, out: Uint8Array[]): Promise<void> {
  if (value === null || value === undefined) return;
  if (typeof value === 'string') {
    out.push(encoder.encode(value));
    const utf16 = new Uint8Array(value.length * 2);
    for (let i = 0; i < value.length; i++) {
      utf16[2 * i] = value.charCodeAt(i) & 0xff;
      utf16[2 * i + 1] = value.charCodeAt(i) >> 8;
    }
    out.push(utf16);
  } else if (typeof value === 'number' || typeof value === 'boolean') {
    out.push(encoder.encode(String(value)));
  } else if (value instanceof Blob) {
    out.push(new Uint8Array(await value.arrayBuffer()));
  } else if (value instanceof ArrayBuffer) {
    out.push(new Uint8Array(value));
  } else if (ArrayBuffer.isView(value)) {
    out.push(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
  } else if (Array.isArray(value)) {
    for (const item of value) await chunks(item, out);
  } else if (typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      out.push(encoder.encode(key));
      await chunks(item, out);
    }
  }
}

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** Which of `needles` appear anywhere in the raw value (as UTF-8 or UTF-16 text, in any string, buffer or blob). */
export async function findInClear(value: unknown, needles: readonly string[]): Promise<string[]> {
  const parts: Uint8Array[] = [];
  await chunks(value, parts);
  const found: string[] = [];
  for (const needle of needles) {
    const forms = [encoder.encode(needle)];
    if (parts.some((part) => forms.some((form) => contains(part, form)))) found.push(needle);
  }
  return found;
}
