/**
 * `npm run bench`: every benchmark question in one process, several rounds each, medians reported.
 * Results and the machine they ran on go into docs/performance.md.
 */
import os from 'node:os';
import { reportEngine, runEngineBench } from './engine.js';
import { reportDerive, runDeriveBench } from './derive.js';
import { reportSweep, runSweepBench } from './sweep.js';

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(`engagement-lifecycle benchmarks — Node ${process.version}, ${os.cpus().length} × ${cpu}, ${os.platform()} ${os.arch()}`);
console.log('');
for (const line of reportEngine(runEngineBench())) console.log(line);
console.log('');
for (const line of reportDerive(runDeriveBench())) console.log(line);
console.log('');
for (const line of reportSweep(await runSweepBench())) console.log(line);
