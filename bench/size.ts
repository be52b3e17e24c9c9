/** Question: what does each entry point add to a consumer's bundle, minified and gzipped (esbuild, peers excluded)? */
import { measureSizes, type SizeResult } from '../scripts/sizes.js';
import { verdict } from './harness.js';

export async function runSizeBench(): Promise<SizeResult[]> {
  return measureSizes();
}

export function reportSize(results: readonly SizeResult[]): string[] {
  return [
    'bundle size added to a consumer (esbuild, minified + gzip; zod and fast-check excluded as peers)',
    ...results.map((r) => `${r.name.padEnd(72)} ${String(r.gzipped).padStart(7)} B (min ${r.minified} B, budget ${r.budget} B)${r.forbidden.length ? ` — pulls in ${r.forbidden.join(', ')}` : ''}`),
    ...results
      .filter((r) => r.name.startsWith('derive alone'))
      .map((r) => verdict('derive alone, min+gz from dist/', `${r.gzipped.toLocaleString('en-US')} B`, '≤ 3,072 B', r.gzipped <= 3072 && r.forbidden.length === 0)),
  ];
}
