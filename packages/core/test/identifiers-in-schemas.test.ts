import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import * as v from 'valibot';
import {
  AppointmentRefSchema,
  newAppointmentRef,
  checkResidentId,
  checkResidentIdStructure,
  checkUscc,
  checkUsccStructure,
} from '@yichuang/core';

// The schemas judge identifiers without the division list (so bundles that only validate records leave it out):
// that must never change what is valid or how it is written, only drop the "not in the division list" warning.
describe('identifier checks without the division list', () => {
  const idChars = fc.constantFrom(...'0123456789X');
  const usccChars = fc.constantFrom(...'0123456789ABCDEFGHJKLMNPQRTUWXY');

  it('a resident identity number: same verdict and canonical form as the full check', () => {
    const samples = fc.oneof(
      fc.string({ unit: idChars, minLength: 18, maxLength: 18 }),
      fc.string({ unit: idChars, minLength: 14, maxLength: 19 }),
      fc.constantFrom('11010519491231002X', '110105491231002', '999999199001010016', '120101195803120025'),
    );
    fc.assert(
      fc.property(samples, (id) => {
        const full = checkResidentId(id);
        const structure = checkResidentIdStructure(id);
        expect(structure.valid).to.equal(full.valid);
        expect(structure.normalized).to.equal(full.normalized);
        expect(structure.reason).to.equal(full.reason);
      }),
      { numRuns: 2000 },
    );
  });

  it('an unknown area code still passes, without the warning only the full check gives', () => {
    const full = checkResidentId('999999199001010016');
    const structure = checkResidentIdStructure('999999199001010016');
    expect(full.valid && structure.valid).to.equal(true);
    expect(full.warnings).to.have.length(1);
    expect(structure.warnings).to.deep.equal([]);
  });

  it('a unified social credit code: same verdict and canonical form as the full check', () => {
    const samples = fc.oneof(
      fc.string({ unit: usccChars, minLength: 18, maxLength: 18 }),
      fc.constantFrom('91350100M000100Y43', '11120101MB0000000K', '9135 0100 M000 100Y 43', '91120101MA05L6Q243'),
    );
    fc.assert(
      fc.property(samples, (code) => {
        const full = checkUscc(code);
        const structure = checkUsccStructure(code);
        expect(structure.valid).to.equal(full.valid);
        expect(structure.normalized).to.equal(full.normalized);
        expect(structure.warnings).to.deep.equal([]);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('AppointmentRefSchema (booking references are shown in public)', () => {
  it('takes a booking reference in its one format, upper-cased', () => {
    expect(v.parse(AppointmentRefSchema, ' k7m2-9qxw ')).to.equal('K7M2-9QXW');
  });

  it('makes references it accepts, never twice in a thousand', () => {
    const made = new Set(Array.from({ length: 1000 }, () => newAppointmentRef()));
    expect(made.size).to.equal(1000);
    for (const ref of made) expect(v.safeParse(AppointmentRefSchema, ref).success, ref).to.equal(true);
  });

  for (const [label, value] of [
    ['a resident identity number', '120101198506201519'],
    ['a resident identity number with a wrong check digit', '120101198506201510'],
    ['a mobile phone number', '13812345678'],
    ['a phone number dressed as a code', 'TEL13812345678'],
    ['free text of the old format', 'YY-20261126-07'],
    ['a name', '刘洋'],
    ['too short', 'AB1'],
    ['digits that are easily misread', 'K7M0-9QX1'],
  ] as const) {
    it(`refuses ${label}, with a message naming the field`, () => {
      const result = v.safeParse(AppointmentRefSchema, value);
      expect(result.success).to.equal(false);
      expect(result.issues?.[0]?.message).to.match(/^appointmentRef: /);
    });
  }

  it('lets nothing of eight digits or more through', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9-]{8,20}$/), (value) => !v.safeParse(AppointmentRefSchema, value).success),
    );
  });
});
