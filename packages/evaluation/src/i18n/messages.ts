import { messagesOf, type MessageTable } from '@yichuang/ui';

/**
 * The sentences of `@yichuang/evaluation`, zh-CN first. Each is whole, with named `{params}`; what depends on a
 * number gives its plural forms. The grade names come from the core (`RATING_GRADES`), not from here.
 */
export const EVALUATION_MESSAGES = {
  'zh-CN': {
    'pad.label': '服务评价',
    'pad.window': '{window} 号窗口',
    'pad.idle.title': '欢迎您对我们的服务进行评价',
    'pad.idle.body': '本窗口办理结束后，请在这里为本次服务评价。评价自愿，不评价也不影响办事。',
    'pad.invite.title': '请为本次服务评价',
    'pad.invite.ticket': '您的排队号：{number}',
    'pad.grade.legend': '您对本次服务满意吗？',
    'pad.dimensions.legend': '分项评价（选填，三项都评或都不评）',
    'pad.dimension.efficiency': '办事效率',
    'pad.dimension.level': '业务水平',
    'pad.dimension.attitude': '服务态度',
    'pad.reasons.legend': '请选择不满意的原因（可多选）',
    'pad.reason.attitude': '服务态度不好',
    'pad.reason.slow': '办理时间长',
    'pad.reason.skill': '业务不熟练',
    'pad.reason.notice': '没有一次性告知',
    'pad.reason.visits': '需要多次跑腿',
    'pad.reason.materials': '要求的材料过多',
    'pad.reason.other': '其他问题',
    'pad.comment.label': '您的意见或建议（选填）',
    'pad.comment.hint': '请不要填写姓名、电话、身份证号等个人信息。最多 {max} 字。',
    'pad.problem.grade': '请先选择一个满意程度。',
    'pad.problem.reasons': '请至少选择一个不满意的原因，以便我们核实整改。',
    'pad.problem.dimensions': '分项评价请三项都评，或者都不评。',
    'pad.voluntary': { plural: 'seconds', other: '评价自愿。{seconds} 秒内无操作将自动返回，不保存评价。' },
    'pad.submit': '提交评价',
    'pad.skip': '不评价',
    'pad.sending': '正在提交评价…',
    'pad.thanks.title': '感谢您的评价！',
    'pad.thanks.saved': '您的评价已提交。',
    'pad.thanks.kept': '网络暂时不通，您的评价已保存在本机，恢复连接后会自动提交。',
    'pad.thanks.refused': '大厅未能接受本次评价，评价没有保存。请告知窗口工作人员。',
    'pad.thanks.followUp': '我们会核实您反映的问题，并尽快改进。',
    'pad.connection.connecting': '正在连接大厅服务器…',
    'pad.connection.offline': '无法连接大厅服务器。现在仍可评价，评价会保存在本机，恢复连接后自动提交。',
    'pad.connection.signed-out': '评价器未登录或登录已失效，暂时无法接收评价邀请。请联系大厅管理员。',
    'pad.connection.other-window':
      '评价器登记的窗口（{session} 号）与设置的窗口（{window} 号）不一致。请联系大厅管理员。',
    'pad.pending': { plural: 'count', other: '有 {count} 条评价保存在本机，等待提交。' },
    'pad.refused': { plural: 'count', other: '有 {count} 条评价被大厅拒收，未能保存。请联系大厅管理员。' },
    'pad.noClient': '评价器尚未连接大厅。',
  },
  'en-US': {
    'pad.label': 'Rate our service',
    'pad.window': 'Window {window}',
    'pad.idle.title': 'Please rate our service',
    'pad.idle.body':
      'When your business at this window is done, you can rate the service here. Rating is voluntary and does not affect your case.',
    'pad.invite.title': 'Please rate this service',
    'pad.invite.ticket': 'Your ticket: {number}',
    'pad.grade.legend': 'How satisfied are you with this service?',
    'pad.dimensions.legend': 'In detail (optional: rate all three or none)',
    'pad.dimension.efficiency': 'Efficiency',
    'pad.dimension.level': 'Professional level',
    'pad.dimension.attitude': 'Attitude',
    'pad.reasons.legend': 'What went wrong? (choose any)',
    'pad.reason.attitude': 'Unfriendly service',
    'pad.reason.slow': 'It took too long',
    'pad.reason.skill': 'The clerk did not know the rules well',
    'pad.reason.notice': 'I was not told everything at once',
    'pad.reason.visits': 'I had to come back several times',
    'pad.reason.materials': 'Too many documents were asked for',
    'pad.reason.other': 'Something else',
    'pad.comment.label': 'Your comment or suggestion (optional)',
    'pad.comment.hint': 'Please do not write your name, phone or ID number. At most {max} characters.',
    'pad.problem.grade': 'Please choose how satisfied you are first.',
    'pad.problem.reasons': 'Please choose at least one reason, so that the hall can look into it.',
    'pad.problem.dimensions': 'Please rate all three details, or none of them.',
    'pad.voluntary': {
      plural: 'seconds',
      one: 'Rating is voluntary. Without a touch for 1 second this screen closes and nothing is saved.',
      other: 'Rating is voluntary. Without a touch for {seconds} seconds this screen closes and nothing is saved.',
    },
    'pad.submit': 'Submit rating',
    'pad.skip': 'No, thanks',
    'pad.sending': 'Sending your rating…',
    'pad.thanks.title': 'Thank you for your rating!',
    'pad.thanks.saved': 'Your rating has been sent.',
    'pad.thanks.kept':
      'The network is down for now: your rating is kept on this pad and will be sent when the connection is back.',
    'pad.thanks.refused': 'The hall did not accept this rating and it was not saved. Please tell the clerk.',
    'pad.thanks.followUp': 'We will look into what you reported and improve.',
    'pad.connection.connecting': 'Connecting to the hall…',
    'pad.connection.offline':
      'The hall cannot be reached. You can still rate: ratings are kept on this pad and sent when the connection is back.',
    'pad.connection.signed-out':
      'This rating pad is not signed in, or its sign-in expired: it cannot receive rating invitations. Please call the hall administrator.',
    'pad.connection.other-window':
      'This rating pad is enrolled for window {session}, but set up for window {window}. Please call the hall administrator.',
    'pad.pending': {
      plural: 'count',
      one: '1 rating is kept on this pad, waiting to be sent.',
      other: '{count} ratings are kept on this pad, waiting to be sent.',
    },
    'pad.refused': {
      plural: 'count',
      one: 'The hall refused 1 rating; it was not saved. Please call the hall administrator.',
      other: 'The hall refused {count} ratings; they were not saved. Please call the hall administrator.',
    },
    'pad.noClient': 'This rating pad is not connected to a hall yet.',
  },
} satisfies MessageTable<string>;

/** Key of the messages of `@yichuang/evaluation`. */
export type EvaluationMessageKey = keyof (typeof EVALUATION_MESSAGES)['zh-CN'];

/** The message `key` of `@yichuang/evaluation` in `locale`, `{name}` placeholders filled. */
export const msg = messagesOf<EvaluationMessageKey>(EVALUATION_MESSAGES);
