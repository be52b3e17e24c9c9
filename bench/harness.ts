/**
 * A small benchmark harness for a shared machine: contenders run in interleaved rounds (A B A B …) after a
 * warm-up of each, every round records wall time and CPU time (`process.cpuUsage`), and comparisons are paired
 * ratios taken round by round, so that a burst of load from a neighbour hits both sides of a ratio alike.
 */
import os from 'node:os';

/** One contender: `fn` performs `ops` operations. */
export interface Contender {
  readonly name: string;
  readonly ops: number;
  readonly fn: () => void;
}

/** One round of one contender. */
export interface Sample {
  readonly wallMs: number;
  readonly cpuMs: number;
}

/** A contender's rounds and their medians. */
export interface Measurement {
  readonly name: string;
  readonly ops: number;
  readonly samples: readonly Sample[];
  /** Median operations per second of wall time. */
  readonly wallOps: number;
  /** Median operations per second of CPU time (user + system of this process). */
  readonly cpuOps: number;
}

/** The median, the smallest and the largest of paired per-round values. */
export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function spread(values: readonly number[]): Spread {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

/** Wall and CPU milliseconds of one call of `fn`. */
export function sample(fn: () => void): Sample {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/** Warms every contender up, then runs `rounds` rounds, each contender once per round, in turn. */
export function interleaved(contenders: readonly Contender[], { rounds = 7, warmup = 2 } = {}): Measurement[] {
  for (const c of contenders) for (let i = 0; i < warmup; i++) c.fn();
  const samples = contenders.map(() => [] as Sample[]);
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < contenders.length; i++) {
      (globalThis as { gc?: () => void }).gc?.();
      samples[i]!.push(sample(contenders[i]!.fn));
    }
  }
  return contenders.map((c, i) => ({
    name: c.name,
    ops: c.ops,
    samples: samples[i]!,
    wallOps: median(samples[i]!.map((s) => c.ops / (s.wallMs / 1000))),
    cpuOps: median(samples[i]!.map((s) => c.ops / (s.cpuMs / 1000))),
  }));
}

/**
 * Round-by-round ratios of throughput, `a` over `b` (above 1: `a` is faster), normalised by the operations
 * each performs, for wall time and CPU time.
 */
export function pairedRatio(a: Measurement, b: Measurement): { wall: Spread; cpu: Spread } {
  const per = (key: keyof Sample) => a.samples.map((s, i) => (b.samples[i]![key] / b.ops) / (s[key] / a.ops));
  return { wall: spread(per('wallMs')), cpu: spread(per('cpuMs')) };
}

/** `1.23× (1.10–1.31)`. */
export function formatSpread(s: Spread, digits = 2): string {
  return `${s.median.toFixed(digits)}× (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;
}

/** A headline line: the measured value against its goal, met or not. */
export function verdict(label: string, value: string, goal: string, met: boolean): string {
  return `${met ? 'met    ' : 'NOT met'} | ${label}: ${value} (goal: ${goal})`;
}

export function format(m: Measurement): string {
  const n = (v: number) => Math.round(v).toLocaleString('en-US');
  return `${m.name.padEnd(58)} ${n(m.wallOps).padStart(11)} ops/s wall ${n(m.cpuOps).padStart(11)} ops/s CPU`;
}

/** The machine and its load (1-minute load average against the core count), for the report's header. */
export function machineLine(): string {
  const cpus = os.cpus();
  const [l1, l5, l15] = os.loadavg();
  return `Node ${process.version}, ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.arch()}; load average ${l1!.toFixed(2)} / ${l5!.toFixed(2)} / ${l15!.toFixed(2)} (1 / 5 / 15 min)`;
}

/** The load average now, one line, to print beside a series. */
export function loadLine(): string {
  return `load average now: ${os.loadavg()[0]!.toFixed(2)} on ${os.cpus().length} cores`;
}
