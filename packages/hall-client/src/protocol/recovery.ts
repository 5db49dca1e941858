import * as v from 'valibot';
import { bilingual, objectMessage } from '@yichuang/core';

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
      v.string(bilingual('keyId: a string is required', 'keyId: 应填写密钥编号')),
      v.regex(
        /^[0-9A-Za-z_-]{8,64}$/,
        bilingual('keyId: 8 to 64 letters, digits, _ or -', 'keyId: 应为 8 到 64 位字母、数字、_ 或 -'),
      ),
    ),
    publicKey: v.object(
      {
        kty: v.literal('RSA', bilingual('kty: RSA', 'kty: 应为“RSA”')),
        alg: v.optional(v.literal('RSA-OAEP-256', bilingual('alg: RSA-OAEP-256', 'alg: 应为“RSA-OAEP-256”'))),
        n: v.pipe(
          v.string(bilingual('n: the modulus, base64url', 'n: 应填写模数，采用“base64url”编码')),
          v.regex(/^[A-Za-z0-9_-]+$/, bilingual('n: base64url', 'n: 应为“base64url”编码')),
          v.minLength(512, bilingual('n: a modulus of 3072 bits or more', 'n: 模数不能少于 3072 位')),
          v.maxLength(1400, bilingual('n: a modulus of 8192 bits or less', 'n: 模数不能超过 8192 位')),
        ),
        // eslint-disable-next-line id-denylist -- the JSON Web Key member is named `e` (the exponent).
        e: v.pipe(
          v.string(bilingual('e: the exponent, base64url', 'e: 应填写指数，采用“base64url”编码')),
          v.regex(/^[A-Za-z0-9_-]{1,8}$/, bilingual('e: base64url', 'e: 应为“base64url”编码')),
        ),
      },
      objectMessage('publicKey'),
    ),
  },
  objectMessage('recovery key'),
);
