// A cold count of the 10 MB corpus by the counting worker as the extension runs it (dist/token-worker.js
// in a thread, with its helper threads), in a fresh process: node out/bench/parallel-count.js <threads>.
// The engines are loaded first (a count of another document), then each run sends a new document in
// slices, as the extension sends it, and counts it; the time runs from its first slice to the answer.
// Prints one JSON line: the median time to the answer and the process's peak resident memory.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { vocabularyFile } from '../src/core/tokens/engine';
import type { FromWorker, ToWorker } from '../src/worker/protocol';
import { mixedCorpus, sentAsLines } from './corpus';
import { median, printFigures } from './measure';
import { THREAD_OPTIONS } from '../src/worker/thread-options';

const ROOT = resolve(__dirname, '..', '..');

export interface ParallelFigures {
  threads: number;
  medianMs: number;
  tokens: number;
  peakRssMb: number;
}

async function main(threads: number): Promise<ParallelFigures> {
  const worker = new Worker(join(ROOT, 'dist', 'token-worker.js'), THREAD_OPTIONS);
  const results = new Map<number, (m: FromWorker) => void>();
  worker.on('message', (m: FromWorker) => (m.type === 'result' || m.type === 'error') && results.get(m.id)?.(m));
  const post = (m: ToWorker) => worker.postMessage(m);
  let id = 0;
  const count = (doc: string) =>
    new Promise<FromWorker>((done) => {
      results.set(++id, done);
      post({ type: 'count', id, doc, encoding: 'o200k_base', spans: [] });
    });
  post({ type: 'ranks', encoding: 'o200k_base', data: readFileSync(join(ROOT, 'dist', 'ranks', vocabularyFile('o200k_base'))) });
  post({ type: 'parallelism', threads, minChars: 1 << 20 });
  const messages = sentAsLines(mixedCorpus(10 * 1024 * 1024));
  const send = (doc: string) => messages.forEach((text, i) => post(i === 0 ? { type: 'open', doc, text, encoding: 'o200k_base' } : { type: 'append', doc, text }));
  send('warm-up');
  await count('warm-up');
  post({ type: 'close', doc: 'warm-up' });
  const times: number[] = [];
  let tokens = 0;
  for (let run = 0; run < 3; run++) {
    const doc = `run-${run}`;
    const started = performance.now();
    send(doc);
    const answer = await count(doc);
    times.push(performance.now() - started);
    if (answer.type !== 'result') throw new Error(JSON.stringify(answer));
    tokens = answer.count.tokens;
    post({ type: 'close', doc });
  }
  await worker.terminate();
  return { threads, medianMs: median(times), tokens, peakRssMb: process.resourceUsage().maxRSS / 1024 };
}

if (require.main === module) {
  printFigures(main(Number(process.argv[2])));
}
