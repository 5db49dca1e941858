import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import * as v from 'valibot';
import {
  CaseNumberError,
  CaseNumberSchema,
  CaseNumberer,
  chinaDay,
  createUlidGenerator,
  formatCaseNumber,
  isCaseNumber,
  isUlid,
  parseCaseNumber,
  ulid,
  ulidTime,
  type CaseNumbererState,
} from '@yichuang/core';

const at = (iso: string) => Date.parse(iso);

/** Runs `fn` and returns what it threw. */
function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

describe('CaseNumberer', () => {
  it('numbers a window’s cases 0001, 0002 … within a day', () => {
    const numberer = new CaseNumberer({ hall: 'TJHP01', window: 'W03' });
    expect(numberer.state).to.equal(undefined);
    expect(numberer.next(at('2025-03-03T01:00:00Z'))).to.equal('TJHP01-20250303-W03-0001');
    expect(numberer.next(at('2025-03-03T01:05:00Z'))).to.equal('TJHP01-20250303-W03-0002');
    expect(numberer.state).to.deep.equal({ hall: 'TJHP01', window: 'W03', day: '20250303', seq: 2 });
  });

  it('starts a new day at midnight China time, whatever the machine’s zone', () => {
    const numberer = new CaseNumberer({ hall: 'TJHP01', window: 'W03' });
    // 23:59:59.999 in Beijing is 15:59:59.999 UTC.
    expect(numberer.next(at('2025-03-03T15:59:59.999Z'))).to.equal('TJHP01-20250303-W03-0001');
    expect(numberer.next(at('2025-03-03T16:00:00Z'))).to.equal('TJHP01-20250304-W03-0001');
    expect(chinaDay(at('2025-12-31T16:30:00Z'))).to.equal('20260101');
    expect(chinaDay(at('2024-02-28T16:00:00Z'))).to.equal('20240229');
  });

  it('continues from the persisted state after a restart', () => {
    const state: CaseNumbererState = { hall: 'TJHP01', window: 'W03', day: '20250303', seq: 7 };
    const numberer = new CaseNumberer({ hall: 'TJHP01', window: 'W03', state });
    expect(numberer.next(at('2025-03-03T06:00:00Z'))).to.equal('TJHP01-20250303-W03-0008');
    expect(state.seq, 'the caller’s object is not changed').to.equal(7);
  });

  it('grows past four digits after 9999 and still parses back', () => {
    const state = { hall: 'H1', window: 'W1', day: '20250303', seq: 9999 };
    const numberer = new CaseNumberer({ hall: 'H1', window: 'W1', state });
    const number = numberer.next(at('2025-03-03T06:00:00Z'));
    expect(number).to.equal('H1-20250303-W1-10000');
    expect(parseCaseNumber(number).seq).to.equal(10000);
  });

  it('never reissues a number when the clock is set back a day', () => {
    const numberer = new CaseNumberer({ hall: 'H1', window: 'W1' });
    expect(numberer.next(at('2025-03-04T02:00:00Z'))).to.equal('H1-20250304-W1-0001');
    expect(numberer.next(at('2025-03-03T02:00:00Z'))).to.equal('H1-20250304-W1-0002');
  });

  it('rejects codes containing "-" and a state from another window, with clear messages', () => {
    const badHall = thrown(() => new CaseNumberer({ hall: 'TJ-HP', window: 'W03' }));
    expect(badHall).to.be.instanceOf(CaseNumberError);
    expect(badHall.message).to.equal(`hall code "TJ-HP" is invalid: use 1 to 16 letters or digits, without '-'`);
    const other = thrown(
      () =>
        new CaseNumberer({ hall: 'H1', window: 'W1', state: { hall: 'H1', window: 'W2', day: '20250303', seq: 3 } }),
    );
    expect(other.message).to.equal('case numberer state belongs to H1/W2, not H1/W1');
    const broken = thrown(
      () =>
        new CaseNumberer({ hall: 'H1', window: 'W1', state: { hall: 'H1', window: 'W1', day: '2025-03-03', seq: 3 } }),
    );
    expect((broken as CaseNumberError).code).to.equal('invalid-state');
    expect(thrown(() => new CaseNumberer({ hall: 'H1', window: 'W1' }).next(Number.NaN)).message).to.equal(
      'case number time NaN is not a valid instant from 1970 to 9999',
    );
  });
});

describe('parseCaseNumber', () => {
  it('reads the parts back', () => {
    expect(parseCaseNumber('TJHP01-20250303-W03-0007')).to.deep.equal({
      hall: 'TJHP01',
      date: '20250303',
      window: 'W03',
      seq: 7,
    });
  });

  it('says what is wrong with a malformed number', () => {
    expect(thrown(() => parseCaseNumber('TJHP01-2025-W03-7')).message).to.equal(
      '"TJHP01-2025-W03-7" is not a case number: expected hall-yyyyMMdd-window-sequence, e.g. TJHP01-20250301-W03-0007',
    );
    expect(thrown(() => parseCaseNumber('H1-20250230-W1-0001')).message).to.equal(
      'case number "H1-20250230-W1-0001": 20250230 is not a real day',
    );
    for (const bad of ['H1-20250303-W1-0000', 'H1-20250303-W1-00012']) {
      expect((thrown(() => parseCaseNumber(bad)) as CaseNumberError).code, bad).to.equal('invalid-seq');
    }
    expect(isCaseNumber(' H1-20250303-W1-0001')).to.equal(false);
  });

  it('has a schema with a clear message', () => {
    const result = v.safeParse(CaseNumberSchema, 'H1-20250303-W1');
    expect(result.success).to.equal(false);
    expect(result.issues?.[0]?.message).to.equal(
      'number: a case number hall-yyyyMMdd-window-sequence, e.g. TJHP01-20250301-W03-0007',
    );
  });

  it('round-trips any valid parts (property)', () => {
    const code = fc.stringMatching(/^[0-9A-Za-z]{1,16}$/);
    const day = fc
      .date({ min: new Date('1970-01-02T00:00:00Z'), max: new Date('9999-12-30T00:00:00Z'), noInvalidDate: true })
      .map((d) => chinaDay(d.getTime()));
    fc.assert(
      fc.property(code, day, code, fc.integer({ min: 1, max: 10_000_000 }), (hall, date, window, seq) => {
        const number = formatCaseNumber({ hall, date, window, seq });
        expect(parseCaseNumber(number)).to.deep.equal({ hall, date, window, seq });
      }),
    );
  });
});

describe('case numbers across many windows and days (property)', () => {
  /** One step of the simulation: a window takes in a case after some time, maybe after a restart. */
  const step = fc.record({
    window: fc.nat({ max: 5 }),
    advanceMs: fc.oneof(
      fc.constant(0),
      fc.integer({ min: 1, max: 3_600_000 }),
      fc.integer({ min: 0, max: 3 * 86_400_000 }),
    ),
    restart: fc.boolean(),
  });

  it('never collide, and each parses back to its hall, China day, window and sequence', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: at('2024-01-01T00:00:00Z'), max: at('2030-01-01T00:00:00Z') }),
        fc.array(step, { minLength: 1, maxLength: 300 }),
        (start, steps) => {
          const windows = ['H1/W01', 'H1/W02', 'H1/W03', 'H2/W01', 'H2/W02', 'H2/W03'];
          const stored = new Map<string, CaseNumbererState | undefined>();
          const live = new Map<string, CaseNumberer>();
          const seen = new Set<string>();
          const lastSeq = new Map<string, number>();
          let now = start;
          for (const { window: w, advanceMs, restart } of steps) {
            now += advanceMs;
            const key = windows[w] ?? 'H1/W01';
            const [hall = '', window = ''] = key.split('/');
            let numberer = live.get(key);
            if (!numberer || restart) {
              numberer = new CaseNumberer({ hall, window, state: stored.get(key) });
              live.set(key, numberer);
            }
            const number = numberer.next(now);
            stored.set(key, numberer.state); // what the store persists with the case
            expect(seen.has(number), number).to.equal(false);
            seen.add(number);
            const parts = parseCaseNumber(number);
            expect(parts).to.deep.include({ hall, window, date: chinaDay(now) });
            const dayKey = `${key}/${parts.date}`;
            expect(parts.seq).to.equal((lastSeq.get(dayKey) ?? 0) + 1);
            lastSeq.set(dayKey, parts.seq);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('never collide even when a window’s clock jumps back and forth', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: at('2025-01-01T00:00:00Z'), max: at('2025-01-10T00:00:00Z') }), { maxLength: 200 }),
        (times) => {
          const numberer = new CaseNumberer({ hall: 'H1', window: 'W1' });
          const numbers = times.map((t) => numberer.next(t));
          expect(new Set(numbers).size).to.equal(numbers.length);
        },
      ),
    );
  });
});

describe('ulid', () => {
  it('makes 26-character Crockford base-32 ids carrying their time', () => {
    const id = ulid();
    expect(isUlid(id)).to.equal(true);
    const generate = createUlidGenerator();
    const t = at('2025-03-03T01:00:00.123Z');
    expect(ulidTime(generate(t))).to.equal(t);
    expect(generate(t).slice(0, 10)).to.equal('01JNCR8NQV');
  });

  it('never collides and stays sorted in a burst of 10 000', () => {
    const ids = Array.from({ length: 10_000 }, () => ulid());
    expect(new Set(ids).size).to.equal(ids.length);
    expect([...ids].sort()).to.deep.equal(ids);
  });

  it('sorts by time (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2 ** 48 - 1 }), { minLength: 1, maxLength: 50 }), (times) => {
        const sorted = [...times].sort((a, b) => a - b);
        const generate = createUlidGenerator();
        const ids = sorted.map((t) => generate(t));
        expect(ids.map(ulidTime)).to.deep.equal(sorted);
        for (let i = 1; i < ids.length; i++) expect((ids[i] ?? '') > (ids[i - 1] ?? ''), ids.join()).to.equal(true);
        // Ids made independently (other windows) also sort by time.
        // (The next millisecond after the last one a ULID can hold has no id: asked only below it.)
        const first = sorted[0] ?? 0;
        if (first + 1 <= 2 ** 48 - 1) {
          expect(createUlidGenerator()(first) < createUlidGenerator()(first + 1)).to.equal(true);
        }
      }),
    );
  });

  it('increments within one millisecond and says so when the random part is exhausted', () => {
    const generate = createUlidGenerator((bytes) => bytes.fill(0xfe));
    const t = 1_700_000_000_000;
    const first = generate(t);
    expect(first.slice(10)).to.equal('YYYYYYYYYYYYYYYY');
    expect(generate(t).slice(10)).to.equal('YYYYYYYYYYYYYYYZ');
    expect(generate(t).slice(10)).to.equal('YYYYYYYYYYYYYYZ0');
    const full = createUlidGenerator((bytes) => bytes.fill(0xff));
    full(t);
    expect(thrown(() => full(t)).message).to.equal('ulid: random part overflowed within one millisecond');
  });

  it('rejects impossible times and tells ULIDs from look-alikes', () => {
    expect(thrown(() => ulid(-1)).message).to.equal(
      'ulid: time must be an integer number of milliseconds from 0 to 281474976710655, got -1',
    );
    for (const bad of [
      '01jnfdxe6v0000000000000000',
      '01JNFDXE6VIIIIIIIIIIIIIIII',
      '81JNFDXE6V0000000000000000',
      '01JNCR8NQV',
    ]) {
      expect(isUlid(bad), bad).to.equal(false);
    }
  });
});
