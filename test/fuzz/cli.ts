/**
 * `npm run fuzz`: 10^5 calls per entry (by default), a summary table per entry, and the full report in
 * `.scratch/fuzz/report.json` (or `--report PATH`). Options: `--runs N`, `--entries .,/store`, `--seed N`,
 * `--budget MS`, `--progress-every N` (a dated progress line per entry every N calls, 0 for none), and
 * `--update-known` to add every kind of failure found to `known-failures.json` (for cataloguing, never to hide a
 * regression: the list only shrinks once the library is fixed).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { FAILURE_KINDS } from './call.js';
import { fuzzEntry, type EntryReport, type FailureGroup } from './run.js';
import { ENTRY_NAMES, type EntryName } from './targets.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '100000' },
    entries: { type: 'string', default: ENTRY_NAMES.join(',') },
    seed: { type: 'string', default: '20261126' },
    budget: { type: 'string', default: '5000' },
    report: { type: 'string', default: '.scratch/fuzz/report.json' },
    'progress-every': { type: 'string', default: '5000' },
    'update-known': { type: 'boolean', default: false },
  },
});
const entries = values.entries.split(',') as EntryName[];
for (const e of entries) if (!ENTRY_NAMES.includes(e)) throw new Error(`unknown entry ${e}; the entries are ${ENTRY_NAMES.join(', ')}`);
const counts = (r: EntryReport) => FAILURE_KINDS.map((k) => `${k} ${r.counts[k]}`).join(', ');
const options = {
  count: Number(values.runs),
  seed: Number(values.seed),
  budgetMs: Number(values.budget),
  progressEvery: Number(values['progress-every']),
  // A long run that is stopped still tells how far each entry got (calls are made in index order).
  progress: (r: EntryReport, done: number) => console.log(`${new Date().toISOString()} ${r.entry}: calls 0..${done - 1} made; ${counts(r)}`),
  newKind: (g: FailureGroup) => console.log(`${new Date().toISOString()} new kind: ${g.key} (call ${g.index})\n    ${g.detail}\n    ${g.how}: ${g.args}`),
};

/** The summary table, one row per entry, as Markdown (it goes into docs/robustness.md as it is). */
export function summaryTable(reports: readonly EntryReport[]): string {
  const head = ['entry', 'calls', 'targets', ...FAILURE_KINDS];
  const rows = reports.map((r) => [`\`${r.entry}\``, r.calls.toLocaleString('en-US'), String(r.targets.length), ...FAILURE_KINDS.map((k) => r.counts[k].toLocaleString('en-US'))]);
  return [head, head.map(() => '---'), ...rows].map((row) => `| ${row.join(' | ')} |`).join('\n');
}

const reports: EntryReport[] = [];
for (const entry of entries) {
  const started = Date.now();
  let report: EntryReport;
  try {
    report = await fuzzEntry(entry, options);
  } catch (error) {
    console.error(`${entry}: the run stopped: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
    continue;
  }
  reports.push(report);
  // Written after each entry: a long run that is stopped keeps what it finished.
  mkdirSync(dirname(values.report), { recursive: true });
  writeFileSync(values.report, JSON.stringify({ date: new Date().toISOString(), options, reports, finished: false }, null, 2));
  console.log(`${entry}: ${report.calls} calls in ${((Date.now() - started) / 1000).toFixed(1)} s, ${report.groups.length} kinds of failure`);
}
mkdirSync(dirname(values.report), { recursive: true });
writeFileSync(values.report, JSON.stringify({ date: new Date().toISOString(), options, reports }, null, 2));
console.log(`\n${summaryTable(reports)}\n`);
for (const r of reports) for (const g of r.groups) console.log(`${r.entry} ${g.key} ×${g.count}\n    ${g.detail}\n    ${g.how}: ${g.args}`);
if (values['update-known']) {
  const file = new URL('./known-failures.json', import.meta.url);
  const known = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string[]>;
  const keys = (r: EntryReport) => r.groups.filter((g) => !(g.kind === 'hang' && g.what === 'slow')).map((g) => g.key);
  for (const r of reports) known[r.entry] = [...new Set([...(known[r.entry] ?? []), ...keys(r)])].sort();
  writeFileSync(file, `${JSON.stringify(known, null, 2)}\n`);
}
const failed = reports.some((r) => FAILURE_KINDS.some((k) => r.counts[k] > 0));
process.exitCode = process.exitCode ?? (failed ? 1 : 0);
