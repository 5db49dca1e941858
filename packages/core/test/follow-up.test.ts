import { expect } from '@open-wc/testing';
import {
  DEFAULT_FOLLOW_UP_DAYS,
  WorkingDayCalendar,
  defaultCalendar,
  followUpDue,
  isFollowUpOverdue,
} from '@yichuang/core';

describe('follow-up of a bad rating (差评整改)', () => {
  it('is due 5 working days after the rating’s day, across 国庆 and its make-up Saturday', () => {
    expect(DEFAULT_FOLLOW_UP_DAYS).to.equal(5);
    // 8, 9, 10 (Saturday, a make-up working day), 12 and 13 October 2026.
    expect(followUpDue(defaultCalendar, '2026-09-30', 5)).to.equal('2026-10-13');
    expect(followUpDue(defaultCalendar, '2026-10-13', 1)).to.equal('2026-10-14');
  });

  it('counts Monday to Friday in a year whose holiday notice is not loaded, rather than failing', () => {
    const calendar = new WorkingDayCalendar([]);
    // Friday 4 January 2030: 7, 8, 9, 10 and 11 January.
    expect(followUpDue(calendar, '2030-01-04', 5)).to.equal('2030-01-11');
  });

  it('is overdue while open past its due day, not on the due day, never once closed', () => {
    expect(isFollowUpOverdue({ status: 'open', due: '2026-10-13' }, '2026-10-13')).to.equal(false);
    expect(isFollowUpOverdue({ status: 'open', due: '2026-10-13' }, '2026-10-14')).to.equal(true);
    expect(isFollowUpOverdue({ status: 'closed', due: '2026-10-13' }, '2026-12-01')).to.equal(false);
  });
});
