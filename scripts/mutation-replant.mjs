#!/usr/bin/env node
/**
 * Re-judges the mutants a Stryker run left alive, each in a fresh process (docs/testing.md, "Survivors re-judged in
 * a fresh process"). Stryker switches mutants inside one long-lived test process; code that runs once per process
 * (a module's top level, a declaration compiled on first use and cached, a schema built once) then runs with
 * whichever mutant was active first, and a mutant that breaks a module's import is reported as survived. This script
 * writes each surviving, uncovered or ignored mutant into a scratch copy of the repository, by itself, and runs the
 * named test files there with vitest: a failing run kills it, a run over the time limit is a timeout (detected, as
 * Stryker counts it), a passing run confirms the survivor. Ignored mutants are the static ones a run with
 * `--ignoreStatic` left out: judged here in seconds each, where Stryker would rerun every test file per mutant.
 *
 *   node scripts/mutation-replant.mjs --tests test/a.test.ts,test/b.test.ts [--report reports/mutation/mutation.json]
 *     [--file src/x.ts] [--ids 12,40] [--timeout 180] [--out reports/mutation/replant.json] [--as-reported]
 *
 * The report's source of each file must be the file as it is now (a stale report is refused), unless `--as-reported`
 * is given: then the copy holds the file as the report saw it, and the mutants are judged on that version (for a
 * report older than a small edit elsewhere in the file). Nothing in the working tree is changed: the copy lives in a
 * temporary directory and is removed at the end.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    report: { type: 'string', default: 'reports/mutation/mutation.json' },
    tests: { type: 'string', default: process.env['EL_MUTATION_TESTS'] ?? '' },
    file: { type: 'string' },
    timeout: { type: 'string', default: '180' },
    out: { type: 'string', default: 'reports/mutation/replant.json' },
    'as-reported': { type: 'boolean', default: false },
    ids: { type: 'string' },
  },
});
const tests = args.tests.split(',').filter(Boolean);
if (tests.length === 0) throw new Error('Name the test files to run: --tests test/a.test.ts,test/b.test.ts (or EL_MUTATION_TESTS)');
const timeoutMs = Number(args.timeout) * 1000;
const onlyIds = args.ids ? new Set(args.ids.split(',')) : null;
const root = resolve('.');
const report = JSON.parse(readFileSync(args.report, 'utf8'));

// The scratch copy: everything but the dependencies (linked), the history and the build and report outputs.
const scratch = mkdtempSync(join(tmpdir(), 'el-replant-'));
const skipped = new Set(['node_modules', '.git', 'reports', 'dist', '.stryker-tmp', '.vitepress']);
cpSync(root, scratch, { recursive: true, filter: (source) => !source.slice(root.length + 1).split('/').some((part) => skipped.has(part)) });
symlinkSync(join(root, 'node_modules'), join(scratch, 'node_modules'), 'dir');

/** The 0-based offset of a Stryker location (1-based line and column) in `source`. */
function offsetOf(lineStarts, { line, column }) {
  return lineStarts[line - 1] + column - 1;
}

const results = [];
try {
  for (const [file, entry] of Object.entries(report.files)) {
    if (args.file && file !== args.file) continue;
    const current = args['as-reported'] ? entry.source : readFileSync(file, 'utf8');
    if (current !== entry.source) throw new Error(`${file} changed since the report was written; run Stryker again (or pass --as-reported)`);
    const lineStarts = [0];
    for (let i = 0; i < current.length; i++) if (current[i] === '\n') lineStarts.push(i + 1);
    for (const mutant of entry.mutants) {
      // `Ignored`: the static mutants of a run with `--ignoreStatic`, which Stryker would run against every test.
      if (mutant.status !== 'Survived' && mutant.status !== 'NoCoverage' && mutant.status !== 'Ignored') continue;
      if (onlyIds && !onlyIds.has(mutant.id)) continue;
      const from = offsetOf(lineStarts, mutant.location.start);
      const to = offsetOf(lineStarts, mutant.location.end);
      writeFileSync(join(scratch, file), current.slice(0, from) + mutant.replacement + current.slice(to));
      const started = Date.now();
      // The subset configuration: the mutation run's settings (fixed seed, fast-check stopping at the first
      // counterexample), only the named files, and no type-checking pass.
      const run = spawnSync(join(scratch, 'node_modules/.bin/vitest'), ['run', '--config', 'vitest.stryker-subset.config.ts', '--bail', '1'], {
        cwd: scratch,
        timeout: timeoutMs,
        encoding: 'utf8',
        env: { ...process.env, CI: 'true', EL_MUTATION_TESTS: tests.join(',') },
      });
      const verdict = run.error?.code === 'ETIMEDOUT' ? 'Timeout' : run.status === 0 ? 'Survived' : 'Killed';
      const seconds = Math.round((Date.now() - started) / 100) / 10;
      const { line, column } = mutant.location.start;
      results.push({ file, id: mutant.id, was: mutant.status, verdict, line, column, mutator: mutant.mutatorName, replacement: mutant.replacement, seconds });
      console.log(`${verdict.padEnd(8)} ${file}:${line}:${column} #${mutant.id} ${mutant.mutatorName} → ${JSON.stringify(mutant.replacement).slice(0, 80)} (${seconds} s)`);
      writeFileSync(join(scratch, file), current);
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
  writeFileSync(args.out, `${JSON.stringify(results, null, 2)}\n`);
}
const count = (verdict) => results.filter((r) => r.verdict === verdict).length;
console.log(`\n${results.length} re-judged: ${count('Killed')} killed, ${count('Timeout')} timed out, ${count('Survived')} survived. Written to ${args.out}.`);
