import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import {
  checkDivisionCode,
  checkOrgCode,
  checkPhone,
  checkResidentId,
  checkUscc,
  divisionName,
  divisionPath,
  formatIdMessage,
  holderMismatches,
  idHolderFacts,
  isKnownDivision,
  usccCheckCharacter,
} from '@yichuang/core';

// Independent reference implementations of the check characters, written from the standards' formulas, to build
// test data (the library's own code is not used to make its inputs).
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const idCheck = (first17: string) =>
  '10X98765432'.charAt([...first17].reduce((sum, ch, i) => sum + Number(ch) * ID_WEIGHTS[i]!, 0) % 11);
const withIdCheck = (first17: string) => first17 + idCheck(first17);

const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const usccCheck = (first17: string) =>
  USCC_ALPHABET.charAt(
    (31 - ([...first17].reduce((sum, ch, i) => sum + USCC_ALPHABET.indexOf(ch) * USCC_WEIGHTS[i]!, 0) % 31)) % 31,
  );
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const orgCheck = (body: string) => {
  const c = 11 - ([...body].reduce((sum, ch, i) => sum + parseInt(ch, 36) * ORG_WEIGHTS[i]!, 0) % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
};

const TODAY = new Date('2025-06-15T04:00:00Z');

describe('checkResidentId', () => {
  it('accepts the examples of GB 11643-1999, including the 1880 one', () => {
    const a = checkResidentId('11010519491231002X', { today: TODAY });
    expect(a).to.deep.equal({ valid: true, normalized: '11010519491231002X', warnings: [] });
    const b = checkResidentId('440524188001010014', { today: TODAY });
    expect(b.valid).to.equal(true);
    // 440524 (潮阳县) has since been abolished: a warning, not a rejection.
    expect(b.warnings).to.have.length(1);
  });

  it('normalises a lower-case x, surrounding blanks and full-width digits', () => {
    expect(checkResidentId(' 11010519491231002x ').normalized).to.equal('11010519491231002X');
    expect(checkResidentId('１１０１０５１９４９１２３１００２Ｘ').normalized).to.equal('11010519491231002X');
  });

  it('rejects a wrong check character, keeping the canonical form', () => {
    const r = checkResidentId('110105194912310021');
    expect(r.valid).to.equal(false);
    expect(r.reason).to.equal('check-digit');
    expect(r.normalized).to.equal('110105194912310021');
    expect(r.error).to.contain('校验位');
  });

  it('rejects wrong lengths and characters, with the length in the message', () => {
    const short = checkResidentId('1101051949123100');
    expect(short.reason).to.equal('length');
    expect(short.error).to.contain('16');
    expect(short.normalized).to.equal(undefined);
    expect(checkResidentId('1101051949123100X2').reason).to.equal('charset');
    expect(checkResidentId('11010519491231002A').reason).to.equal('charset');
    expect(checkResidentId('11010549123100X').reason).to.equal('charset');
    expect(checkResidentId('').reason).to.equal('empty');
    expect(checkResidentId('   ').reason).to.equal('empty');
  });

  it('rejects birth dates that do not exist, even with a right check character', () => {
    for (const date of ['19900230', '19000229', '20231301', '20230100']) {
      const r = checkResidentId(withIdCheck('110105' + date + '001'), { today: TODAY });
      expect(r.valid, date).to.equal(false);
      expect(r.reason, date).to.equal('date');
    }
    expect(checkResidentId(withIdCheck('11010520000229001'), { today: TODAY }).valid).to.equal(true);
  });

  it('rejects a birth date after today, judged in China time', () => {
    const id = withIdCheck('11010520250101001');
    // 2024-12-31T16:30Z is already 2025-01-01 00:30 in Beijing.
    expect(checkResidentId(id, { today: new Date('2024-12-31T16:30:00Z') }).valid).to.equal(true);
    const r = checkResidentId(id, { today: new Date('2024-12-31T15:30:00Z') });
    expect(r.valid).to.equal(false);
    expect(r.reason).to.equal('date');
    expect(r.error).to.contain('晚于今天');
  });

  it('rejects years before 1800 but keeps 1800 itself', () => {
    const early = checkResidentId(withIdCheck('11010517991231001'), { today: TODAY });
    expect(early.reason).to.equal('date');
    expect(early.error).to.contain('1800');
    expect(checkResidentId(withIdCheck('11010518000101001'), { today: TODAY }).valid).to.equal(true);
  });

  it('converts a 15-digit number to 18 digits and warns that it has no check character', () => {
    const r = checkResidentId('110105491231002', { today: TODAY });
    expect(r.valid).to.equal(true);
    expect(r.normalized).to.equal('11010519491231002X');
    expect(r.warnings).to.have.length(1);
    expect(r.warnings[0]).to.contain('15');
    expect(checkResidentId('110105490231002').reason).to.equal('date');
  });

  it('warns, without rejecting, about an area code missing from today’s list', () => {
    // 110103 崇文区 was merged into 东城区 in 2010: old cards still carry it.
    const r = checkResidentId(withIdCheck('11010319800101001'), { today: TODAY });
    expect(r.valid).to.equal(true);
    expect(r.warnings).to.have.length(1);
    expect(r.warnings[0]).to.contain('地址码');
  });

  it('accepts residence permits of Hong Kong, Macau and Taiwan residents and the foreigners’ card without warnings', () => {
    for (const first17 of ['81000019900101001', '82000019900101002', '83000019900101003', '93115619900101001']) {
      const r = checkResidentId(withIdCheck(first17), { today: TODAY });
      expect(r.valid, first17).to.equal(true);
      expect(r.warnings, first17).to.deep.equal([]);
    }
  });

  it('checks the province of issue of a foreigner’s card: an unknown one is a warning', () => {
    // 9, province of issue 99 (none), nationality 999, 1990-01-01, sequence 001: it used to pass without a word.
    const r = checkResidentId('999999199001010016', { today: TODAY });
    expect(r.valid).to.equal(true);
    expect(r.warnings).to.have.length(1);
    expect(r.warnings[0]).to.contain('第 2、3 位');
    const en = checkResidentId('999999199001010016', { today: TODAY, locale: 'en-US' });
    expect(en.warnings).to.deep.equal([
      'The province of issue (characters 2 and 3) of the foreigner’s permanent residence number is not in the current division list (2023 data). Compare it with the card.',
    ]);
    // Only positions 2–3 count: the nationality code after them is no division code.
    expect(checkResidentId(withIdCheck('94484019900101001'), { today: TODAY }).warnings).to.deep.equal([]);
    expect(checkResidentId(withIdCheck('92084019900101001'), { today: TODAY }).warnings).to.have.length(1);
  });

  it('property: a foreigner’s card warns exactly when its province of issue is not a province', () => {
    const provinces = new Set(
      '11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82'.split(
        ' ',
      ),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 999 }), (province, nationality) => {
        const p = String(province).padStart(2, '0');
        const id = withIdCheck(`9${p}${String(nationality).padStart(3, '0')}19900101001`);
        const r = checkResidentId(id, { today: TODAY });
        return r.valid && r.warnings.length === (provinces.has(p) ? 0 : 1);
      }),
    );
  });

  it('removes spaces and hyphens typed between groups, of any width', () => {
    for (const input of [
      '110105 19491231 002x',
      '110105-19491231-002X',
      '1101 0519 4912 3100 2X',
      '110105\u300019491231\u3000002X', // ideographic space
      '110105－19491231－002X', // full-width hyphen
      '110105–19491231–002X', // en dash
      ' 110105 - 19491231 - 002X ',
    ]) {
      const r = checkResidentId(input, { today: TODAY });
      expect(r.valid, input).to.equal(true);
      expect(r.normalized, input).to.equal('11010519491231002X');
    }
    expect(checkResidentId('110105 491231 002', { today: TODAY }).normalized).to.equal('11010519491231002X');
    // A separator not between two groups is kept, and the number refused.
    expect(checkResidentId('-11010519491231002X').reason).to.equal('length');
    expect(checkResidentId('-1101051949123100X').reason).to.equal('charset');
    expect(checkResidentId('11010519491231002X-').valid).to.equal(false);
    expect(checkResidentId('110105_19491231_002X').reason).to.equal('length');
  });

  it('speaks English when asked, without the input in the message', () => {
    const r = checkResidentId('110105194912310021', { locale: 'en-US' });
    expect(r.error).to.match(/check character/);
    expect(r.error).not.to.contain('110105');
    const w = checkResidentId(withIdCheck('11010319800101001'), { locale: 'en-US', today: TODAY });
    expect(w.warnings[0]).to.match(/not in the current division list \(2023 data\)/);
  });

  const validId = fc
    .record({
      area: fc.constantFrom('110105', '440305', '510104', '650102', '810000', '130101'),
      birth: fc.date({
        min: new Date('1900-01-01T00:00:00Z'),
        max: new Date('2024-12-31T00:00:00Z'),
        noInvalidDate: true,
      }),
      seq: fc.integer({ min: 0, max: 999 }),
    })
    .map(({ area, birth, seq }) =>
      withIdCheck(area + birth.toISOString().slice(0, 10).replaceAll('-', '') + String(seq).padStart(3, '0')),
    );

  it('property: every generated valid number passes, and normalising it is the identity', () => {
    fc.assert(
      fc.property(validId, (id) => {
        const r = checkResidentId(id, { today: TODAY });
        return r.valid && r.normalized === id;
      }),
    );
  });

  it('property: any single-character substitution is rejected', () => {
    fc.assert(
      fc.property(validId, fc.nat(17), fc.constantFrom(...'0123456789X'), (id, pos, ch) => {
        fc.pre(id[pos] !== ch);
        const mutated = id.slice(0, pos) + ch + id.slice(pos + 1);
        return !checkResidentId(mutated, { today: TODAY }).valid;
      }),
    );
  });

  it('property: normalising is idempotent for any input', () => {
    fc.assert(
      fc.property(fc.oneof(validId, fc.string({ unit: fc.constantFrom(...'0123456789xX ') })), (input) => {
        const first = checkResidentId(input, { today: TODAY });
        if (first.normalized === undefined) return true;
        const again = checkResidentId(first.normalized, { today: TODAY });
        return again.normalized === first.normalized && (!first.valid || again.valid);
      }),
    );
  });
});

describe('idHolderFacts and holderMismatches', () => {
  const woman = withIdCheck('11010519491231002');

  it('reads the date of birth and the sex from the number', () => {
    expect(idHolderFacts(woman, TODAY)).to.deep.equal({ birthDate: '1949-12-31', sex: 'female' });
    const odd = withIdCheck('11010519850312401');
    expect(idHolderFacts(odd, TODAY)).to.deep.equal({ birthDate: '1985-03-12', sex: 'male' });
    expect(idHolderFacts('1101051949', TODAY)).to.equal(undefined);
  });

  it('says, in the clerk’s language, where the card and the number disagree', () => {
    expect(holderMismatches({ idNumber: woman, birthDate: '1949-12-31', sex: 'female' }, 'zh-CN', TODAY)).to.deep.equal(
      [],
    );
    expect(holderMismatches({ idNumber: woman, birthDate: '1949-12-30', sex: 'male' }, 'zh-CN', TODAY)).to.deep.equal([
      '号码中的出生日期是 1949-12-31，与证件上的 1949-12-30 不一致，请与证件核对。',
      '号码表明持证人为女性，与证件上的性别不一致，请与证件核对。',
    ]);
    expect(holderMismatches({ idNumber: woman, sex: 'male' }, 'en-US', TODAY)[0]).to.contain('a woman’s');
    expect(holderMismatches({ idNumber: 'not a number', sex: 'male' }, 'zh-CN', TODAY)).to.deep.equal([]);
  });
});

describe('checkUscc', () => {
  it('accepts the official example of GB 32100-2015, in any case', () => {
    expect(checkUscc('91350100M000100Y43')).to.deep.equal({
      valid: true,
      normalized: '91350100M000100Y43',
      warnings: [],
    });
    expect(checkUscc(' 91350100m000100y43 ').normalized).to.equal('91350100M000100Y43');
  });

  it('gives 0 as check character when the weighted sum is a multiple of 31', () => {
    const first17 = '91350100' + '00000000' + orgCheck('00000000');
    // Fill the first character so that the sum becomes divisible by 31, then check the outer mod.
    for (const lead of USCC_ALPHABET) {
      const candidate = lead + first17.slice(1);
      if (usccCheck(candidate) === '0') {
        expect(checkUscc(candidate + '0').valid).to.equal(true);
        expect(checkUscc(candidate + 'Y').reason).to.equal('check-digit');
        return;
      }
    }
    expect.fail('no candidate with a sum divisible by 31');
  });

  it('rejects a wrong check character with a machine-readable reason and the canonical form', () => {
    const r = checkUscc('91350100m000100y44');
    expect(r.valid).to.equal(false);
    expect(r.reason).to.equal('check-digit');
    expect(r.normalized).to.equal('91350100M000100Y44');
    expect(r.error).to.contain('工作人员确认');
  });

  it('removes white space typed inside the code, but not hyphens', () => {
    for (const input of [
      '9135 0100 M000 100Y 43',
      '91350100\tM000100Y43',
      '913501 00M000 100Y43',
      '9135\u30000100M000100Y43',
    ]) {
      expect(checkUscc(input), input).to.deep.equal({ valid: true, normalized: '91350100M000100Y43', warnings: [] });
    }
    expect(checkUscc('91350100-M000100Y43').reason).to.equal('length');
    expect(checkUscc('9135010-M000100Y43').reason).to.equal('charset');
  });

  it('exports the GB 32100 check character: same as the standard’s formula, undefined for other input', () => {
    expect(usccCheckCharacter('91350100M000100Y4')).to.equal('3');
    expect(usccCheckCharacter('91350100M000100Y')).to.equal(undefined);
    expect(usccCheckCharacter('91350100M000100Y43')).to.equal(undefined);
    expect(usccCheckCharacter('91350100M000100I4')).to.equal(undefined);
    expect(usccCheckCharacter('91350100m000100y4')).to.equal(undefined);
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...USCC_ALPHABET), minLength: 17, maxLength: 17 }), (first17) => {
        return usccCheckCharacter(first17) === usccCheck(first17);
      }),
    );
  });

  it('rejects wrong length and letters outside the alphabet', () => {
    expect(checkUscc('91350100M000100Y4').reason).to.equal('length');
    const withO = checkUscc('91350100O000100Y43');
    expect(withO.reason).to.equal('charset');
    expect(withO.normalized).to.equal(undefined);
    expect(checkUscc('').reason).to.equal('empty');
  });

  it('rejects a code whose embedded organisation code fails its own check', () => {
    const body = '91350100' + 'M000100Y' + '5'; // the right organisation check character is 4
    const r = checkUscc(body + usccCheck(body));
    expect(r.valid).to.equal(false);
    expect(r.reason).to.equal('org-code');
  });

  it('warns about a division code missing from today’s list, not about central-level codes', () => {
    const unknown = '91999999' + 'M000100Y4';
    const r = checkUscc(unknown + usccCheck(unknown));
    expect(r.valid).to.equal(true);
    expect(r.warnings).to.have.length(1);
    const central = '11100000' + '00001312' + orgCheck('00001312');
    expect(checkUscc(central + usccCheck(central)).warnings).to.deep.equal([]);
  });

  it('speaks English when asked', () => {
    expect(checkUscc('91350100M000100Y4', { locale: 'en-US' }).error).to.equal(
      'A unified social credit code has 18 characters; this one has 17.',
    );
  });

  const orgBody = fc.string({
    unit: fc.constantFrom(...'0123456789ABCDEFGHJKLMNPQRTUWXY'),
    minLength: 8,
    maxLength: 8,
  });
  const validUscc = fc
    .record({
      head: fc.string({ unit: fc.constantFrom(...USCC_ALPHABET), minLength: 2, maxLength: 2 }),
      division: fc.constantFrom('350100', '110105', '440300', '100000'),
      body: orgBody,
    })
    .map(({ head, division, body }) => {
      const first17 = head + division + body + orgCheck(body);
      return first17 + usccCheck(first17);
    });

  it('property: generated valid codes pass and any single substitution is rejected', () => {
    fc.assert(
      fc.property(validUscc, fc.nat(17), fc.constantFrom(...USCC_ALPHABET), (code, pos, ch) => {
        if (!checkUscc(code).valid || checkUscc(code).normalized !== code) return false;
        fc.pre(code[pos] !== ch);
        return !checkUscc(code.slice(0, pos) + ch + code.slice(pos + 1)).valid;
      }),
    );
  });

  it('property: normalising is idempotent', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          validUscc,
          validUscc.map((c) => c.toLowerCase()),
          fc.string(),
        ),
        (input) => {
          const n = checkUscc(input).normalized;
          return n === undefined || checkUscc(n).normalized === n;
        },
      ),
    );
  });
});

describe('checkOrgCode', () => {
  it('accepts a code with or without the hyphen and shows it as XXXXXXXX-C', () => {
    expect(checkOrgCode('M000100Y4')).to.deep.equal({ valid: true, normalized: 'M000100Y-4', warnings: [] });
    expect(checkOrgCode('m000100y-4').normalized).to.equal('M000100Y-4');
  });

  it('maps 10 to X and 11 to 0', () => {
    // 6 × 2 = 12, 12 mod 11 = 1, 11 − 1 = 10 → X; an all-zero body sums to 0 → 11 → 0.
    expect(checkOrgCode('00000006-X').valid).to.equal(true);
    expect(checkOrgCode('00000006-x').normalized).to.equal('00000006-X');
    expect(checkOrgCode('00000000-0').valid).to.equal(true);
    expect(checkOrgCode('00000000-1').reason).to.equal('check-digit');
  });

  it('removes white space typed inside the code', () => {
    expect(checkOrgCode('M000 100Y - 4').normalized).to.equal('M000100Y-4');
    expect(checkOrgCode('M000 100Y 4').valid).to.equal(true);
  });

  it('rejects wrong length, characters and check', () => {
    expect(checkOrgCode('M000100Y-45').reason).to.equal('length');
    expect(checkOrgCode('M00010-0Y4').reason).to.equal('length');
    expect(checkOrgCode('M000100Y-A').reason).to.equal('charset');
    expect(checkOrgCode('M000100?-4').reason).to.equal('charset');
    const wrong = checkOrgCode('M000100Y-5', { locale: 'en-US' });
    expect(wrong.reason).to.equal('check-digit');
    expect(wrong.error).to.match(/check character of the organisation code/);
  });

  it('property: valid codes pass; a substituted digit is always caught', () => {
    const body = fc.string({
      unit: fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'),
      minLength: 8,
      maxLength: 8,
    });
    fc.assert(
      fc.property(body, fc.nat(7), fc.constantFrom(...'0123456789'), (b, pos, digit) => {
        const code = b + '-' + orgCheck(b);
        if (!checkOrgCode(code).valid) return false;
        fc.pre(/\d/.test(b[pos]!) && b[pos] !== digit);
        return !checkOrgCode(b.slice(0, pos) + digit + b.slice(pos + 1) + orgCheck(b)).valid;
      }),
    );
  });
});

describe('checkPhone', () => {
  it('accepts mobile numbers with country code and separators', () => {
    for (const input of [
      '13812345678',
      '138 1234 5678',
      '138-1234-5678',
      '+86 138 1234 5678',
      '008613812345678',
      '+86-13812345678',
    ]) {
      const r = checkPhone(input);
      expect(r.valid, input).to.equal(true);
      expect(r.normalized, input).to.equal('13812345678');
    }
  });

  it('accepts landline numbers with area code and extension', () => {
    expect(checkPhone('022-23456789').normalized).to.equal('02223456789');
    expect(checkPhone('0755-1234567').normalized).to.equal('07551234567');
    expect(checkPhone('(010) 6512 3456').normalized).to.equal('01065123456');
    expect(checkPhone('022-23456789-8001').normalized).to.equal('02223456789-8001');
    expect(checkPhone('022-23456789 转 8001').normalized).to.equal('02223456789-8001');
    expect(checkPhone('0755 1234567 ext. 12').normalized).to.equal('07551234567-12');
    expect(checkPhone('+86 22 2345 6789').normalized).to.equal('02223456789');
  });

  it('rejects what is neither', () => {
    expect(checkPhone('12812345678').reason).to.equal('format'); // no 12x mobile numbers
    expect(checkPhone('1381234567').reason).to.equal('format');
    expect(checkPhone('23456789').reason).to.equal('format'); // landline without area code
    expect(checkPhone('022-03456789').reason).to.equal('format');
    expect(checkPhone('13812345678 转 12').reason).to.equal('format');
    expect(checkPhone('138abc45678').reason).to.equal('charset');
    expect(checkPhone(' ').reason).to.equal('empty');
    expect(checkPhone('123', { locale: 'en-US' }).error).to.match(/neither a mobile number/);
  });

  it('property: normalised numbers are idempotent', () => {
    const mobile = fc
      .tuple(
        fc.constantFrom(...'3456789'),
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 9, maxLength: 9 }),
      )
      .map(([second, rest]) => '1' + second + rest);
    const spaced = fc
      .tuple(fc.constantFrom('', '+86 ', '0086'), mobile)
      .map(([p, m]) => `${p}${m.slice(0, 3)} ${m.slice(3, 7)}-${m.slice(7)}`);
    fc.assert(
      fc.property(spaced, (input) => {
        const r = checkPhone(input);
        return r.valid && r.normalized !== undefined && checkPhone(r.normalized).normalized === r.normalized;
      }),
    );
  });
});

describe('division codes', () => {
  it('names known codes at each level', () => {
    expect(checkDivisionCode('110000')).to.deep.equal({
      valid: true,
      normalized: '110000',
      warnings: [],
      level: 'province',
      name: '北京市',
    });
    expect(checkDivisionCode('440300')).to.include({ valid: true, level: 'city', name: '深圳市' });
    expect(checkDivisionCode('110105')).to.include({ valid: true, level: 'county', name: '朝阳区' });
    expect(divisionName('441900')).to.equal('东莞市');
    expect(divisionName('810000')).to.equal('香港特别行政区');
    expect(divisionPath('440305')).to.deep.equal(['广东省', '深圳市', '南山区']);
    expect(isKnownDivision('650102')).to.equal(true);
    expect(isKnownDivision('130171')).to.equal(false); // statistical-only development zone
  });

  it('keeps well-formed codes missing from the list valid, with a warning', () => {
    const r = checkDivisionCode('110103');
    expect(r).to.include({ valid: true, level: 'county' });
    expect(r.name).to.equal(undefined);
    expect(r.warnings).to.have.length(1);
    expect(checkDivisionCode('110103', { locale: 'en-US' }).warnings[0]).to.match(/may have been abolished/);
  });

  it('rejects malformed codes', () => {
    expect(checkDivisionCode('990000').reason).to.equal('format');
    expect(checkDivisionCode('110001').reason).to.equal('format');
    expect(checkDivisionCode('11010').reason).to.equal('length');
    expect(checkDivisionCode('11010a').reason).to.equal('charset');
    expect(checkDivisionCode('').reason).to.equal('empty');
  });

  it('property: every county code in the list resolves to a name under a known city and province', () => {
    const county = fc
      .tuple(
        fc.constantFrom('11', '32', '44', '51', '65'),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 99 }),
      )
      .map(([p, c, n]) => p + String(c).padStart(2, '0') + String(n).padStart(2, '0'));
    fc.assert(
      fc.property(county, (code) => {
        if (!isKnownDivision(code)) return checkDivisionCode(code).warnings.length === 1;
        const path = divisionPath(code);
        return path.length === 3 && path[2] === divisionName(code) && checkDivisionCode(code).name === path[2];
      }),
    );
  });
});

describe('formatIdMessage', () => {
  it('fills named parameters in each locale', () => {
    expect(formatIdMessage('division.length', { actual: 5 })).to.equal('行政区划代码应为 6 位，当前为 5 位。');
    expect(formatIdMessage('division.length', { actual: 5 }, 'en-US')).to.equal(
      'A division code has 6 digits; this one has 5.',
    );
  });
});
