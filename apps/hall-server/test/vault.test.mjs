// The hall server's vault (Node's own crypto) and the engine's (WebCrypto, as in the browser) are one format with
// the same keys: either opens what the other sealed, so rows stay readable whichever sealed them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

const { NodeVault, KeyVault, keysFromSecrets, parseKeys, newKeyLine } = await import('../dist/index.js');

const keys = parseKeys([newKeyLine('k2'), newKeyLine('k1')].join('\n'), 'test keys');
const node = new NodeVault(keys);
const web = new KeyVault(await keysFromSecrets(keys));
const value = { applicant: { name: '刘洋', idNumber: '120101198506201519' }, audit: [{ at: '2026-12-04T08:00:00Z' }] };

describe('the hall server’s vault', () => {
  it('opens what the engine’s WebCrypto vault sealed, and the other way round', async () => {
    assert.deepEqual(await node.open(await web.seal(value, 'case:A'), 'case:A'), value);
    assert.deepEqual(await web.open(await node.seal(value, 'case:A'), 'case:A'), value);
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    assert.deepEqual(
      new Uint8Array(await web.openBytes(await node.sealBytes(bytes, 'attachment:x'), 'attachment:x')),
      bytes,
    );
    assert.deepEqual(
      new Uint8Array(await node.openBytes(await web.sealBytes(bytes, 'attachment:x'), 'attachment:x')),
      bytes,
    );
    assert.equal(await node.index('120101198506201519'), await web.index('120101198506201519'));
  });

  it('seals under the first key, opens under any, and refuses a value moved to another place or altered', async () => {
    const sealed = await node.seal(value, 'case:A');
    assert.ok(sealed.startsWith('k2.'));
    const older = new NodeVault(
      parseKeys(
        keys
          .map((k) => `${k.id} ${Buffer.from(k.secret).toString('base64')}`)
          .reverse()
          .join('\n'),
        'x',
      ),
    );
    assert.deepEqual(await older.open(sealed, 'case:A'), value);
    await assert.rejects(node.open(sealed, 'case:B'), { name: 'SealError' });
    const [id, iv, text] = sealed.split('.');
    const flipped = `${id}.${iv}.${text.slice(0, 10)}${text[10] === 'A' ? 'B' : 'A'}${text.slice(11)}`;
    await assert.rejects(node.open(flipped, 'case:A'), { name: 'SealError' });
    await assert.rejects(new NodeVault(parseKeys(newKeyLine('k9'), 'x')).open(sealed, 'case:A'), { name: 'SealError' });
    assert.ok(!sealed.includes('刘洋') && !Buffer.from(sealed).toString().includes('1201011985'));
  });
});
