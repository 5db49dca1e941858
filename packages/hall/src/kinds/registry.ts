import type { MutationKind } from '@yichuang/hall-client/protocol.js';
import { assistSave } from './assist-save.js';
import { caseSave } from './case-save.js';
import type { MutationKindDefinition } from './kind.js';
import { ratingSave } from './rating-save.js';
import { remoteSave } from './remote-save.js';

/**
 * Every kind of mutation the hall applies, by kind. Typed by the protocol's kinds: a kind declared in the protocol
 * (`MUTATION_KINDS_SPEC`) without its definition here does not compile. Adding a kind: its wire entry in the
 * protocol, its file here (roles, checks against the hall's data, how it applies, the event it emits and that
 * event's audience in `engine/events.ts`), and its local records in the workstation store's registry.
 */
export const MUTATION_REGISTRY: { readonly [K in MutationKind]: MutationKindDefinition<K> } = {
  'case.save': caseSave,
  'rating.save': ratingSave,
  'assist.save': assistSave,
  'remote.save': remoteSave,
};
