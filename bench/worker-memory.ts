// What the counting worker costs a process in memory: dist/token-worker.js in a thread, sent the 10 MB
// corpus as its lines, as the extension sends it, counted once with `o200k_base`; then the process's
// resident memory at its peak and over the idle seconds that follow (helpers stop when idle), and the
// worker's heap; and the count's time from sending the table to the new worker to the answer, and how
// many blocks its helpers counted. On Linux, also the growth of the process's anonymous mappings of
// at most 1 MB (V8's heap pages) and of the larger ones (the allocator's thread arenas, threads'
// stacks, large buffers) after the last reading.
// In a fresh process: node out/bench/worker-memory.js <threads>. Prints one JSON line.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { vocabularyFile } from '../src/core/tokens/engine';
import type { FromWorker, ToWorker } from '../src/worker/protocol';
import { THREAD_OPTIONS } from '../src/worker/thread-options';
import { mixedCorpus, sentAsLines } from './corpus';
import { printFigures, residentMB } from './measure';

const ROOT = resolve(__dirname, '..', '..');
const MB = 1024 * 1024;
/** Seconds after the count at which memory is read. */
const READ_AT = [0, 8, 20];


/** Resident anonymous memory in mappings of at most 1 MB and in larger ones, MB (Linux; else undefined). */
function anonymousMappings(): { small: number; large: number } | undefined {
  let smaps: string;
  try {
    smaps = readFileSync('/proc/self/smaps', 'utf8');
  } catch {
    return undefined;
  }
  const kB = { small: 0, large: 0 };
  let size = 0;
  let anonymous = false;
  for (const line of smaps.split('\n')) {
    const mapping = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ (\d+)\s*(.*)$/.exec(line);
    if (mapping) {
      size = parseInt(mapping[2], 16) - parseInt(mapping[1], 16);
      anonymous = mapping[3] === '0' && !mapping[4].startsWith('[');
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss && anonymous) kB[size <= MB ? 'small' : 'large'] += Number(rss[1]);
  }
  return { small: kB.small / 1024, large: kB.large / 1024 };
}

async function main(threads: number): Promise<Record<string, number | string>> {
  const text = mixedCorpus(10 * MB);
  const messages = sentAsLines(text);
  await sleep(500);
  const before = residentMB();
  const mappingsBefore = anonymousMappings();
  const worker = new Worker(join(ROOT, 'dist', 'token-worker.js'), THREAD_OPTIONS);
  const answers = new Map<number, (message: FromWorker) => void>();
  worker.on('message', (m: FromWorker) => (m.type === 'result' || m.type === 'error' || m.type === 'heap') && answers.get(m.id)?.(m));
  let id = 0;
  const ask = (message: (id: number) => ToWorker) =>
    new Promise<FromWorker>((done) => {
      answers.set(++id, done);
      worker.postMessage(message(id));
    });
  const post = (message: ToWorker) => worker.postMessage(message);
  const started = performance.now();
  post({ type: 'ranks', encoding: 'o200k_base', data: readFileSync(join(ROOT, 'dist', 'ranks', vocabularyFile('o200k_base'))) });
  post({ type: 'parallelism', threads, minChars: MB });
  messages.forEach((parts, i) => post(i === 0 ? { type: 'open', doc: 'd', text: parts, encoding: 'o200k_base' } : { type: 'append', doc: 'd', text: parts }));
  const answer = await ask((id) => ({ type: 'count', id, doc: 'd', encoding: 'o200k_base', spans: [] }));
  if (answer.type !== 'result') throw new Error(JSON.stringify(answer));
  const figures: Record<string, number | string> = {
    threads,
    tokens: answer.documentTokens,
    'first count, ms': Math.round(performance.now() - started),
    'blocks counted by helpers': answer.helpedBlocks,
    'peak cost, MB': Math.round(process.resourceUsage().maxRSS / 1024 - before),
  };
  let waited = 0;
  for (const seconds of READ_AT) {
    await sleep((seconds - waited) * 1000);
    waited = seconds;
    const heap = await ask((id) => ({ type: 'heap', id }));
    figures[`cost after ${seconds} s, MB`] = Math.round(residentMB() - before);
    if (heap.type === 'heap' && heap.heap) figures[`worker heap in use after ${seconds} s, MB`] = Math.round(heap.heap.usedMB);
  }
  const mappingsAfter = anonymousMappings();
  if (mappingsBefore && mappingsAfter) {
    figures[`anonymous mappings of at most 1 MB, growth after ${READ_AT.at(-1)} s, MB`] = Math.round(mappingsAfter.small - mappingsBefore.small);
    figures[`larger anonymous mappings, growth after ${READ_AT.at(-1)} s, MB`] = Math.round(mappingsAfter.large - mappingsBefore.large);
  }
  await worker.terminate();
  return figures;
}

printFigures(main(Number(process.argv[2] ?? 2)));
