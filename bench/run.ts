/**
 * `npm run bench`: every benchmark question in one process, several rounds each, medians reported. It builds
 * first and runs with `TSX_TSCONFIG_PATH=tsconfig.bench.json`, so that every `engagement-lifecycle/...` import of
 * bench/ is the built dist/, as a consumer gets it (only the hand-written reducers' helpers come from src/).
 * Results and the machine they ran on go into docs/performance.md.
 */
import { machineLine } from './harness.js';

// Refuse to measure the sources by mistake (tsx with tsconfig.json maps the package's name to src/).
const measured = import.meta.resolve('engagement-lifecycle');
if (!measured.includes('/dist/')) throw new Error(`bench/ must measure the built package, but engagement-lifecycle resolves to ${measured}: run \`npm run bench\``);
import { reportEngine, runEngineBench } from './engine.js';
import { reportDefectDojoEngine, runDefectDojoEngineBench } from './engine-defectdojo.js';
import { reportDerive, runDeriveBench } from './derive.js';
import { reportMemory, reportSweep, runMemoryBench, runSweepBench } from './sweep.js';
import { reportDefectDojoSweep, runDefectDojoSweepBench } from './sweep-defectdojo.js';
import { reportSize, runSizeBench } from './size.js';
import { reportImportTime, runImportTimeBench } from './import-time.js';
import { reportPostgres, runPostgresBench } from './postgres.js';

/** Every line printed; the goal lines (`met` / `NOT met`) are repeated at the end. */
const printed: string[] = [];
const print = (lines: readonly string[]) => {
  for (const line of lines) console.log(line);
  printed.push(...lines);
  console.log('');
};

console.log(`engagement-lifecycle benchmarks — ${new Date().toISOString()}`);
console.log(`machine at start: ${machineLine()}`);
console.log(`package measured: ${measured}`);
console.log('');
print(reportEngine(runEngineBench()));
print(reportDefectDojoEngine(runDefectDojoEngineBench()));
print(reportDerive(runDeriveBench()));
for (const n of [10_000, 100_000, 1_000_000]) print(reportSweep(await runSweepBench(n)));
print(reportDefectDojoSweep(await runDefectDojoSweepBench(100_000)));
print(reportMemory(await runMemoryBench(100_000)));
print(reportSize(await runSizeBench()));
print(reportImportTime(runImportTimeBench()));
console.log('goals at a glance:');
for (const line of printed.filter((l) => /^(met|NOT met)/.test(l))) console.log(line);
console.log('');
// The PostgreSQL store on PGlite and, when one is found (see bench/postgres.ts), a real server.
for (const line of reportPostgres(await runPostgresBench())) console.log(line);
console.log('');
console.log(`machine at end: ${machineLine()}`);
