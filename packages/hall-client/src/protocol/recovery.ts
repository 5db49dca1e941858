import * as v from 'valibot';
import { objectMessage } from '@yichuang/core';

/**
 * The hall's recovery public key (RSA-OAEP, SHA-256, 3072 bits or more, as a JSON Web Key): workstations wrap each
 * clerk's data key for it too, so that cases sealed under a forgotten password can be recovered by the hall manager,
 * who keeps the private key offline. `keyId` names the key (workstations wrap again when it changes).
 */
export interface RecoveryPublicKey {
  keyId: string;
  /** The public key as a JSON Web Key (`kty: RSA`, `n`, `e`, `alg: RSA-OAEP-256`). */
  // eslint-disable-next-line id-denylist -- the JSON Web Key member is named `e` (the exponent).
  publicKey: { kty: string; n?: string; e?: string; alg?: string; [member: string]: unknown };
}

/** `PUT /api/v1/recovery-key` (manager): the public half of the hall's recovery key. */
export const RecoveryPublicKeySchema = v.object(
  {
    keyId: v.pipe(
      v.string('keyId: a string is required'),
      v.regex(/^[0-9A-Za-z_-]{8,64}$/, 'keyId: 8 to 64 letters, digits, _ or -'),
    ),
    publicKey: v.object(
      {
        kty: v.literal('RSA', 'kty: RSA'),
        alg: v.optional(v.literal('RSA-OAEP-256', 'alg: RSA-OAEP-256')),
        n: v.pipe(
          v.string('n: the modulus, base64url'),
          v.regex(/^[A-Za-z0-9_-]+$/, 'n: base64url'),
          v.minLength(512, 'n: a modulus of 3072 bits or more'),
          v.maxLength(1400, 'n: a modulus of 8192 bits or less'),
        ),
        // eslint-disable-next-line id-denylist -- the JSON Web Key member is named `e` (the exponent).
        e: v.pipe(v.string('e: the exponent, base64url'), v.regex(/^[A-Za-z0-9_-]{1,8}$/, 'e: base64url')),
      },
      objectMessage('publicKey'),
    ),
  },
  objectMessage('recovery key'),
);
