import { messagesOf, type MessageTable } from '@yichuang/ui';

/**
 * The sentences of `@yichuang/intake`, zh-CN first. Each is whole, with named `{params}`; what depends on a number
 * gives its plural forms. Receipt kinds, decisions and the state machine's refusals come from the core
 * (`RECEIPT_KINDS`, `INTAKE_DECISIONS`, `IllegalTransitionError.localized`), not from here.
 */
export const INTAKE_MESSAGES = {
  'zh-CN': {
    'checklist.title': '材料核验',
    'checklist.empty': '请先选择要办理的事项，材料清单会按事项列出。',
    'checklist.summary':
      '共 {total} 项材料：已收 {received} 项，容缺 {tolerated} 项，告知承诺 {commitment} 项，缺 {missing} 项，未核验 {unchecked} 项。',
    'checklist.requiredOpen': { plural: 'count', other: '还有 {count} 项必要材料未收取。' },
    'checklist.allRequired': '必要材料已全部收取或承诺。',
    'checklist.required': '必要',
    'checklist.optional': '非必要',
    'checklist.usedBy': '用于：{items}',
    'checklist.standard': '要求：{standard}',
    'checklist.receipt': '收取方式',
    'checklist.copies': '份数',
    'checklist.copiesAsked': '（清单要求 {copies} 份）',
    'checklist.note': '问题说明（写入告知书）',
    'checklist.notePlaceholder': '如：复印件不清晰，需加盖公章',
    'checklist.problem.note-long': '问题说明最多 {max} 字，请精简。此项材料暂未记入案件。',
    'checklist.problem.copies': '份数应为 0 到 99 的整数。此项材料暂未记入案件。',
    'checklist.dropped': '以下材料不在所选事项的清单上，已移除：{materials}。',
    'decision.title': '受理决定',
    'decision.legend': '请选择本次办理结果',
    'decision.unavailable': '不可选：{reason}',
    'decision.reason': '理由',
    'decision.reasonHint.notify-incomplete': '请写明需要补正的事项，申请人将收到一次性告知书。',
    'decision.reasonHint.refuse': '请写明不予受理的依据和原因。',
    'decision.supplementDue': '补正期限（最迟哪一天补齐容缺材料）',
    'decision.consequence': '逾期未补齐的，按事项规定处理（撤销受理、作废或移交处理），并记入案件。',
    'decision.notice.notify-incomplete': '一次性告知书：申请人需要补正的材料',
    'decision.notice.accept-with-tolerance': '容缺受理承诺书：申请人承诺补齐的材料',
    'decision.notice.empty': '没有缺少或需要补正的材料。',
    'decision.line.state': '（{status}）',
    'decision.line.withCopies': '（{status}，{copies} 份）',
    'decision.line.items': '用于：{items}',
    'decision.line.standard': '要求：{standard}',
    'decision.line.note': '问题：{note}',
    'decision.line.missing': '未提交',
    'decision.line.tolerated': '容缺，承诺补齐',
    'decision.line.defective': '已收取，需补正',
    'decision.reasonDefault': '申请材料不齐全或者不符合法定形式，需要补正的全部材料见本告知书所列。',
    'decision.confirm': '确认{decision}',
    'decision.choose': '请先选择一个办理结果。',
    'decision.done': '已{decision}。',
    'decision.noDraft': '尚未开始受理。',
  },
  'en-US': {
    'checklist.title': 'Material check',
    'checklist.empty': 'Choose the items to take in first; their materials are listed here.',
    'checklist.summary':
      '{total} materials: {received} received, {tolerated} tolerated, {commitment} replaced by commitment, {missing} missing, {unchecked} not checked.',
    'checklist.requiredOpen': {
      plural: 'count',
      one: '1 required material is not received yet.',
      other: '{count} required materials are not received yet.',
    },
    'checklist.allRequired': 'Every required material is received or promised.',
    'checklist.required': 'Required',
    'checklist.optional': 'Optional',
    'checklist.usedBy': 'For: {items}',
    'checklist.standard': 'Standard: {standard}',
    'checklist.receipt': 'Received as',
    'checklist.copies': 'Copies',
    'checklist.copiesAsked': '(the list asks for {copies})',
    'checklist.note': 'What is wrong (for the notice)',
    'checklist.notePlaceholder': 'e.g. the copy is unreadable; needs the company seal',
    'checklist.problem.note-long':
      'The note may have at most {max} characters: please shorten it. This material is not recorded yet.',
    'checklist.problem.copies': 'Copies are a whole number from 0 to 99. This material is not recorded yet.',
    'checklist.dropped': 'These materials are on no chosen item’s list and were removed: {materials}.',
    'decision.title': 'Decision',
    'decision.legend': 'Choose how this application is answered',
    'decision.unavailable': 'Not possible: {reason}',
    'decision.reason': 'Reason',
    'decision.reasonHint.notify-incomplete':
      'Say what must be put right; the applicant receives a one-time notice of it.',
    'decision.reasonHint.refuse': 'Give the grounds and the reason for refusing.',
    'decision.supplementDue': 'Supplement deadline (last day to bring the tolerated materials)',
    'decision.consequence':
      'If they are not brought in time, the item’s rule applies (acceptance revoked, voided or escalated), recorded in the case.',
    'decision.notice.notify-incomplete': 'One-time notice: the materials the applicant must bring or put right',
    'decision.notice.accept-with-tolerance': 'Commitment letter: the materials the applicant promises to bring',
    'decision.notice.empty': 'Nothing is missing or to be put right.',
    'decision.line.state': '({status})',
    'decision.line.withCopies': '({status}; {copies} copies)',
    'decision.line.items': 'For: {items}',
    'decision.line.standard': 'Standard: {standard}',
    'decision.line.note': 'Problem: {note}',
    'decision.line.missing': 'Not brought',
    'decision.line.tolerated': 'Tolerated, promised',
    'decision.line.defective': 'Received, to be put right',
    'decision.reasonDefault':
      'The application is incomplete or not in the form the law requires; everything to bring or put right is listed in this notice.',
    'decision.confirm': 'Confirm: {decision}',
    'decision.choose': 'Choose a decision first.',
    'decision.done': 'Done: {decision}.',
    'decision.noDraft': 'No intake started yet.',
  },
} satisfies MessageTable<string>;

/** Key of the messages of `@yichuang/intake`. */
export type IntakeMessageKey = keyof (typeof INTAKE_MESSAGES)['zh-CN'];

/** The message `key` of `@yichuang/intake` in `locale`, `{name}` placeholders filled. */
export const msg = messagesOf<IntakeMessageKey>(INTAKE_MESSAGES);
