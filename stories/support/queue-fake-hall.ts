import type { ReactiveElement } from 'lit';
import { Subject, type Observable } from 'rxjs';
import type { Ticket } from '@yichuang/core';
import { DEMO_HALL } from '@yichuang/demo-catalog';
import {
  HallError,
  type CallNext,
  type HallClient,
  type HallEvent,
  type HallHealth,
  type IssueTicket,
  type QueueCommand,
  type QueueSnapshot,
  type QueueWindow,
  type WindowPause,
  type Role,
  type Session,
} from '@yichuang/hall-client';
import { QueueFeed, type QueueFeedOptions } from '@yichuang/queue';

/**
 * The pictures a story starts from:
 * - `busy`: four windows serving, window 01 holding a number, people waiting in every service, wait estimates;
 * - `empty`: the morning before the first call: a few people waiting, nobody called, no estimate yet.
 */
export type FakeHallScene = 'busy' | 'empty';

/** Options of {@link queueFakeHall}. */
export interface FakeHallOptions {
  scene?: FakeHallScene;
  /** Whose session the client holds: a display, a kiosk, or a clerk of `window`. */
  role?: Extract<Role, 'display' | 'kiosk' | 'clerk'>;
  window?: string;
  /** Start unreachable. */
  offline?: boolean;
}

/** A fake hall in memory, for stories: the client to give an element, and a switch to pull its cable. */
export interface QueueFakeHall {
  /** Just the `HallClient` methods the queue elements use, cast to the whole interface. */
  readonly client: HallClient;
  /** While true, `health`, `queue`, `issueTicket`, `callNext` and `queueCommand` reject as a dead network does. */
  offline: boolean;
  /** The hall's clock (ms): the demo morning, a minute later for each ticket issued or called. */
  readonly time: number;
}

/** Every time in the demo picture: the morning of 4 December 2026, Beijing time (UTC+8), so screenshots are stable. */
const at = (hhmm: string) => `2026-12-04T${hhmm}:00.000+08:00`;
/** ISO in UTC, so tickets compare by string as the feed sorts them. */
const utc = (hhmm: string) => new Date(at(hhmm)).toISOString();

/** Ms each waiting person adds to a wait, per service (the hall's medians ÷ the windows calling it). */
const MS_PER_PERSON: Record<string, number> = { A: 4 * 60_000, B: 9 * 60_000, C: 12 * 60_000, V: 6 * 60_000 };

/** A fixed, ULID-shaped ticket id per number (ids are opaque; the stories never show them). */
const ticketId = (number: string) => `01KJPSTRY${number.padStart(17, '0')}`;

function ticket(number: string, issued: string, extra: Partial<Ticket> = {}): Ticket {
  return {
    id: ticketId(number),
    number,
    category: number.replace(/\d+$/, ''),
    kind: 'normal',
    issuedAt: utc(issued),
    status: 'waiting',
    ...extra,
  };
}

function called(number: string, issued: string, window: string, calledAt: string, extra: Partial<Ticket> = {}) {
  return ticket(number, issued, { status: 'called', window, calledAt: utc(calledAt), ...extra });
}

function picture(scene: FakeHallScene): Ticket[] {
  if (scene === 'empty') {
    return [
      ticket('A001', '08:52'),
      ticket('A002', '08:55'),
      ticket('B001', '08:57'),
      ticket('V001', '08:58', { kind: 'priority' }),
      ticket('A003', '08:59'),
    ];
  }
  return [
    ticket('A010', '09:05', { status: 'held', window: '01', calledAt: utc('09:31') }),
    called('V003', '09:12', '02', '09:38', { kind: 'priority' }),
    called('B007', '09:14', '03', '09:40'),
    called('A012', '09:16', '01', '09:43'),
    called('C021', '09:18', '04', '09:44', { recalls: 1 }),
    ticket('A013', '09:20'),
    ticket('B008', '09:21'),
    ticket('C022', '09:23'),
    ticket('A014', '09:24'),
    ticket('V004', '09:25', { kind: 'priority' }),
    ticket('A015', '09:26'),
    ticket('C023', '09:27'),
    ticket('B009', '09:28'),
    ticket('A016', '09:29'),
    ticket('C024', '09:30'),
    ticket('A017', '09:30'),
  ];
}

/** The session of the device or clerk the story plays. */
function sessionOf(role: FakeHallOptions['role'], window: string): Session {
  const common = { token: 'story', hall: DEMO_HALL.code, expiresAt: '2099-01-01T00:00:00.000Z' };
  if (role === 'clerk')
    return { ...common, role, subject: `clerk${window}`, name: '王晓雨', window, windows: [window] };
  if (role === 'kiosk') return { ...common, role, subject: 'kiosk-1', name: '一层自助取号机' };
  return { ...common, role: 'display', subject: 'display-1', name: '一层大厅显示屏' };
}

/**
 * A hall in memory for the queue stories: the demo hall's services (A 综合业务, B 企业服务, C 不动产登记, V 帮办代办)
 * and windows 01–05, a fixed picture of the morning, and the few commands the stories give. It keeps no queue rule
 * beyond the trivial: the next ticket of a window is the first waiting one of its services, in its order.
 */
export function queueFakeHall(options: FakeHallOptions = {}): QueueFakeHall {
  const window = options.window ?? '01';
  const session = sessionOf(options.role ?? 'display', window);
  const tickets = picture(options.scene ?? 'busy');
  const events = new Subject<HallEvent>();
  let lastEventId = 100;
  // Numbers issued today per letter, after those of the picture.
  const issued = new Map<string, number>();
  for (const { number, category } of tickets) {
    issued.set(category, Math.max(issued.get(category) ?? 0, Number(number.slice(category.length))));
  }
  // Tickets issued or called in a story: a minute after the picture, and one more for each.
  let clock = new Date(at('09:45')).getTime();
  const now = () => new Date((clock += 60_000)).toISOString();

  let offline = options.offline ?? false;
  const reachable = () => {
    if (offline) throw new HallError('无法连接大厅服务器', 'network', 0);
  };
  const emit = (type: 'ticket.issued' | 'ticket.called' | 'ticket.updated', changed: Ticket) =>
    events.next({ id: ++lastEventId, type, at: now(), data: { ticket: { ...changed } } });
  const current = (code: string) => tickets.find((held) => held.window === code && held.status === 'called');
  /** Windows paused in a story. */
  const pauses = new Map<string, WindowPause>();
  const windowOf = (code: string): QueueWindow => {
    const found = structuredClone(DEMO_HALL.windows.find((candidate) => candidate.code === code)!);
    const paused = pauses.get(code);
    return paused ? { ...found, paused: { ...paused } } : found;
  };
  /** The window's current ticket done and out of today's open tickets. */
  const finish = (code: string): Ticket | undefined => {
    const serving = current(code);
    if (!serving) return undefined;
    tickets.splice(tickets.indexOf(serving), 1);
    const done: Ticket = { ...serving, status: 'done', finishedAt: now() };
    emit('ticket.updated', done);
    return done;
  };
  const call = (code: string, next: Ticket): Ticket => {
    finish(code);
    Object.assign(next, { status: 'called', window: code, calledAt: now() });
    emit('ticket.called', next);
    return { ...next };
  };
  const categoriesOf = (code: string) =>
    DEMO_HALL.windows.find((candidate) => candidate.code === code)?.categories ?? [];

  const client = {
    get session(): Session {
      return session;
    },
    async health(): Promise<HallHealth> {
      reachable();
      return { status: 'ok', version: 'story', hall: DEMO_HALL.code, catalogVersion: 'story', time: at('09:45') };
    },
    async queue(): Promise<QueueSnapshot> {
      reachable();
      const served = options.scene !== 'empty';
      return {
        categories: DEMO_HALL.categories.map((category) => ({ ...category, name: { ...category.name } })),
        windows: DEMO_HALL.windows.map(({ code }) => windowOf(code)),
        tickets: structuredClone(tickets),
        waits: DEMO_HALL.categories.map(({ code }) => {
          const waiting = tickets.filter((open) => open.category === code && open.status === 'waiting').length;
          const perPerson = MS_PER_PERSON[code];
          return served && perPerson !== undefined
            ? { category: code, waiting, estimatedWaitMs: waiting * perPerson, msPerPerson: perPerson }
            : { category: code, waiting };
        }),
        lastEventId,
      };
    },
    events(): Observable<HallEvent> {
      return events.asObservable();
    },
    async issueTicket(request: IssueTicket): Promise<Ticket> {
      reachable();
      const category = DEMO_HALL.categories.find((candidate) => candidate.code === request.category);
      if (!category)
        throw new HallError('没有这项业务', 'invalid', 400, [`category: 没有“${request.category}”这项业务`]);
      const count = (issued.get(category.code) ?? 0) + 1;
      issued.set(category.code, count);
      const fresh: Ticket = {
        id: ticketId(`${category.letter}${count}`),
        number: `${category.letter}${String(count).padStart(3, '0')}`,
        category: category.code,
        kind: request.kind ?? 'normal',
        issuedAt: now(),
        status: 'waiting',
        ...(request.appointmentRef ? { appointmentRef: request.appointmentRef.toUpperCase() } : {}),
      };
      tickets.push(fresh);
      emit('ticket.issued', fresh);
      return { ...fresh };
    },
    async callNext(request: CallNext): Promise<Ticket | undefined> {
      reachable();
      const order = request.categories ?? categoriesOf(request.window);
      const next = order
        .map((code) => tickets.find((waiting) => waiting.status === 'waiting' && waiting.category === code))
        .find((found) => found !== undefined);
      return next ? call(request.window, next) : undefined;
    },
    async queueCommand(command: QueueCommand): Promise<Ticket | QueueWindow> {
      reachable();
      const code = command.window;
      if (command.command === 'pause' || command.command === 'reopen') {
        if (command.command === 'pause') {
          pauses.set(code, {
            reason: command.reason,
            since: now(),
            by: session.subject,
            ...(command.note ? { note: command.note } : {}),
          });
        } else pauses.delete(code);
        const changed = windowOf(code);
        events.next({ id: ++lastEventId, type: 'window.updated', at: now(), data: { window: changed } });
        return changed;
      }
      if (command.command === 'call' || command.command === 'resume') {
        const chosen = tickets.find((open) => open.id === command.ticket);
        if (!chosen) throw new HallError('没有这个号码', 'not-found', 404);
        return call(code, chosen);
      }
      const serving = current(code);
      if (!serving) throw new HallError('本窗口当前没有号码', 'conflict', 409);
      switch (command.command) {
        case 'finish':
          return finish(code)!;
        case 'recall':
          serving.recalls = (serving.recalls ?? 0) + 1;
          serving.calledAt = now();
          emit('ticket.called', serving);
          return { ...serving };
        case 'hold':
          serving.status = 'held';
          emit('ticket.updated', serving);
          return { ...serving };
        case 'no-show':
        case 'transfer': {
          // No queue rule here: a no-show leaves, a transfer waits again at the end of its new service.
          tickets.splice(tickets.indexOf(serving), 1);
          const after: Ticket =
            command.command === 'no-show'
              ? { ...serving, status: 'no-show' }
              : {
                  ...serving,
                  status: 'waiting',
                  category: command.category ?? serving.category,
                  transferredFrom: { category: serving.category, window: code },
                  ...(command.toWindow ? { forWindow: command.toWindow } : {}),
                };
          if (after.status === 'waiting') tickets.push(after);
          emit('ticket.updated', after);
          return { ...after };
        }
      }
    },
  };
  return {
    client: client as unknown as HallClient,
    get offline() {
      return offline;
    },
    set offline(value: boolean) {
      offline = value;
    },
    get time() {
      return clock;
    },
  };
}

/**
 * A feed over the fake hall that loses the hall once its first picture is in, asking often whether it answers: the
 * reconnecting state, with the last picture kept. `stop()` it when the story goes (see {@link whenRendered}).
 */
export function feedThatDrops(hall: QueueFakeHall, options: QueueFeedOptions = {}): QueueFeed {
  const feed = new QueueFeed(hall.client, { healthEveryMs: 200, now: () => hall.time, ...options });
  void feed.start().then(() => (hall.offline = true));
  return feed;
}

/**
 * A `ref` callback that runs `scene` once the element has rendered for the first time, and `gone` when the story
 * removes it (Storybook switches stories): the stories' way to put an element in a state its controller reaches.
 * The element carries `data-scene="pending"` until `scene` has settled, so a screenshot waits for the state.
 */
export function whenRendered<E extends ReactiveElement>(
  scene: (element: E) => void | Promise<void>,
  gone?: () => void,
): (element: Element | undefined) => void {
  return (element) => {
    if (!element) {
      gone?.();
      return;
    }
    const host = element as E;
    // Pending until the scene is in: the visual regression run waits for no `[data-scene="pending"]`.
    host.dataset['scene'] = 'pending';
    void host.updateComplete.then(() => scene(host)).finally(() => delete host.dataset['scene']);
  };
}
