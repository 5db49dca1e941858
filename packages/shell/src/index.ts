export { ClerkLogin } from './clerk-login/clerk-login.js';
export { SyncStatusBar, type SyncStatusSource } from './sync-status/sync-status.js';
export { WindowDesk, DESK_TABS, type DeskTab } from './window-desk/window-desk.js';
export {
  WorkstationSession,
  personLine,
  SESSION_STORAGE_KEY,
  DEFAULT_LOCK_AFTER_MS,
  type SessionPhase,
  type SessionState,
  type SignIn,
  type SessionStorageLike,
  type WorkstationSessionOptions,
} from './session/workstation-session.js';
export {
  elementLifecycles,
  type ElementModule,
  type ModuleLifecycles,
  type ModuleProps,
} from './lifecycles/element-lifecycles.js';
export {
  windowModule,
  intakeModule,
  kioskModule,
  displayModule,
  padModule,
  boardModule,
  assistModule,
  remoteModule,
  embeddedIntakeModule,
  type EmbeddedProps,
  type WorkstationProps,
} from './modules.js';
export {
  WORKSTATION_ROUTES,
  routeOf,
  homeOf,
  mayOpen,
  routesOf,
  routeTitle,
  shellMessage,
  type RouteName,
  type WorkstationRoute,
} from './routes.js';
export { SHELL_MESSAGES, type ShellMessageKey, type ShellLocale } from './i18n/messages.js';
export { hallCatalog } from './catalog/hall-catalog.js';
export { connectionOf } from './sync-status/sync-status.js';
export { HallConnection, type HallConnectionOptions } from './session/hall-connection.js';
