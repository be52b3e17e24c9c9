/**
 * The fuzzing loop of one entry. Call `i` is fully determined by (seed, i): its target is `targets[i % n]` and its
 * arguments are drawn with seed `seed + i`, so a run that is stopped (a hang) resumes at `i + 1` and any call can be
 * replayed alone.
 */
import * as fc from 'fast-check';
import { checkedCall, type Finding } from './call.js';
import { buildCorpus, buildCorpusData, type CorpusData, type PostgresMode } from './corpus.js';
import { argsArb } from './inputs.js';
import { listTargets, loadEntries, type EntryName } from './targets.js';

export interface LoopOptions {
  readonly entry: EntryName;
  readonly seed: number;
  /** The first call index and how many calls to make in all (indices `from` .. `count - 1`). */
  readonly from: number;
  readonly count: number;
  readonly budgetMs: number;
  /** The corpus's engagement lives, built once by the driver (see `buildCorpusData`). */
  readonly data: CorpusData;
}

/** What the loop reports about a call that went wrong. */
export interface CallReport {
  readonly index: number;
  readonly target: string;
  readonly findings: readonly Finding[];
  /** How the arguments were made, and what they looked like (after the call). */
  readonly how: string;
  readonly args: string;
}

export interface LoopHooks {
  /** Before call `i` (the watchdog's progress mark). */
  readonly starting?: (index: number) => void;
  /** Whether the library is running (true) or the harness (false): a crash outside the library is the harness's. */
  readonly inLibrary?: (running: boolean) => void;
  readonly failed: (report: CallReport) => void;
}

/** Describes arguments for a report; values whose traps throw are shown by what `fc.stringify` can say of them. */
export function describeArgs(args: readonly unknown[]): string {
  let text: string;
  try {
    text = fc.stringify(args);
  } catch {
    text = `[${args.map((a) => (a !== null && typeof a === 'object' ? '<object whose reads throw>' : typeof a)).join(', ')}]`;
  }
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}

/** Loads the entries, builds the corpus and the targets: what every loop (and every replay) starts from. */
export async function prepare(data?: CorpusData, seed = 0, postgres: PostgresMode = 'none') {
  const entries = await loadEntries();
  const lives = data ?? buildCorpusData(entries, seed);
  const corpus = await buildCorpus(entries, lives, postgres);
  const { targets, skipped } = listTargets(entries, corpus);
  const codes = (entries['.'] as { ERROR_CODES: readonly string[] }).ERROR_CODES;
  return { entries, corpus, targets, skipped, codes, data: lives };
}

/** The target names of one entry in call order, and a way to show the arguments of call `i` without making it. */
export async function entryPlan(
  entry: EntryName,
  seed: number,
  data?: CorpusData,
): Promise<{ names: string[]; data: CorpusData; argsOf: (index: number) => string }> {
  const { corpus, targets: all, data: lives } = await prepare(data, seed, entry === '/postgres' ? 'stub' : 'none');
  const targets = all.filter((t) => t.entry === entry);
  return {
    names: targets.map((t) => t.name),
    data: lives,
    argsOf: (index) => {
      const [input] = fc.sample(argsArb(targets[index % targets.length]!, corpus), { seed: seed + index, numRuns: 1 });
      return `${input!.how}: ${describeArgs(input!.args)}`;
    },
  };
}

/** Runs calls `from` .. `count - 1` of one entry. */
export async function runLoop(options: LoopOptions, hooks: LoopHooks): Promise<void> {
  const { corpus, targets: all, codes, entries } = await prepare(options.data, 0, options.entry === '/postgres' ? 'real' : 'none');
  const targets = all.filter((t) => t.entry === options.entry);
  const documented = Object.values(entries[options.entry]).filter(
    (v): v is Function => typeof v === 'function' && v.prototype instanceof Error && v !== entries['.']['LifecycleError'],
  );
  const arbs = targets.map((t) => argsArb(t, corpus));
  const seenKeys = new Set<string>();
  for (let i = options.from; i < options.count; i++) {
    hooks.starting?.(i);
    const t = i % targets.length;
    const target = targets[t]!;
    const [input] = fc.sample(arbs[t]!, { seed: options.seed + i, numRuns: 1 });
    const call = (args: readonly unknown[]) => {
      hooks.inLibrary?.(true);
      try {
        return target.call(args);
      } finally {
        hooks.inLibrary?.(false);
      }
    };
    const findings = await checkedCall(target.name, call, input!.args, codes, options.budgetMs, documented);
    if (findings.length === 0) continue;
    const fresh = findings.some((f) => !seenKeys.has(`${target.name}|${f.kind}|${f.what}`));
    for (const f of findings) seenKeys.add(`${target.name}|${f.kind}|${f.what}`);
    hooks.failed({ index: i, target: target.name, findings, how: input!.how, args: fresh ? describeArgs(input!.args) : '' });
  }
  await corpus.postgres?.close();
}
