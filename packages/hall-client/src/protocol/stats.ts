/** `GET /api/v1/stats` (manager): the hall today. */
export interface HallStatistics {
  /** The China-time day these figures are for (YYYY-MM-DD). */
  day: string;
  cases: { total: number; byStatus: Record<string, number> };
  tickets: { issued: number; waiting: number; called: number };
  ratings: { total: number; byGrade: Record<string, number> };
}

/** `GET /api/v1/health` (no auth). */
export interface HallHealth {
  status: 'ok';
  /** Server software version. */
  version: string;
  hall: string;
  /** Current catalog version. */
  catalogVersion: string;
  time: string;
}
