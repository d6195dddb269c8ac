// How long a stopped worker thread's heap stays in the process's resident memory: in a fresh process
// (node out/bench/stopped-thread.js [MB]), a thread fills its heap with short strings, MB × 1 MB / 56
// of them (100 unless given: about 170 MB resident), and is stopped; the process's resident memory is
// read before the thread starts, once its heap is full, and every 2 s for 14 s after it has stopped.
// Prints one JSON line (MB over the reading before the thread). The memory benchmark reads each step
// at 8 s and 20 s because of what this shows under the extension host's Node.
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { printFigures, residentMB } from './measure';


// An array of short strings, kept until the thread stops.
const FILL = `
const { parentPort, workerData } = require('node:worker_threads');
const kept = [];
for (let i = 0; i < workerData.mb * 1024 * 1024 / 56; i++) kept.push('entry ' + i);
parentPort.postMessage(kept.length);
`;

async function main(mb: number): Promise<Record<string, number | string>> {
  await sleep(300);
  const before = residentMB();
  const worker = new Worker(FILL, { eval: true, workerData: { mb } });
  await new Promise((done) => worker.once('message', done));
  const figures: Record<string, number | string> = { node: process.version, 'heap filled, MB': Math.round(residentMB() - before) };
  await worker.terminate();
  const stopped = performance.now();
  for (let second = 0; second <= 14; second += 2) {
    await sleep(Math.max(0, stopped + second * 1000 - performance.now()));
    figures[`${second} s after the stop, MB`] = Math.round(residentMB() - before);
  }
  return figures;
}

printFigures(main(Number(process.argv[2] ?? 100)));
