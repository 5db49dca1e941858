/**
 * The token of an `Authorization: Bearer <token>` header, or `undefined` when the header is absent or not a
 * bearer token of plausible length.
 */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer +([A-Za-z0-9._~+/=-]{16,512})\s*$/i.exec(header);
  return match?.[1];
}
