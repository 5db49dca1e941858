export { RatingPad } from './rating-pad/rating-pad.js';
export { RatingFollowUp } from './rating-followup/rating-followup.js';
export {
  FollowUpController,
  type FollowUpDraft,
  type FollowUpHall,
  type FollowUpProblem,
  type FollowUpState,
} from './rating-followup/controller.js';
export {
  RatingPadController,
  SYSTEM_CLOCK,
  type PadClock,
  type RatedTicket,
  type RatingOutcome,
  type RatingPadConnection,
  type RatingPadHall,
  type RatingPadOptions,
  type RatingPadPhase,
  type RatingPadProblem,
  type RatingPadState,
  type RatingSubmission,
} from './rating-pad/controller.js';
export {
  BAD_RATING_REASONS,
  MAX_PAD_COMMENT,
  PAD_DIMENSIONS,
  PAD_GRADES,
  isBadGrade,
  ratingComment,
  type BadRatingReason,
  type PadDimension,
} from './rating-pad/choices.js';
export { RatingSubmittedEvent, type RatingSubmittedDetail } from './rating-pad/rating-submitted-event.js';
export {
  InvitationError,
  MAX_INVITATION_TEXT,
  invitationMessage,
  sendRatingInvitation,
  type InvitationProblem,
  type RatingInvitation,
} from './sms-invitation/invitation.js';
// The notification adapter is the devices package's, shared with the tolerance ledger's reminders.
export {
  SimulatedSmsGateway,
  maskPhone,
  type NotificationAdapter,
  type SimulatedSms,
  type SmsMessage,
  type SmsReceipt,
} from '@yichuang/devices';
export { EVALUATION_MESSAGES, type EvaluationMessageKey } from './i18n/messages.js';
