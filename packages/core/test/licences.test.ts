import { expect } from '@open-wc/testing';
import * as v from 'valibot';
import {
  CaseMaterialSchema,
  citeLicence,
  licenceHolderId,
  licencesForMaterials,
  mergeItemMaterials,
  type ElectronicLicence,
} from '@yichuang/core';
import { insurance } from './support/intake-case.js';

const HOLDER = '11010519491231002X';
const card = (patch: Partial<ElectronicLicence> = {}): ElectronicLicence => ({
  type: 'resident-id-card',
  title: '居民身份证',
  number: HOLDER,
  holderId: HOLDER,
  holderName: '张三',
  issuer: '北京市公安局朝阳分局',
  issuedOn: '2016-04-11',
  validUntil: '2036-04-11',
  sha256: 'a'.repeat(64),
  ...patch,
});
const merged = mergeItemMaterials([insurance]);

describe('e-licences for materials', () => {
  it('satisfies the material that names the licence type, for its holder only', () => {
    const marriage = card({ type: 'marriage-certificate', number: 'J-1' });
    const found = licencesForMaterials(merged, [marriage, card()], HOLDER.toLowerCase(), '2026-12-07');
    expect([...found.keys()]).to.deep.equal(['id-card']);
    expect(found.get('id-card')?.number).to.equal(HOLDER);
    expect(
      licencesForMaterials(merged, [card({ holderId: '110105198503124013' })], HOLDER, '2026-12-07').size,
    ).to.equal(0);
  });

  it('takes a licence through its last valid day, not after; of several, the one valid longest', () => {
    expect(licencesForMaterials(merged, [card({ validUntil: '2026-12-07' })], HOLDER, '2026-12-07').size).to.equal(1);
    expect(licencesForMaterials(merged, [card({ validUntil: '2026-12-06' })], HOLDER, '2026-12-07').size).to.equal(0);
    const older = card({ number: 'OLD', validUntil: '2027-01-01' });
    const lasting = card({ number: 'NEW', validUntil: undefined });
    const found = licencesForMaterials(merged, [older, lasting], HOLDER, '2026-12-07');
    expect(found.get('id-card')?.number).to.equal('NEW');
  });

  it('looks up a person by resident ID, an organisation by credit code, nobody by a passport', () => {
    expect(licenceHolderId({ kind: 'person', name: '张三', idType: 'resident-id', idNumber: HOLDER })).to.equal(HOLDER);
    expect(licenceHolderId({ kind: 'person', name: 'Anna', idType: 'passport', idNumber: 'E12345678' })).to.equal(
      undefined,
    );
    expect(
      licenceHolderId({
        kind: 'organisation',
        name: '某公司',
        uscc: '91350100M000100Y43',
        legalRepresentative: { name: '王五', idType: 'resident-id', idNumber: HOLDER },
      }),
    ).to.equal('91350100M000100Y43');
    expect(licenceHolderId(undefined)).to.equal(undefined);
  });

  it('cites the licence on a material taken as an e-licence, and only on one', () => {
    const cited = {
      materialId: 'id-card',
      itemIds: ['item-a'],
      receipt: 'e-licence',
      copies: 0,
      licence: citeLicence(card()),
    };
    expect(v.parse(CaseMaterialSchema, cited).licence).to.deep.equal({
      type: 'resident-id-card',
      number: HOLDER,
      issuer: '北京市公安局朝阳分局',
      sha256: 'a'.repeat(64),
    });
    const onPaper = v.safeParse(CaseMaterialSchema, { ...cited, receipt: 'paper' }, { lang: 'zh-CN' });
    expect(onPaper.issues?.map((i) => i.message)).to.deep.equal(['licence: 只有以电子证照收取的材料才能引用电子证照']);
    const forged = v.safeParse(CaseMaterialSchema, { ...cited, licence: { ...cited.licence, sha256: 'not-a-hash' } });
    expect(forged.issues?.[0]?.message).to.match(/^licence\.sha256: a SHA-256 hash/);
  });
});
