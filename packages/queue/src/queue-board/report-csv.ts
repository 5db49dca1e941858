import { RATING_GRADES, type QueueFigures } from '@yichuang/core';
import type { QueueReport } from '@yichuang/hall-client';
import type { Locale } from '@yichuang/ui';
import { categoryName, localName, queueMsg, type QueueMessageKey } from '../i18n/messages.js';

/** Minutes, one decimal, of a time in ms; empty when there is none. */
const minutes = (ms: number | undefined): string => (ms === undefined ? '' : (ms / 60_000).toFixed(1));
/** A share from 0 to 1 as a percentage, one decimal, which a spreadsheet reads as one; empty when there is none. */
const percent = (share: number | undefined): string => (share === undefined ? '' : `${(share * 100).toFixed(1)}%`);

/** One CSV field: quoted when it holds a comma, a quote or a line break; a leading formula sign defused. */
function field(value: string | number): string {
  let text = String(value);
  // A spreadsheet runs a cell that starts with = + - @ as a formula: a category name must never do that.
  if (/^[=+\-@]/.test(text) && typeof value === 'string') text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const row = (values: readonly (string | number)[]): string => values.map(field).join(',');

/** The figures' columns, after a first column naming the line. */
const FIGURE_COLUMNS: readonly QueueMessageKey[] = [
  'board.issued',
  'board.waiting',
  'board.served',
  'board.noShows',
  'board.noShowRate',
  'board.averageWait',
  'board.averageService',
  'board.longestWait',
];

const figureCells = (figures: QueueFigures): (string | number)[] => [
  figures.issued,
  figures.waiting,
  figures.served,
  figures.noShows,
  percent(figures.noShowRate),
  minutes(figures.averageWaitMs),
  minutes(figures.averageServiceMs),
  minutes(figures.longestWaitingMs),
];

/**
 * The daily report as CSV: UTF-8 with a byte-order mark (so Excel opens the Chinese as Chinese), CRLF line ends, one
 * table per section (services, windows, waiting through the day, service times, ratings) with a blank line between.
 * Times in minutes, shares in percent. Pure: the board offers it as a download.
 * @example queueReportCsv(report, 'zh-CN').startsWith('\uFEFF') // true
 */
export function queueReportCsv(report: QueueReport, locale: Locale): string {
  const say = (key: QueueMessageKey, params?: Record<string, string | number>) => queueMsg(locale, key, params);
  const names = new Map(report.categories.map((category) => [category.code, category]));
  const lines = [
    row([say('board.title'), report.day, say('board.at'), report.at]),
    row([say('board.units')]),
    '',
    row([say('board.service'), ...FIGURE_COLUMNS.map((key) => say(key))]),
    ...report.byCategory.map((line) =>
      row([categoryName(names.get(line.category), line.category, locale), ...figureCells(line)]),
    ),
    row([say('board.total'), ...figureCells(report.totals)]),
    '',
    row([
      say('board.window'),
      say('board.state'),
      say('board.served'),
      say('board.averageService'),
      say('board.ratings'),
      say('board.averageGrade'),
    ]),
    ...report.windows.map((window) =>
      row([
        window.name,
        say(`board.state.${window.state}`),
        window.served,
        minutes(window.averageServiceMs),
        window.ratings,
        window.averageGrade ?? '',
      ]),
    ),
    '',
    row([say('board.time'), say('board.waiting')]),
    ...report.waiting.map((sample) => row([sample.time, sample.waiting])),
    '',
    row([say('board.serviceMinutes'), say('board.count')]),
    ...report.serviceTimes.map((bar) =>
      row([bar.toMinutes === undefined ? `≥${bar.fromMinutes}` : `${bar.fromMinutes}–${bar.toMinutes}`, bar.count]),
    ),
    '',
    row([say('board.grade'), say('board.count')]),
    ...([5, 4, 3, 2, 1] as const).map((grade) =>
      row([localName(RATING_GRADES[grade], locale), report.ratings.byGrade[grade] ?? 0]),
    ),
    row([say('board.satisfied'), percent(report.ratings.satisfiedShare)]),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
