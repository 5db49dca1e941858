import type { HallSeed } from '../engine/seed.js';

/** Windows of the bench hall, each with its clerk: `001` to `100`, clerks `clerk001` to `clerk100`. */
const WINDOWS = 100;
/** Hall displays of the bench hall: `display-01` to `display-10`. */
const DISPLAYS = 10;
/** Ticket kiosks of the bench hall: `kiosk-1` to `kiosk-5`. */
const KIOSKS = 5;

const CATEGORIES = [
  { code: 'A', letter: 'A', name: { zh: '综合业务', en: 'General services' } },
  { code: 'B', letter: 'B', name: { zh: '企业服务', en: 'Business services' } },
  { code: 'C', letter: 'C', name: { zh: '不动产登记', en: 'Real estate registration' } },
  { code: 'D', letter: 'D', name: { zh: '社保医保', en: 'Social and medical insurance' } },
] as const;

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * The bench hall (`HALL_SEED=bench`): a hall the size of a city's, for load benchmarks (`pnpm bench`,
 * `queue.burst`). 100 windows `001`–`100`, each calling every category (its own first, the others after, so a call
 * always finds someone while anyone waits); clerks `clerk001`–`clerk100`, each at the window of the same number;
 * manager `manager01`; every password `yichuang-bench`. Displays `display-01`–`display-10` (device tokens
 * `bench-display-token-01`–`10`), kiosks `kiosk-1`–`kiosk-5` (`bench-kiosk-token-1`–`5`). No catalog, no
 * e-licences. Fictional and public like the demo's: never outside a benchmark. The clerks share one password, so
 * seeding hashes it once (see `seedHall`). Made on demand, so that a bundle without it does not carry it.
 */
export async function benchHallSeed(): Promise<HallSeed> {
  return {
    code: 'BENCH01',
    name: '压力测试大厅',
    windows: Array.from({ length: WINDOWS }, (_, i) => ({
      code: pad(i + 1, 3),
      name: `${i + 1}号窗口`,
      categories: CATEGORIES.map((_category, j) => CATEGORIES[(i + j) % CATEGORIES.length]!.code),
    })),
    categories: CATEGORIES.map((category) => ({ ...category, name: { ...category.name } })),
    accounts: [
      ...Array.from({ length: WINDOWS }, (_, i) => ({
        user: `clerk${pad(i + 1, 3)}`,
        password: 'yichuang-bench',
        role: 'clerk' as const,
        name: `窗口${pad(i + 1, 3)}办事员`,
        window: pad(i + 1, 3),
      })),
      { user: 'manager01', password: 'yichuang-bench', role: 'manager', name: '压测主任' },
    ],
    devices: [
      ...Array.from({ length: DISPLAYS }, (_, i) => ({
        id: `display-${pad(i + 1, 2)}`,
        role: 'display' as const,
        name: `大厅显示屏${i + 1}`,
        token: `bench-display-token-${pad(i + 1, 2)}`,
      })),
      ...Array.from({ length: KIOSKS }, (_, i) => ({
        id: `kiosk-${i + 1}`,
        role: 'kiosk' as const,
        name: `自助取号机${i + 1}`,
        token: `bench-kiosk-token-${i + 1}`,
      })),
    ],
    licences: [],
  };
}
