// The token-counting worker as a Node worker thread (the desktop and remote extension hosts). Started
// again by itself with `helper` set, the same file is a helper thread for parallel cold counts.
import { availableParallelism } from 'node:os';
import { parentPort, Worker, workerData } from 'node:worker_threads';
import { Counting, PARALLEL_MIN_CHARS } from './counting';
import { FromHelper, Helping, HelperThread, ToHelper } from './helpers';
import { nodeHeapFigures } from './node-heap';
import type { FromWorker, ToWorker } from './protocol';
import { THREAD_OPTIONS } from './thread-options';
import { turnTaker } from './turns';

const port = parentPort!;
if ((workerData as { helper?: boolean } | undefined)?.helper) {
  const helping = new Helping((message) => port.postMessage(message));
  port.on('message', (message: ToHelper) => helping.onMessage(message));
} else {
  const spawnHelper = (): HelperThread => {
    const worker = new Worker(__filename, { workerData: { helper: true }, ...THREAD_OPTIONS });
    worker.unref();
    return {
      post: (message) => worker.postMessage(message),
      onMessage: (listener) => worker.on('message', (m: FromHelper) => listener(m)),
      onGone: (listener) => worker.on('exit', listener),
      terminate: () => void worker.terminate(),
    };
  };
  const counting = new Counting(
    (message: FromWorker) => port.postMessage(message),
    turnTaker(),
    { spawnHelper, parallelism: { threads: availableParallelism(), minChars: PARALLEL_MIN_CHARS }, heapFigures: nodeHeapFigures, compactTexts: true },
  );
  port.on('message', (message: ToWorker) => counting.onMessage(message));
}
