// Starts a fuzzing worker thread: Node 20 does not pass `--import tsx` on to worker threads, so the worker
// registers tsx itself before it loads the TypeScript loop (tsx also follows tsconfig `paths` to src/).
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.file);
