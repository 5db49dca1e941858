import { expect } from '@open-wc/testing';
import * as v from 'valibot';
import { CaseSchema, RatingSchema, checkResidentId } from '@yichuang/core';
import { UNKNOWN_RESIDENT_ID, makeCase, makeRating, nextCaseNumber } from './support/fixtures.js';

describe('hall-client test fixtures', () => {
  it('make cases and ratings the core’s schemas accept unchanged', () => {
    const value = makeCase({}, ['a'.repeat(64)]);
    // Unchanged by parsing: what a hall answers for it can be compared with deep equality.
    expect(v.parse(CaseSchema, value)).to.deep.equal(value);
    expect(v.parse(CaseSchema, makeCase({ window: '02' })).number).to.contain('-02-');
    const rating = makeRating(3);
    expect(v.parse(RatingSchema, rating)).to.deep.equal(rating);
  });

  it('never repeat a case number, and the unknown holder’s number is a valid identity number', () => {
    const numbers = Array.from({ length: 50 }, () => nextCaseNumber());
    expect(new Set(numbers).size).to.equal(50);
    expect(checkResidentId(UNKNOWN_RESIDENT_ID).valid).to.equal(true);
  });
});
