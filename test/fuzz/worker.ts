/**
 * A worker thread that fuzzes one entry. It marks the index of the call it is about to make in shared memory, so
 * that the main thread can stop it when a call never returns and know which call hung.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runLoop, type LoopOptions } from './loop.js';

const { options, progress } = workerData as { options: LoopOptions; progress: Int32Array };
const port = parentPort!;

await runLoop(options, {
  starting: (index) => Atomics.store(progress, 0, index),
  inLibrary: (running) => Atomics.store(progress, 1, running ? 1 : 0),
  failed: (report) => port.postMessage({ type: 'failed', report }),
});
port.postMessage({ type: 'done' });
