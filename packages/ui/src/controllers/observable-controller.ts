import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Observable, Subscription } from 'rxjs';

/**
 * Renders a Lit host whenever an observable emits, while the host is connected: the bridge between the
 * DOM-free controllers (RxJS out) and thin views.
 */
export class ObservableController<T> implements ReactiveController {
  value: T;
  #subscription?: Subscription;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly source: Observable<T>,
    initial: T,
  ) {
    this.value = initial;
    host.addController(this);
  }

  hostConnected(): void {
    this.#subscription = this.source.subscribe((value) => {
      this.value = value;
      this.host.requestUpdate();
    });
  }

  hostDisconnected(): void {
    this.#subscription?.unsubscribe();
    this.#subscription = undefined;
  }
}
