import { BehaviorSubject, type Observable } from 'rxjs';

/** What every desk's state says of its last step: busy, what went wrong (with its issues), what it did. */
export interface DeskStatus {
  busy: boolean;
  error?: { message: string; issues: readonly string[] };
  done?: string;
}

/**
 * A desk controller's state as a stream, and how its steps report: {@link run} marks it busy and turns any failure
 * into the clerk's words (a lost connection into `offline()`, an error with `issues` into its list), {@link fail} and
 * {@link patch} (a key patched to `undefined` is removed). DOM-free; a desk's controller holds one.
 */
export class DeskState<S extends DeskStatus> {
  readonly #state$: BehaviorSubject<S>;
  readonly #offline: () => string;

  /** @param offline the sentence for a hall that cannot be reached (a `HallError` with code `network`). */
  constructor(initial: S, offline: () => string) {
    this.#state$ = new BehaviorSubject(initial);
    this.#offline = offline;
  }

  get state$(): Observable<S> {
    return this.#state$;
  }

  get value(): S {
    return this.#state$.value;
  }

  /** Changes some of the state; keys given as `undefined` are removed. */
  patch(patch: Partial<S>): void {
    const next = { ...this.value, ...patch };
    for (const key of Object.keys(patch) as (keyof S)[]) if (patch[key] === undefined) delete next[key];
    this.#state$.next(next);
  }

  /** Says what went wrong (and clears what the last step did). */
  fail(message: string, issues: readonly string[] = []): void {
    this.patch({ error: { message, issues }, done: undefined } as Partial<S>);
  }

  /** Runs a step: busy while it runs, its failure said in words. */
  async run(step: () => Promise<void>): Promise<void> {
    this.patch({ busy: true, error: undefined, done: undefined } as Partial<S>);
    try {
      await step();
    } catch (error) {
      this.fail(this.errorOf(error), issuesOf(error));
    } finally {
      this.patch({ busy: false } as Partial<S>);
    }
  }

  /** The clerk's sentence for an error: a lost connection's, else its message. */
  errorOf(error: unknown): string {
    if ((error as { code?: unknown } | null)?.code === 'network') return this.#offline();
    return error instanceof Error ? error.message : String(error);
  }
}

/** The issues an error lists (an invalid record's, a refused request's), if any. */
function issuesOf(error: unknown): readonly string[] {
  const issues = (error as { issues?: unknown } | null)?.issues;
  return Array.isArray(issues) ? issues.filter((issue): issue is string => typeof issue === 'string') : [];
}
