/**
 * Why a window stops calling for a while (暂停服务): a short list the hall counts by, so a manager's board and the
 * day's statistics read the same words. A clerk may add a short note (staff only).
 */
export const WINDOW_PAUSE_REASONS = {
  break: { zh: '休息', en: 'Break' },
  meeting: { zh: '会议培训', en: 'Meeting or training' },
  equipment: { zh: '设备故障', en: 'Equipment fault' },
  backoffice: { zh: '后台办理', en: 'Back-office work' },
  other: { zh: '其他', en: 'Other' },
} as const;
/** Key of {@link WINDOW_PAUSE_REASONS}. */
export type WindowPauseReason = keyof typeof WINDOW_PAUSE_REASONS;
