/**
 * `npm run bench`: every benchmark question in one process, several rounds each, medians reported. Run
 * `npm run build` first: the bundle-size and cold-import questions measure the built package.
 * Results and the machine they ran on go into docs/performance.md.
 */
import { machineLine } from './harness.js';
import { reportEngine, runEngineBench } from './engine.js';
import { reportDerive, runDeriveBench } from './derive.js';
import { reportSweep, runSweepBench } from './sweep.js';
import { reportSize, runSizeBench } from './size.js';
import { reportImportTime, runImportTimeBench } from './import-time.js';
import { reportPostgres, runPostgresBench } from './postgres.js';

console.log(`engagement-lifecycle benchmarks — ${new Date().toISOString()}`);
console.log(`machine at start: ${machineLine()}`);
console.log('');
for (const line of reportEngine(runEngineBench())) console.log(line);
console.log('');
for (const line of reportDerive(runDeriveBench())) console.log(line);
for (const n of [10_000, 100_000, 1_000_000]) {
  console.log('');
  for (const line of reportSweep(await runSweepBench(n))) console.log(line);
}
console.log('');
for (const line of reportSize(await runSizeBench())) console.log(line);
console.log('');
for (const line of reportImportTime(runImportTimeBench())) console.log(line);
console.log('');
// The PostgreSQL store on PGlite and, when one is found (see bench/postgres.ts), a real server.
for (const line of reportPostgres(await runPostgresBench())) console.log(line);
console.log('');
console.log(`machine at end: ${machineLine()}`);
