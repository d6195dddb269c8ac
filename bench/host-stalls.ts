// How long the extension host's thread is held, per request kind, at the largest size each language is
// scanned (`boxAiModels.maxFileSizeKB`'s 5 MB; YAML's 512 KB): before, reading on the host as 0.4.0
// did; after, as the extension does now, with the scanning and counting workers in real threads.
// A heartbeat on the thread records the longest stretch between its ticks while a request runs.
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Catalog } from '../src/core/catalog/catalog';
import { checkDocument } from '../src/core/check';
import { locatorFor, locateSlots, modelSlots, slotAt, YAML_MAX_LENGTH } from '../src/core/locate';
import { textMessages } from '../src/worker/protocol';
import type { FromScanner, ScanQuestion, ToScanner } from '../src/worker/scanning';
import { jsonCorpus, markdownCorpus, mixedCorpus, pythonCorpus, scriptCorpus, yamlCorpus } from './corpus';
import { measure, spread } from './measure';

const ROOT = resolve(__dirname, '..', '..');
const MB = 1024 * 1024;
const LARGEST = 5 * MB;

/** The longest stretch the thread went without a heartbeat tick while `work` ran, ms. */
async function longestStretch(work: () => Promise<unknown>): Promise<number> {
  let longest = 0;
  let last = performance.now();
  let running = true;
  const tick = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  await work();
  await new Promise((r) => setImmediate(r));
  running = false;
  return Math.max(longest, performance.now() - last);
}

async function stretches(runs: number, work: (run: number) => Promise<unknown>): Promise<{ median: number; p95: number }> {
  // The garbage the host-side measurements left is collected first, or its collection lands here.
  (globalThis as { gc?: () => void }).gc?.();
  const times: number[] = [];
  for (let run = 0; run < runs; run++) times.push(await longestStretch(() => work(run)));
  return spread(times);
}

/** The scanning worker as the extension starts it, with what the host does per request: post, await the answer. */
function scanWorker(): { post(message: ToScanner): void; ask(message: ScanQuestion): Promise<FromScanner>; stop(): Promise<number> } {
  const worker = new Worker(join(ROOT, 'dist', 'scan-worker.js'));
  const waiting = new Map<number, (answer: FromScanner) => void>();
  let nextId = 1;
  worker.on('message', (answer: FromScanner) => waiting.get(answer.id)?.(answer));
  return {
    post: (message) => worker.postMessage(message),
    ask: (message) =>
      new Promise((resolveAnswer) => {
        const id = nextId++;
        waiting.set(id, resolveAnswer);
        worker.postMessage({ ...message, id });
      }),
    stop: () => worker.terminate(),
  };
}

export async function hostStallBenchmarks(catalog: Catalog): Promise<string[]> {
  const rows: [string, string, string][] = [];
  const cell = (r: { median: number; p95: number }) => `${r.median.toFixed(1)} / ${r.p95.toFixed(1)}`;
  const scanner = scanWorker();
  const models = catalog.models;

  for (const [label, languageId, text] of [
    ['JSON, 5 MB', 'json', jsonCorpus(LARGEST - 1024)],
    ['TypeScript, 5 MB', 'typescript', scriptCorpus(LARGEST - 1024)],
    ['Python, 5 MB', 'python', pythonCorpus(LARGEST - 1024)],
    ['Markdown, 5 MB', 'markdown', markdownCorpus(LARGEST - 1024)],
    ['YAML, 512 KB', 'yaml', yamlCorpus(YAML_MAX_LENGTH - 1024)],
  ] as const) {
    const doc = label;
    const options = { languageId, scope: 'boxOverrides', maxLength: LARGEST } as const;
    const end = text.lastIndexOf('model') + 9;
    // Sending the text, once per document (then only its edits).
    rows.push([`${label}: the document sent to the worker (once)`, '', cell(await stretches(5, async () => scanner.post({ type: 'open', doc, text, ...options })))]);
    // An edit in the middle (a character replaced), then the request: the worker reads again what it must.
    const middle = Math.floor(text.length / 2);
    const edit = (run: number) => scanner.post({ type: 'edit', doc, changes: [{ offset: middle, removed: 1, inserted: run % 2 ? 'x' : text[middle] }], length: text.length });
    rows.push([
      `${label}: diagnostics after an edit`,
      cell(measure(5, () => checkDocument(locateSlots(text, languageId, 'boxOverrides', LARGEST), catalog))),
      cell(await stretches(21, async (run) => {
        edit(run);
        await scanner.ask({ type: 'check', doc, models });
      })),
    ]);
    const beforeSlot = locatorFor(languageId, 'boxOverrides')
      ? measure(5, () => locatorFor(languageId, 'boxOverrides')!.slotAt(text, end)) // a first request deep in the file read up to it
      : measure(5, () => slotAt(modelSlots(locateSlots(text, languageId, 'boxOverrides', LARGEST)), end)); // read whole once per version
    rows.push([
      `${label}: completion or hover at its end after an edit`,
      cell(beforeSlot),
      cell(await stretches(21, async (run) => {
        edit(run);
        await scanner.ask({ type: 'slotAt', doc, offset: end });
      })),
    ]);
    scanner.post({ type: 'close', doc });
  }
  await scanner.stop();

  // The token counter's bookkeeping: a document's text goes to the counting worker once when it is
  // first counted (then only its edits).
  const counter = new Worker(join(ROOT, 'dist', 'token-worker.js'));
  for (const size of [1, 19]) {
    const text = mixedCorpus(size * MB);
    let doc = 0;
    // As the host sends it: in slices, each in a turn of its own.
    const posting = await stretches(21, async () => {
      for (const [i, message] of textMessages(`d${doc++}`, text).entries()) {
        if (i > 0) await new Promise((r) => setTimeout(r, 0));
        counter.postMessage(message);
      }
    });
    rows.push([`token count: a ${size} MB document sent to the counting worker (once)`, '', cell(posting)]);
    for (let i = 0; i < doc; i++) counter.postMessage({ type: 'close', doc: `d${i}` });
  }
  await counter.terminate();

  return [
    '| request kind, at the largest scanned size | before: read on the host, median / p95 ms | now: longest stretch on the host, median / p95 ms |',
    '|---|---:|---:|',
    ...rows.map(([kind, before, after]) => `| ${kind} | ${before} | ${after} |`),
  ];
}
