/**
 * Question: do DefectDojo's clock rules sweep as cheaply as PlexTrac's start date? N In Progress DefectDojo
 * engagements in the in-memory store, start dates spread over 1,000 days and each ending two days after its start,
 * auto-close on (3 days). Each round sweeps ten days further, so that about 1% of the engagements reach each rule in
 * a round: upcoming (3 days before the start), stale, expired and overdue (the day after the end), auto-close (3
 * days later), each saved as a change with its notifications. Goal: a cost per changed engagement like PlexTrac's.
 */
import { instant, type CalendarDate, type Instant } from 'engagement-lifecycle';
import { defectdojo } from 'engagement-lifecycle/defectdojo';
import { createMemoryStore, sweep, writeOf } from 'engagement-lifecycle/store';
import { loadLine } from './harness.js';
import { timed, type Timed } from './sweep.js';

const DAYS = 1_000;
const T0 = Date.UTC(2030, 0, 1);
const DAY = 86_400_000;
const settings = Object.freeze({ timeZone: 'UTC', autoClose: { enabled: true, days: 3 } });
const date = (d: number) => new Date(T0 + d * DAY).toISOString().slice(0, 10) as CalendarDate;
const day = (d: number): Instant => instant(new Date(T0 + d * DAY));

export interface DefectDojoSweepBench {
  readonly n: number;
  readonly buildMs: number;
  readonly sweep: Timed;
}

export async function runDefectDojoSweepBench(N = 100_000): Promise<DefectDojoSweepBench> {
  const t = performance.now();
  const store = createMemoryStore();
  const engine = defectdojo.with({ settings });
  for (let i = 0; i < N; i++) {
    const start = 10 + (i % DAYS);
    const r = engine.create({ type: 'create', id: `dd-${String(i).padStart(7, '0')}`, at: day(0), productId: `p-${i % 5000}`, targetStart: date(start), targetEnd: date(start + 2), status: 'In Progress' });
    if (!r.ok) throw r.error;
    await store.save(writeOf(defectdojo, null, r, { settings }));
  }
  const options = (now: Instant) => ({ now, lifecycles: [defectdojo], settings: { defectdojo: settings }, batchSize: 1_000 });
  await sweep(store, options(day(1))); // what creation made due at once (the upcoming windows already open)
  const buildMs = performance.now() - t;
  const result = await timed('DefectDojo sweep, 10 days of clock rules per round', 5, 1, async (r) => (await sweep(store, options(day(20 + 10 * r)))).changed);
  return { n: N, buildMs, sweep: result };
}

export function reportDefectDojoSweep(b: DefectDojoSweepBench): string[] {
  const perChange = (b.sweep.cpuMs * 1000) / Math.max(1, b.sweep.work);
  return [
    `DefectDojo sweep: ${b.n.toLocaleString('en-US')} In Progress engagements (built in ${(b.buildMs / 1000).toFixed(1)} s); ${loadLine()}`,
    `${b.sweep.name.padEnd(58)} ${b.sweep.wallMs.toFixed(1).padStart(9)} ms wall ${b.sweep.cpuMs.toFixed(1).padStart(9)} ms CPU   (${b.sweep.work.toLocaleString('en-US')} changed per round, ${perChange.toFixed(1)} µs CPU each)`,
  ];
}
