// The token-counting worker as a Web Worker (VS Code for the Web). Started again by itself under the
// helper name, the same script is a helper for parallel cold counts.
/// <reference lib="webworker" />
import { Counting, PARALLEL_MIN_CHARS } from './counting';
import { FromHelper, Helping, HelperThread, ToHelper } from './helpers';
import type { FromWorker, ToWorker } from './protocol';
import { turnTaker } from './turns';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const HELPER_NAME = 'Box AI token-worker helper';

if (scope.name === HELPER_NAME) {
  const helping = new Helping((message) => scope.postMessage(message));
  scope.onmessage = (event: MessageEvent<ToHelper>) => helping.onMessage(event.data);
} else {
  const spawnHelper = (): HelperThread => {
    const worker = new Worker(scope.location.href, { name: HELPER_NAME });
    return {
      post: (message) => worker.postMessage(message),
      onMessage: (listener) => (worker.onmessage = (event: MessageEvent<FromHelper>) => listener(event.data)),
      onGone: (listener) => (worker.onerror = () => listener()),
      terminate: () => worker.terminate(),
    };
  };
  const counting = new Counting((message: FromWorker) => scope.postMessage(message), turnTaker(), {
    spawnHelper,
    parallelism: { threads: Math.max(1, navigator.hardwareConcurrency || 1), minChars: PARALLEL_MIN_CHARS },
    compactTexts: true,
  });
  scope.onmessage = (event: MessageEvent<ToWorker>) => counting.onMessage(event.data);
}
