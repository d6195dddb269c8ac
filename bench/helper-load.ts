// A helper thread's vocabulary load: in a fresh process (node out/bench/helper-load.js <encoding> <runs>),
// this thread loads the encoding as the counting worker does (its file in shared memory, then its
// engine), then starts fresh threads one after another that each make the engine from that file, given
// this thread's index or making their own, alternately. Prints one JSON line: the medians, in ms.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { EncodingName } from '../src/core/tokens/encodings';
import { engineFromFile, VocabularyIndex, vocabularyFile } from '../src/core/tokens/engine';
import { Engines, Vocabulary } from '../src/worker/engines';
import { median, printFigures } from './measure';

const ROOT = resolve(__dirname, '..', '..');

export interface HelperLoadFigures {
  encoding: EncodingName;
  givenIndexMs: number;
  ownIndexMs: number;
}

/** One fresh thread's load of the engine, in ms. */
function loadInThread(encoding: EncodingName, data: Uint8Array, index: VocabularyIndex | undefined): Promise<number> {
  return new Promise((done, fail) => {
    const thread = new Worker(__filename, { workerData: { encoding, data, index } });
    thread.once('message', (ms: number) => void thread.terminate().then(() => done(ms)));
    thread.once('error', fail);
  });
}

async function main(encoding: EncodingName, runs: number): Promise<HelperLoadFigures> {
  const engines = new Engines(true);
  engines.add(encoding, readFileSync(join(ROOT, 'dist', 'ranks', vocabularyFile(encoding))));
  engines.get(encoding);
  const { data, index } = engines.vocabulary(encoding) as Vocabulary;
  const given: number[] = [];
  const own: number[] = [];
  for (let run = 0; run < runs; run++) {
    given.push(await loadInThread(encoding, data, index));
    own.push(await loadInThread(encoding, data, undefined));
  }
  return { encoding, givenIndexMs: median(given), ownIndexMs: median(own) };
}

if (isMainThread && require.main === module) {
  printFigures(main(process.argv[2] as EncodingName, Number(process.argv[3] ?? 5)));
} else if (!isMainThread) {
  const { encoding, data, index } = workerData as { encoding: EncodingName; data: Uint8Array; index?: VocabularyIndex };
  const started = performance.now();
  engineFromFile(encoding, data, index);
  parentPort!.postMessage(performance.now() - started);
}
