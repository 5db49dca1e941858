/**
 * A deciding department that decides on its own: the demo hall's stand-in for the departments' approval systems
 * (审批系统) a real hall exchanges results with. Every `intervalMs` it takes the cases the hall forwarded at least
 * `afterMs` ago and sends back a granted result named as the item's catalog entry names its result, recorded by the
 * hall with its own vault (the trail names the department code `dept-sim`) and the applicant told where the hall has
 * an SMS gateway. Nothing personal is read here.
 * @module
 */
import { demoCatalog } from '@yichuang/demo-catalog';
import type { HallEngine } from '@yichuang/hall';

/** The code the simulated department's trail lines carry. */
export const SIMULATED_DEPARTMENT = 'dept-sim';

export interface SimulatedDepartmentOptions {
  /** How long after forwarding a case is decided. */
  afterMs: number;
  /** How often forwarded cases are looked for (default: a fifth of `afterMs`, between 1 s and 60 s). */
  intervalMs?: number;
  now?: () => number;
}

export class SimulatedDepartment {
  readonly #engine: HallEngine;
  readonly #afterMs: number;
  readonly #intervalMs: number;
  readonly #now: () => number;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<number> | undefined;

  constructor(engine: HallEngine, options: SimulatedDepartmentOptions) {
    this.#engine = engine;
    this.#afterMs = options.afterMs;
    this.#intervalMs = options.intervalMs ?? Math.min(60_000, Math.max(1000, Math.floor(options.afterMs / 5)));
    this.#now = options.now ?? Date.now;
  }

  /** Decides what is due every interval until {@link stop}. */
  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => void this.decideDue().catch(() => undefined), this.#intervalMs);
    this.#timer.unref();
  }

  /** Stops, and waits for a round under way. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running?.catch(() => undefined);
  }

  /** Decides every forwarded case due now; resolves how many got their result. One round at a time. */
  decideDue(): Promise<number> {
    this.#running ??= this.#round().finally(() => (this.#running = undefined));
    return this.#running;
  }

  async #round(): Promise<number> {
    const before = new Date(this.#now() - this.#afterMs).toISOString();
    let decided = 0;
    for (const due of await this.#engine.awaitingResults(before)) {
      const item = demoCatalog.items.find((candidate) => candidate.id === due.itemIds[0]);
      try {
        await this.#engine.recordDepartmentResult(due.caseId, SIMULATED_DEPARTMENT, {
          outcome: 'granted',
          name: item?.result.name ?? '办理结果',
          documentNumber: `模拟〔${new Date(this.#now()).getFullYear()}〕${due.number.slice(-4)}号`,
          department: item?.agency.name ?? '审批部门（模拟）',
          decidedAt: new Date(this.#now()).toISOString(),
        });
        decided += 1;
      } catch {
        // A case changed meanwhile (withdrawn, or a supplement still awaited) keeps its status: the next round sees it.
      }
    }
    return decided;
  }
}
