// Defines the elements of @yichuang/remote-intake. The only module of the package with a side effect: a host page, or
// a second copy of the SDK, decides what gets defined; an element already defined is left alone.
import { RemoteIntake } from './remote-intake/remote-intake.js';

export const REMOTE_INTAKE_ELEMENTS = { 'yc-remote-intake': RemoteIntake } as const;

for (const [tag, element] of Object.entries(REMOTE_INTAKE_ELEMENTS)) {
  if (!customElements.get(tag)) customElements.define(tag, element);
}

declare global {
  interface HTMLElementTagNameMap {
    'yc-remote-intake': RemoteIntake;
  }
}
