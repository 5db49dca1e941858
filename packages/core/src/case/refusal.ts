import type { ServiceItem } from '../catalog/item.js';
import type { CaseLocale } from './messages.js';

/** Most characters of a refusal ground as the case records it. */
export const MAX_REFUSAL_GROUND = 400;

/** A ground a window may refuse an application on (不予受理的依据). */
export interface RefusalGround {
  /** Stable within the items: `no-licence-needed`, `not-competent`, or `condition.<item id>.<n>`. */
  id: string;
  /** As the refusal notice prints it, in each locale. */
  text: Readonly<Record<CaseLocale, string>>;
}

/** What {@link refusalGrounds} needs of an item. */
export type RefusalItem = Pick<ServiceItem, 'id' | 'name'> & Partial<Pick<ServiceItem, 'conditions'>>;

/**
 * The two grounds the Administrative Licensing Law gives every window (《中华人民共和国行政许可法》第三十二条第一款
 * 第一项、第二项); the others are the items' own conditions not met.
 */
const STATUTORY: readonly RefusalGround[] = [
  {
    id: 'no-licence-needed',
    text: {
      'zh-CN': '申请事项依法不需要取得行政许可（《中华人民共和国行政许可法》第三十二条第一款第一项）',
      'en-US': 'By law the application needs no administrative licence (Administrative Licensing Law, art. 32(1)(i))',
    },
  },
  {
    id: 'not-competent',
    text: {
      'zh-CN':
        '申请事项依法不属于本机关职权范围，请向有关行政机关申请（《中华人民共和国行政许可法》第三十二条第一款第二项）',
      'en-US':
        'By law the application is not within this authority’s competence; apply to the competent authority ' +
        '(Administrative Licensing Law, art. 32(1)(ii))',
    },
  },
];

/**
 * What a window may refuse the items on: the statutory grounds, then each item's acceptance conditions (受理条件) as
 * its catalog entry states them, "not met". A refusal names one of them, and says more in its reason.
 */
export function refusalGrounds(items: readonly RefusalItem[]): RefusalGround[] {
  const conditions = items.flatMap((item) =>
    (item.conditions ?? []).map((condition, index): RefusalGround => ({
      id: `condition.${item.id}.${index + 1}`,
      text: {
        'zh-CN': `不符合“${item.name}”的受理条件：${condition}`,
        'en-US': `A condition of “${item.name}” is not met: ${condition}`,
      },
    })),
  );
  return [...STATUTORY, ...conditions];
}

/** The ground of `items` with this id, or `undefined`. */
export function refusalGround(items: readonly RefusalItem[], id: string): RefusalGround | undefined {
  return refusalGrounds(items).find((ground) => ground.id === id);
}
