import { LitElement, html, nothing, svg, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { WINDOW_PAUSE_REASONS } from '@yichuang/core';
import type { HallClient, QueueReport, QueueReportWindow } from '@yichuang/hall-client';
import { ObservableController, configContext, resolveLocale, type Locale, type YcConfig } from '@yichuang/ui';
import { feedStatus } from '../feed/feed-status.js';
import { categoryName, clockTime, localName, queueMsg, type QueueMessageKey } from '../i18n/messages.js';
import { axisTop, barRects, linePoints, type ChartFrame } from './charts.js';
import { QueueBoardController, type QueueBoardState } from './controller.js';
import { queueReportCsv } from './report-csv.js';
import { queueBoardStyles } from './styles.js';

/** Whole minutes of a time in ms, or a dash. */
const wholeMinutes = (ms: number | undefined): string => (ms === undefined ? '—' : String(Math.round(ms / 60_000)));
/** A share from 0 to 1 as a whole percentage, or a dash. */
const percent = (share: number | undefined): string => (share === undefined ? '—' : `${Math.round(share * 100)}%`);

/** A board message in the locale shown. */
type Say = (key: QueueMessageKey, params?: Record<string, string | number>) => string;

/** The values an axis marks: its bottom, its middle when a whole number, its top. */
const ticks = (top: number): number[] => (top % 2 === 0 ? [0, top / 2, top] : [0, top]);

/** Both charts draw in the same frame, so their text is the same size on screen. */
const FRAME: ChartFrame = { width: 640, height: 220, left: 36, bottom: 24 };

/** Detail of `yc-report-export`: the daily report as CSV and the file name it is saved under. */
export interface ReportExportDetail {
  filename: string;
  csv: string;
}

/**
 * The manager's live board of the hall (大厅运行看板): every window serving, paused, idle or closed; the people
 * waiting per service with the mean wait and service time and the no-show rate; the day's ratings; an alert for every
 * service in which someone has waited past `wait-alert-minutes`; a chart of the people waiting through the day and one
 * of the spread of service times. It prints as the daily report, and exports it as CSV (UTF-8 with a byte-order mark,
 * so Excel opens the Chinese). Follows the hall's events, so it is live without a reload; shows a past `day` as its
 * record. Ticket numbers and windows only: no name.
 *
 * Give it a hall client logged in as a manager.
 *
 * @tag yc-queue-board
 * @summary The manager's live view of the queue, with the daily report.
 * @fires {CustomEvent<ReportExportDetail>} yc-report-export - The manager exports the report: cancel it to handle the
 * CSV yourself; otherwise the browser downloads it.
 * @csspart base - The whole board.
 * @csspart status - The connection message (reconnecting, refused).
 * @csspart alerts - The long-wait alerts.
 * @csspart summary - The day's headline figures.
 * @csspart windows - The table of windows.
 * @csspart services - The table of services.
 * @csspart charts - The two charts.
 * @cssprop [--yc-board-alert=#b42318] - Colour of the alert marks.
 * @cssprop [--yc-board-chart=#0b57a4] - Colour of the charts.
 * @cssprop [--yc-font-scale=1] - Font scale.
 */
export class QueueBoard extends LitElement {
  static override styles = queueBoardStyles;

  /** The hall, logged in as a manager. */
  @property({ attribute: false }) client?: HallClient;

  /** The day shown: `today` (live) or a past `YYYY-MM-DD`. */
  @property() day = 'today';

  /** A service in which someone has waited longer than this, in minutes, is raised. */
  @property({ type: Number, attribute: 'wait-alert-minutes' }) waitAlertMinutes = 30;

  /** The heading (the hall's name). */
  @property() heading = '';

  /** UI language (`zh-CN`, `en-US`). Overrides the provider's. */
  @property() locale?: string;

  @consume({ context: configContext, subscribe: true })
  private _config?: YcConfig;

  #controller?: QueueBoardController;
  #view?: ObservableController<QueueBoardState>;

  /** The controller (for hosts that refresh on their own, and tests). */
  get controller(): QueueBoardController | undefined {
    return this.#controller;
  }

  get #locale(): Locale {
    return resolveLocale(this.locale ?? this._config?.locale);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#teardown();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.#controller && changed.has('waitAlertMinutes')) this.#controller.waitAlertMs = this.#alertMs;
    const needs = !this.#controller || changed.has('client') || changed.has('day');
    if (!this.client || !needs || !this.isConnected) return;
    this.#teardown();
    this.#controller = new QueueBoardController(this.client, { day: this.day, waitAlertMs: this.#alertMs });
    this.#view = new ObservableController(this, this.#controller.state$, this.#controller.state);
    this.#view.hostConnected();
    void this.#controller.start();
  }

  get #alertMs(): number {
    return Math.max(1, this.waitAlertMinutes) * 60_000;
  }

  #teardown(): void {
    this.#controller?.stop();
    if (this.#view) {
      this.#view.hostDisconnected();
      this.removeController(this.#view);
    }
    this.#controller = undefined;
    this.#view = undefined;
  }

  /** Offers the report shown as CSV: fires `yc-report-export`, then downloads it unless a listener cancelled. */
  exportCsv(): void {
    const report = this.#view?.value.report;
    if (!report) return;
    const detail: ReportExportDetail = {
      filename: `queue-report-${report.day}.csv`,
      csv: queueReportCsv(report, this.#locale),
    };
    const event = new CustomEvent('yc-report-export', { detail, bubbles: true, composed: true, cancelable: true });
    if (!this.dispatchEvent(event)) return;
    const url = URL.createObjectURL(new Blob([detail.csv], { type: 'text/csv;charset=utf-8' }));
    const link = Object.assign(document.createElement('a'), { href: url, download: detail.filename });
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  protected override render() {
    const locale = this.#locale;
    const state = this.#view?.value;
    const report = state?.report;
    const say: Say = (key, params) => queueMsg(locale, key, params);
    return html`<div part="base" lang=${locale}>
      <header>
        <h2>${this.heading || say('board.title')} · ${report?.day ?? ''}</h2>
        <span class="updated">${report ? say('board.updated', { time: clockTime(report.at, locale) }) : nothing}</span>
        <button type="button" ?disabled=${!report} @click=${() => window.print()}>${say('board.print')}</button>
        <button type="button" ?disabled=${!report} @click=${() => this.exportCsv()}>${say('board.csv')}</button>
      </header>
      ${feedStatus(state, locale)} ${report ? this.#body(report, state!, locale, say) : nothing}
    </div>`;
  }

  #body(report: QueueReport, state: QueueBoardState, locale: Locale, say: Say) {
    const names = new Map(report.categories.map((category) => [category.code, category]));
    const threshold = Math.round(this.#alertMs / 60_000);
    const over = new Set(state.alerts.map((alert) => alert.category));
    const { totals } = report;
    const minutes = (ms: number | undefined) =>
      ms === undefined ? '—' : say('board.minutes', { minutes: wholeMinutes(ms) });
    const tiles: [string, string][] = [
      [say('board.waiting'), String(totals.waiting)],
      [say('board.served'), String(totals.served)],
      [say('board.averageWait'), minutes(totals.averageWaitMs)],
      [say('board.averageService'), minutes(totals.averageServiceMs)],
      [say('board.noShowRate'), percent(totals.noShowRate)],
      [say('board.ratings'), String(report.ratings.total)],
      [say('board.satisfied'), percent(report.ratings.satisfiedShare)],
    ];
    return html`<section part="alerts" aria-labelledby="alerts-heading">
        <h3 id="alerts-heading">${say('board.alerts')}</h3>
        ${
          state.alerts.length === 0
            ? html`<p>${say('board.noAlerts', { threshold })}</p>`
            : html`<div role="alert">
                <ul>
                  ${state.alerts.map(
                    (alert) =>
                      html`<li>
                        ${say('board.alert', {
                          category: categoryName(names.get(alert.category), alert.category, locale),
                          minutes: Math.floor(alert.longestWaitingMs / 60_000),
                          threshold,
                          count: alert.waiting,
                        })}
                      </li>`,
                  )}
                </ul>
              </div>`
        }
      </section>
      <section part="summary" aria-labelledby="summary-heading">
        <h3 id="summary-heading">${say('board.summary')}</h3>
        <dl>
          ${tiles.map(
            ([label, value]) =>
              html`<div>
                <dt>${label}</dt>
                <dd>${value}</dd>
              </div>`,
          )}
        </dl>
      </section>
      <div class="columns">
        <section aria-labelledby="windows-heading">
          <h3 id="windows-heading">${say('board.windows')}</h3>
          <table part="windows">
            <thead>
              <tr>
                <th scope="col">${say('board.window')}</th>
                <th scope="col">${say('board.state')}</th>
                <th scope="col" class="n">${say('board.served')}</th>
                <th scope="col" class="n">${say('board.averageService')}</th>
                <th scope="col" class="n">${say('board.averageGrade')}</th>
              </tr>
            </thead>
            <tbody>
              ${report.windows.map(
                (window) =>
                  html`<tr>
                    <th scope="row">${window.name}</th>
                    <td>${this.#windowState(window, locale)}</td>
                    <td class="n">${window.served}</td>
                    <td class="n">${wholeMinutes(window.averageServiceMs)}</td>
                    <td class="n">${window.averageGrade?.toFixed(1) ?? '—'}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </section>
        <section aria-labelledby="services-heading">
          <h3 id="services-heading">${say('board.services')}</h3>
          <table part="services">
            <thead>
              <tr>
                <th scope="col">${say('board.service')}</th>
                <th scope="col" class="n">${say('board.waiting')}</th>
                <th scope="col" class="n">${say('board.served')}</th>
                <th scope="col" class="n">${say('board.noShowRate')}</th>
                <th scope="col" class="n">${say('board.averageWait')}</th>
                <th scope="col" class="n">${say('board.longestWait')}</th>
              </tr>
            </thead>
            <tbody>
              ${report.byCategory.map(
                (line) =>
                  html`<tr class=${over.has(line.category) ? 'over' : ''}>
                    <th scope="row">${categoryName(names.get(line.category), line.category, locale)}</th>
                    <td class="n">${line.waiting}</td>
                    <td class="n">${line.served}</td>
                    <td class="n">${percent(line.noShowRate)}</td>
                    <td class="n">${wholeMinutes(line.averageWaitMs)}</td>
                    <td class="n">${wholeMinutes(line.longestWaitingMs)}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
          <p class="units">${say('board.units')}</p>
        </section>
      </div>
      <div class="columns" part="charts">
        <section aria-labelledby="waiting-heading">
          <h3 id="waiting-heading">${say('board.waitingChart')}</h3>
          ${this.#waitingChart(report, locale)}
        </section>
        <section aria-labelledby="service-heading">
          <h3 id="service-heading">${say('board.serviceChart')}</h3>
          ${this.#serviceChart(report, locale)}
        </section>
      </div>`;
  }

  #windowState(window: QueueReportWindow, locale: Locale) {
    const text =
      window.state === 'serving' && window.serving
        ? queueMsg(locale, 'board.servingTicket', { number: window.serving })
        : window.state === 'paused' && window.paused
          ? queueMsg(locale, 'board.pausedFor', {
              reason: localName(WINDOW_PAUSE_REASONS[window.paused.reason], locale),
              time: clockTime(window.paused.since, locale),
            })
          : queueMsg(locale, `board.state.${window.state}`);
    return html`<span class="state" data-state=${window.state}>${text}</span>`;
  }

  #waitingChart(report: QueueReport, locale: Locale) {
    const frame = FRAME;
    const values = report.waiting.map((sample) => sample.waiting);
    const top = axisTop(Math.max(0, ...values));
    const points = linePoints(values, top, frame);
    const base = frame.height - frame.bottom;
    const line = points.map(([x, y]) => `${x},${y}`).join(' ');
    const label = queueMsg(locale, 'board.waitingChartLabel', {
      points: report.waiting.map((sample) => `${sample.time} ${sample.waiting}`).join(locale === 'en-US' ? ', ' : '，'),
    });
    return html`<svg viewBox="0 0 ${frame.width} ${frame.height}" role="img" aria-label=${label}>
      ${ticks(top).map((value) => {
        const y = linePoints([value], top, frame)[0]![1];
        return svg`<line class="grid" x1=${frame.left} x2=${frame.width} y1=${y} y2=${y}></line>
          <text x=${frame.left - 6} y=${y + 4} text-anchor="end">${value}</text>`;
      })}
      ${
        points.length > 1
          ? svg`<polygon class="area" points="${frame.left},${base} ${line} ${points.at(-1)![0]},${base}"></polygon>
              <polyline class="line" points=${line}></polyline>`
          : nothing
      }
      ${report.waiting.map((sample, index) =>
        index % 2 === 0
          ? svg`<text x=${points[index]![0]} y=${frame.height - 6} text-anchor="middle">${sample.time}</text>`
          : nothing,
      )}
    </svg>`;
  }

  #serviceChart(report: QueueReport, locale: Locale) {
    const frame = FRAME;
    const counts = report.serviceTimes.map((bar) => bar.count);
    const top = axisTop(Math.max(0, ...counts));
    const rects = barRects(counts, top, frame);
    const range = (index: number) => {
      const bar = report.serviceTimes[index]!;
      return bar.toMinutes === undefined ? `≥${bar.fromMinutes}` : `${bar.fromMinutes}–${bar.toMinutes}`;
    };
    const label = queueMsg(locale, 'board.serviceChartLabel', {
      bars: counts
        .map((count, index) => `${queueMsg(locale, 'board.minutes', { minutes: range(index) })} ${count}`)
        .join(locale === 'en-US' ? ', ' : '，'),
    });
    return html`<svg viewBox="0 0 ${frame.width} ${frame.height}" role="img" aria-label=${label}>
      ${ticks(top).map((value) => {
        const y = linePoints([value], top, frame)[0]![1];
        return svg`<line class="grid" x1=${frame.left} x2=${frame.width} y1=${y} y2=${y}></line>
          <text x=${frame.left - 6} y=${y + 4} text-anchor="end">${value}</text>`;
      })}
      ${rects.map(
        (rect, index) =>
          svg`<rect class="bar" x=${rect.x} y=${rect.y} width=${rect.width} height=${rect.height}></rect>
            <text x=${rect.x + rect.width / 2} y=${frame.height - 6} text-anchor="middle">${range(index)}</text>`,
      )}
    </svg>`;
  }
}

declare global {
  interface HTMLElementEventMap {
    'yc-report-export': CustomEvent<ReportExportDetail>;
  }
}
