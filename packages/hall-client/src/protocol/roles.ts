/**
 * Who may call the hall server. A clerk and a manager log in with a password; kiosks, hall displays and rating
 * pads are devices enrolled with a device token.
 */
export const ROLES = {
  clerk: { zh: '窗口人员', en: 'Window clerk' },
  manager: { zh: '大厅管理人员', en: 'Hall manager' },
  kiosk: { zh: '自助取号机', en: 'Ticket kiosk' },
  display: { zh: '大厅显示屏', en: 'Hall display' },
  'rating-pad': { zh: '评价器', en: 'Rating pad' },
} as const;
/** Key of {@link ROLES}. */
export type Role = keyof typeof ROLES;
/** Every role, in a stable order. */
export const ROLE_KEYS = Object.keys(ROLES) as [Role, ...Role[]];
