/**
 * The fuzzer inside `npm test`: a modest, fixed-seed run per entry. Today's failures are listed per entry in
 * `known-failures.json`; a kind of failure not on the list fails the test (the fix of issue #12 shrinks the list to
 * empty). Each entry's report goes to `.scratch/fuzz/npm-test-<entry>.json`. `npm run fuzz` is the long run.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fuzzEntry, type FailureGroup } from './run.js';
import { ENTRY_NAMES } from './targets.js';

/** Calls per entry; `FUZZ_RUNS` overrides it. Every target of an entry gets at least one call at this count. */
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 240);
const SEED = 20261126;

const known = JSON.parse(readFileSync(new URL('./known-failures.json', import.meta.url), 'utf8')) as Record<string, readonly string[]>;

const show = (g: FailureGroup): string => `${g.key} ×${g.count}: ${g.detail} — ${g.how}: ${g.args}`;

describe('fuzzing every entry (a modest run; npm run fuzz for 10^5 calls per entry)', () => {
  for (const entry of ENTRY_NAMES) {
    it(`${entry}: no kind of failure beyond the known ones`, { timeout: 600_000 }, async () => {
      const report = await fuzzEntry(entry, { count: RUNS, seed: SEED, budgetMs: 10_000 });
      mkdirSync('.scratch/fuzz', { recursive: true });
      writeFileSync(`.scratch/fuzz/npm-test-${entry === '.' ? 'root' : entry.slice(1).replaceAll('/', '-')}.json`, JSON.stringify(report, null, 2));
      expect(report.targets.length).toBeGreaterThan(0);
      const listed = new Set(known[entry] ?? []);
      // A call that finished but took longer than the budget says more about a shared machine's load than about the
      // library: it stays in the report, but only a call that never returned (the watchdog's hang) fails the test.
      const fresh = report.groups.filter((g) => !listed.has(g.key) && !(g.kind === 'hang' && g.what === 'slow'));
      expect(fresh.map(show), 'new kinds of failure (fix them; do not add them to known-failures.json)').toEqual([]);
    });
  }

  it('the list of known failures names only entries that exist', () => {
    expect(Object.keys(known).filter((e) => !(ENTRY_NAMES as readonly string[]).includes(e))).toEqual([]);
  });
});
