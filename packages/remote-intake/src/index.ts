export { RemoteIntake } from './remote-intake/remote-intake.js';
export {
  ONLINE_ADDRESS,
  RemoteIntakeController,
  bestPeer,
  type RemoteForm,
  type RemoteHall,
  type RemoteIntakeOptions,
  type RemoteIntakeState,
  type RemoteRow,
  type RemoteStore,
  type RemoteView,
} from './remote-intake/controller.js';
export { REMOTE_MESSAGES, type RemoteMessageKey } from './i18n/messages.js';
