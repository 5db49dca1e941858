import type { HolidaySchedule } from './schedule.js';

// Holiday arrangements published by the General Office of the State Council (国务院办公厅关于…部分节假日安排的通知).
// Plain data: when the next notice comes out (usually October–December), add its year here, or load it at run time
// with `calendar.load(schedule)`. Checked against the notices and against the npm package `chinese-days` 1.5.7.

/** 2023: 国办发明电〔2022〕16号, published 2022-12-08. */
export const HOLIDAYS_2023: HolidaySchedule = {
  year: 2023,
  published: '国办发明电〔2022〕16号 (2022-12-08)',
  holidays: [
    { name: '元旦', from: '2022-12-31', to: '2023-01-02' },
    { name: '春节', from: '2023-01-21', to: '2023-01-27' },
    { name: '清明节', from: '2023-04-05', to: '2023-04-05' },
    { name: '劳动节', from: '2023-04-29', to: '2023-05-03' },
    { name: '端午节', from: '2023-06-22', to: '2023-06-24' },
    { name: '中秋节、国庆节', from: '2023-09-29', to: '2023-10-06' },
  ],
  workdays: ['2023-01-28', '2023-01-29', '2023-04-23', '2023-05-06', '2023-06-25', '2023-10-07', '2023-10-08'],
};

/** 2024: 国办发明电〔2023〕7号, published 2023-10-25. */
export const HOLIDAYS_2024: HolidaySchedule = {
  year: 2024,
  published: '国办发明电〔2023〕7号 (2023-10-25)',
  holidays: [
    { name: '元旦', from: '2023-12-30', to: '2024-01-01' },
    { name: '春节', from: '2024-02-10', to: '2024-02-17' },
    { name: '清明节', from: '2024-04-04', to: '2024-04-06' },
    { name: '劳动节', from: '2024-05-01', to: '2024-05-05' },
    { name: '端午节', from: '2024-06-08', to: '2024-06-10' },
    { name: '中秋节', from: '2024-09-15', to: '2024-09-17' },
    { name: '国庆节', from: '2024-10-01', to: '2024-10-07' },
  ],
  workdays: [
    '2024-02-04',
    '2024-02-18',
    '2024-04-07',
    '2024-04-28',
    '2024-05-11',
    '2024-09-14',
    '2024-09-29',
    '2024-10-12',
  ],
};

/** 2025: 国办发明电〔2024〕12号, published 2024-11-12 (first year with 13 statutory days: 除夕 and 5月2日 added). */
export const HOLIDAYS_2025: HolidaySchedule = {
  year: 2025,
  published: '国办发明电〔2024〕12号 (2024-11-12)',
  holidays: [
    { name: '元旦', from: '2025-01-01', to: '2025-01-01' },
    { name: '春节', from: '2025-01-28', to: '2025-02-04' },
    { name: '清明节', from: '2025-04-04', to: '2025-04-06' },
    { name: '劳动节', from: '2025-05-01', to: '2025-05-05' },
    { name: '端午节', from: '2025-05-31', to: '2025-06-02' },
    { name: '国庆节、中秋节', from: '2025-10-01', to: '2025-10-08' },
  ],
  workdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
};

/** 2026: 国办发明电〔2025〕7号, published 2025-11-04. */
export const HOLIDAYS_2026: HolidaySchedule = {
  year: 2026,
  published: '国办发明电〔2025〕7号 (2025-11-04)',
  holidays: [
    { name: '元旦', from: '2026-01-01', to: '2026-01-03' },
    { name: '春节', from: '2026-02-15', to: '2026-02-23' },
    { name: '清明节', from: '2026-04-04', to: '2026-04-06' },
    { name: '劳动节', from: '2026-05-01', to: '2026-05-05' },
    { name: '端午节', from: '2026-06-19', to: '2026-06-21' },
    { name: '中秋节', from: '2026-09-25', to: '2026-09-27' },
    { name: '国庆节', from: '2026-10-01', to: '2026-10-07' },
  ],
  workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
};

/** Every schedule shipped with this release, oldest first. */
export const HOLIDAY_SCHEDULES: readonly HolidaySchedule[] = [
  HOLIDAYS_2023,
  HOLIDAYS_2024,
  HOLIDAYS_2025,
  HOLIDAYS_2026,
];
