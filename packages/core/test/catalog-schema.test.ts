import { expect } from '@open-wc/testing';
import * as v from 'valibot';
import { TimeLimitSchema } from '@yichuang/core';

describe('TimeLimitSchema', () => {
  it('rejects negative limits', () => {
    expect(v.safeParse(TimeLimitSchema, { value: -1, unit: 'working-days' }).success).to.equal(false);
    expect(v.safeParse(TimeLimitSchema, { value: 5, unit: 'working-days' }).success).to.equal(true);
  });
});
