// The token-counting worker as a Node worker thread (the desktop and remote extension hosts).
import { parentPort } from 'node:worker_threads';
import { Counting } from './counting';
import type { FromWorker, ToWorker } from './protocol';

const port = parentPort!;
const counting = new Counting(
  (message: FromWorker) => port.postMessage(message),
  () => new Promise((resolve) => setImmediate(resolve)),
);
port.on('message', (message: ToWorker) => counting.onMessage(message));
