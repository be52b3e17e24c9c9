/** A tiny benchmark harness: warm-up, several rounds, the median. One process for all questions. */
export interface Measurement {
  readonly name: string;
  readonly median: number;
  readonly unit: string;
  readonly rounds: readonly number[];
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Runs `fn` (which performs `ops` operations) for `rounds` rounds after `warmup` rounds; reports ops/s. */
export function throughput(name: string, ops: number, fn: () => void, { rounds = 7, warmup = 2 } = {}): Measurement {
  for (let i = 0; i < warmup; i++) fn();
  const results: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    fn();
    const ms = performance.now() - t;
    results.push(ops / (ms / 1000));
  }
  return { name, median: median(results), unit: 'ops/s', rounds: results };
}

/** Runs `fn` for `rounds` rounds; reports the median duration in ms. */
export function duration(name: string, fn: () => void, { rounds = 7, warmup = 1 } = {}): Measurement {
  for (let i = 0; i < warmup; i++) fn();
  const results: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    fn();
    results.push(performance.now() - t);
  }
  return { name, median: median(results), unit: 'ms', rounds: results };
}

export function format(m: Measurement): string {
  const value = m.unit === 'ops/s' ? `${Math.round(m.median).toLocaleString('en-US')} ops/s` : `${m.median.toFixed(2)} ms`;
  return `${m.name.padEnd(58)} ${value.padStart(18)}`;
}
