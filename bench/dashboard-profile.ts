/**
 * Profiles the console's queries one by one on a database left by `BENCH_KEEP=1 npm run bench:dashboard`:
 * `node --import tsx bench/dashboard-profile.ts <database url>`. Each dashboard and report query runs alone
 * (warm-up, then the median of RUNS), so the slow one stands out; EXPLAIN ANALYZE it by hand from there.
 */
import { openDatabase } from '../apps/server/src/db/client.ts';
import { createDashboardRepo } from '../apps/server/src/modules/dashboard/dashboard.repo.ts';
import { createReportsRepo } from '../apps/server/src/modules/reports/reports.repo.ts';
import { timeRuns } from './lib.ts';

const url = process.argv[2];
if (!url) throw new Error('usage: dashboard-profile.ts <database url>');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const NOW = new Date('2026-06-15T12:00:00Z');
const MONTH = new Date('2026-06-01T00:00:00Z');
const CHART_START = new Date('2025-07-01T00:00:00Z');
const CHART_END = new Date('2026-07-01T00:00:00Z');
const HOUR = 3_600_000;

const database = await openDatabase({ databaseUrl: url, poolMax: 2 });
const dashboard = createDashboardRepo(database.db);
const reports = createReportsRepo(database.db);
const ledger = { base: 'USD', rates: {} };

const cases: Array<[string, () => Promise<unknown>]> = [
  ['orders', () => dashboard.orders(MONTH)],
  ['services', () => dashboard.services(MONTH, 'USD', {})],
  ['newCustomersByMonth', () => dashboard.newCustomersByMonth(CHART_START, CHART_END)],
  ['activeByPlan', () => dashboard.activeByPlan()],
  ['liveByRegion', () => dashboard.liveByRegion()],
  ['alerts', () => dashboard.alerts(NOW, new Date(NOW.getTime() - 24 * HOUR), 5)],
  [
    'ledger 12 months × month × plan',
    () => reports.ledger({ from: CHART_START, to: CHART_END, grain: 'month', dimension: 'plan', ...ledger }),
  ],
  [
    'ledger 12 months × month',
    () => reports.ledger({ from: CHART_START, to: CHART_END, grain: 'month', dimension: 'none', ...ledger }),
  ],
];

try {
  for (const [label, run] of cases) {
    const samples = await timeRuns(RUNS, run);
    samples.sort((a, b) => a - b);
    console.log(`${label.padEnd(34)} median ${samples[Math.floor(RUNS / 2)]!.toFixed(1).padStart(8)} ms`);
  }
} finally {
  await database.close();
}
