/**
 * The driver: fuzzes each entry in a worker thread under a watchdog, and gathers what went wrong into a report.
 * A call that does not return within the budget (a synchronous endless loop cannot be interrupted from inside)
 * gets its worker stopped, is counted as a hang, and the run resumes at the next call.
 */
import { Worker } from 'node:worker_threads';
import { FAILURE_KINDS, type FailureKind } from './call.js';
import type { CorpusData } from './corpus.js';
import { entryPlan, type CallReport } from './loop.js';
import type { EntryName } from './targets.js';

export interface RunOptions {
  /** Calls per entry. */
  readonly count: number;
  readonly seed: number;
  /** Per-call time budget in ms; a call over it is a hang. */
  readonly budgetMs: number;
  /** Told every `progressEvery` calls (and when the entry ends): how far the run got, with the counts so far. */
  readonly progress?: (report: EntryReport, done: number) => void;
  readonly progressEvery?: number;
  /** Told when a kind of failure is seen for the first time in the run (a long run shows it at once). */
  readonly newKind?: (group: FailureGroup) => void;
}

/** All calls of one target that failed the same way (same kind, same thrown class or output path). */
export interface FailureGroup {
  readonly key: string;
  readonly target: string;
  readonly kind: FailureKind;
  readonly what: string;
  count: number;
  readonly detail: string;
  readonly how: string;
  readonly args: string;
  readonly index: number;
}

export interface EntryReport {
  readonly entry: EntryName;
  readonly calls: number;
  readonly targets: readonly string[];
  /** Calls with at least one failure of each kind. */
  readonly counts: Record<FailureKind, number>;
  readonly groups: FailureGroup[];
}

/** The identity of a kind of failure: what the list of known failures holds. */
export const failureKey = (target: string, kind: FailureKind, what: string): string => `${target} › ${kind} › ${what}`;

function record(report: EntryReport, call: CallReport, newKind?: (group: FailureGroup) => void): void {
  for (const kind of new Set(call.findings.map((f) => f.kind))) report.counts[kind]++;
  for (const f of call.findings) {
    const key = failureKey(call.target, f.kind, f.what);
    const group = report.groups.find((g) => g.key === key);
    if (group) group.count++;
    else {
      const made: FailureGroup = { key, target: call.target, kind: f.kind, what: f.what, count: 1, detail: f.detail, how: call.how, args: call.args, index: call.index };
      report.groups.push(made);
      newKind?.(made);
    }
  }
}

/** Runs calls `from` .. `count - 1` in a worker; resolves with the index to resume at (count when finished). */
function runWorker(
  entry: EntryName,
  from: number,
  options: RunOptions,
  data: CorpusData,
  onFailed: (call: CallReport) => void,
  onProgress: (done: number) => void,
): Promise<{ next: number; hungAt?: number; crash?: string }> {
  // [index of the current call, 1 while the library runs]
  const progress = new Int32Array(new SharedArrayBuffer(8));
  Atomics.store(progress, 0, -1);
  const worker = new Worker(new URL('./boot.mjs', import.meta.url), {
    workerData: { file: new URL('./worker.ts', import.meta.url).href, options: { entry, seed: options.seed, from, count: options.count, budgetMs: options.budgetMs, data }, progress },
  });
  return new Promise((resolve) => {
    let last = -1;
    let since = Date.now();
    let told = from;
    const stall = options.budgetMs * 2 + 2_000;
    const timer = setInterval(() => {
      const now = Atomics.load(progress, 0);
      if (now !== last || now < 0) {
        last = now;
        since = Date.now();
        const every = options.progressEvery ?? 0;
        if (every > 0 && now >= told + every) {
          told = now - (now % every);
          onProgress(told);
        }
      } else if (Date.now() - since > stall) {
        finish({ next: now + 1, hungAt: now });
        void worker.terminate();
      }
    }, 100);
    let settled = false;
    const finish = (value: { next: number; hungAt?: number; crash?: string }) => {
      if (settled) return;
      settled = true;
      clearInterval(timer);
      resolve(value);
    };
    worker.on('message', (message: { type: string; report?: CallReport }) => {
      if (message.type === 'failed') onFailed(message.report!);
      else if (message.type === 'done') finish({ next: options.count });
    });
    worker.on('error', (error) => {
      const at = Atomics.load(progress, 0);
      // A crash while the harness itself runs (generating, checking) is a bug of the harness: stop the run.
      if (at < 0 || Atomics.load(progress, 1) === 0) finish({ next: options.count, crash: `the harness failed at call ${at}: ${error instanceof Error ? error.stack : String(error)}` });
      else finish({ next: at + 1, hungAt: -1, crash: `${at}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}` });
    });
    worker.on('exit', () => finish({ next: Math.max(Atomics.load(progress, 0) + 1, from) }));
  });
}

/** Fuzzes one entry: `options.count` calls, spread evenly over its targets. */
export async function fuzzEntry(entry: EntryName, options: RunOptions, data?: CorpusData): Promise<EntryReport> {
  const plan = await entryPlan(entry, options.seed, data);
  const targets = plan.names;
  const counts = Object.fromEntries(FAILURE_KINDS.map((k) => [k, 0])) as Record<FailureKind, number>;
  const report: EntryReport = { entry, calls: options.count, targets, counts, groups: [] };
  let from = 0;
  while (from < options.count) {
    const outcome = await runWorker(entry, from, options, plan.data, (call) => record(report, call, options.newKind), (done) => options.progress?.(report, done));
    if (outcome.crash !== undefined && outcome.hungAt === undefined) throw new Error(outcome.crash);
    const at = outcome.hungAt === -1 ? outcome.next - 1 : outcome.hungAt;
    if (at !== undefined) {
      const target = targets[at % targets.length]!;
      const findings =
        outcome.hungAt === -1
          ? [{ kind: 'non-library error' as const, what: 'uncaught in worker', detail: outcome.crash ?? '' }]
          : [{ kind: 'hang' as const, what: 'never returned', detail: `stopped after ${options.budgetMs * 2 + 2_000} ms without progress` }];
      record(report, { index: at, target, findings, how: `call ${at} with seed ${options.seed}`, args: plan.argsOf(at) }, options.newKind);
    }
    from = outcome.next;
  }
  report.groups.sort((a, b) => a.key.localeCompare(b.key));
  return report;
}
