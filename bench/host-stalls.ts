// How long the extension host's thread is held, per request kind, at the largest size each language is
// scanned (`boxAiModels.maxFileSizeKB`'s 5 MB; YAML's 512 KB): before, reading on the host as 0.4.0
// did; after, as the extension does now, with the scanning and counting workers in real threads.
// A heartbeat on the thread records the longest stretch between its ticks while a request runs.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Catalog } from '../src/core/catalog/catalog';
import { checkDocument } from '../src/core/check';
import { locatorFor, locateSlots, modelSlots, slotAt, YAML_MAX_LENGTH } from '../src/core/locate';
import { lineTurns } from '../src/worker/protocol';
import { Counting, HOST_SLICE_MS } from '../src/worker/counting';
import { turnTaker } from '../src/worker/turns';
import { HOST_COUNT_MAX_CHARS } from '../src/platform/host-sizes';
import type { FromScanner, ScanQuestion, ToScanner } from '../src/worker/scanning';
import { jsonCorpus, markdownCorpus, mixedCorpus, pythonCorpus, scriptCorpus, yamlCorpus } from './corpus';
import { measure, median, spread } from './measure';
import { THREAD_OPTIONS } from '../src/worker/thread-options';

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

/** The longest stretch on the host per run, and how long each run took from start to answer. */
async function stretches(runs: number, work: (run: number) => Promise<unknown>): Promise<{ median: number; p95: number; answered: { median: number; p95: number } }> {
  // The garbage the host-side measurements left is collected first, or its collection lands here.
  (globalThis as { gc?: () => void }).gc?.();
  const times: number[] = [];
  const answered: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    times.push(await longestStretch(() => work(run)));
    answered.push(performance.now() - started);
  }
  return { ...spread(times), answered: spread(answered) };
}

/**
 * Posts a document's text as the extension host does (WorkerLink): its lines and line breaks, a turn of
 * the event loop after each TEXT_SLICE characters or so. `lines`: the text split beforehand, as a
 * document holds it.
 */
async function sendAsHost(lines: string[], post: (parts: string[], first: boolean) => void): Promise<void> {
  let first = true;
  for (const turn of lineTurns(lines.length, (line) => lines[line], '\n')) {
    if (!first) await new Promise((r) => setTimeout(r, 0));
    turn.forEach((parts, i) => post(parts, first && i === 0));
    first = false;
  }
}

/** The scanning worker as the extension starts it, with what the host does per request: post, await the answer. */
function scanWorker(): { post(message: ToScanner): void; ask(message: ScanQuestion): Promise<FromScanner>; stop(): Promise<number> } {
  const worker = new Worker(join(ROOT, 'dist', 'scan-worker.js'), THREAD_OPTIONS);
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

/** What one more worker thread costs the process in resident memory, MB: a scanning worker started, asked one small question, left 1 s. */
async function idleThreadMB(): Promise<number> {
  const costs: number[] = [];
  for (let run = 0; run < 5; run++) {
    const before = process.memoryUsage().rss;
    const scanner = scanWorker();
    scanner.post({ type: 'open', doc: 'a', text: '{"ai_agent": {"basic_text": {"model": "x"}}}', languageId: 'json', scope: 'boxOverrides', maxLength: LARGEST });
    await scanner.ask({ type: 'chatModels', doc: 'a' });
    await new Promise((r) => setTimeout(r, 1000));
    costs.push((process.memoryUsage().rss - before) / MB);
    await scanner.stop();
    await new Promise((r) => setTimeout(r, 200));
  }
  return median(costs);
}

export async function hostStallBenchmarks(catalog: Catalog): Promise<string[]> {
  // Last column: a request's time to its answer, the scanning thread busy with it: in one thread with the
  // counter, a count would wait that long behind it.
  const rows: [string, string, string, string][] = [];
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
    const lines = text.split('\n');
    const sent = await stretches(5, () => sendAsHost(lines, (parts, first) => scanner.post(first ? { type: 'open', doc, text: parts, ...options } : { type: 'append', doc, text: parts })));
    rows.push([`${label}: the document sent to the worker (once)`, '', cell(sent), '']);
    // An edit in the middle (a character replaced), then the request: the worker reads again what it must.
    const middle = Math.floor(text.length / 2);
    const edit = (run: number) => scanner.post({ type: 'edit', doc, changes: [{ offset: middle, removed: 1, inserted: run % 2 ? 'x' : text[middle] }], length: text.length });
    const checked = await stretches(21, async (run) => {
      edit(run);
      await scanner.ask({ type: 'check', doc, models });
    });
    rows.push([`${label}: diagnostics after an edit`, cell(measure(5, () => checkDocument(locateSlots(text, languageId, 'boxOverrides', LARGEST), catalog))), cell(checked), cell(checked.answered)]);
    const beforeSlot = locatorFor(languageId, 'boxOverrides')
      ? measure(5, () => locatorFor(languageId, 'boxOverrides')!.slotAt(text, end)) // a first request deep in the file read up to it
      : measure(5, () => slotAt(modelSlots(locateSlots(text, languageId, 'boxOverrides', LARGEST)), end)); // read whole once per version
    const found = await stretches(21, async (run) => {
      edit(run);
      await scanner.ask({ type: 'slotAt', doc, offset: end });
    });
    rows.push([`${label}: completion or hover at its end after an edit`, cell(beforeSlot), cell(found), cell(found.answered)]);
    scanner.post({ type: 'close', doc });
  }
  await scanner.stop();

  // The token counter's bookkeeping: a document's text goes to the counting worker once when it is
  // first counted (then only its edits).
  const counter = new Worker(join(ROOT, 'dist', 'token-worker.js'), THREAD_OPTIONS);
  for (const size of [1, 19]) {
    const lines = mixedCorpus(size * MB).split('\n');
    let doc = 0;
    const posting = await stretches(21, () => {
      const name = `d${doc++}`;
      return sendAsHost(lines, (parts, first) => counter.postMessage(first ? { type: 'open', doc: name, text: parts, encoding: 'o200k_base' } : { type: 'append', doc: name, text: parts }));
    });
    rows.push([`token count: a ${size} MB document sent to the counting worker (once)`, '', cell(posting), '']);
    for (let i = 0; i < doc; i++) counter.postMessage({ type: 'close', doc: `d${i}` });
  }
  await counter.terminate();

  // Small documents are counted on the extension host itself, as the extension's TokenService does it.
  // A window's first count runs code never run before in that process, so each run is a fresh process.
  const firsts = Array.from({ length: FIRST_COUNT_RUNS }, () => JSON.parse(execFileSync(process.execPath, [__filename, FIRST_HOST_COUNT], { encoding: 'utf8' })) as FirstCount);
  const small = smallDocument();
  rows.push([
    `token count on the host: a window's first, of a ${Math.round(small.length / 1024)}K-character document, o200k_base's table loaded first (a fresh process each run)`,
    '',
    cell(spread(firsts.map((first) => first.stretch))),
    cell(spread(firsts.map((first) => first.answered))),
  ]);
  const warm = hostCounter();
  warm.counting.onMessage({ type: 'ranks', encoding: 'o200k_base', data: hostTable() });
  warm.counting.onMessage({ type: 'open', doc: 's', text: small, encoding: 'o200k_base' });
  await warm.count(0);
  const middle = Math.floor(small.length / 2);
  const recounts = await stretches(21, async (run) => {
    warm.counting.onMessage({ type: 'edit', doc: 's', changes: [{ offset: middle, removed: 1, inserted: run % 2 ? 'x' : small[middle] }], length: small.length });
    await warm.count(run + 1);
  });
  rows.push([`token count on the host: a keystroke's recount of a ${Math.round(small.length / 1024)}K-character document`, '', cell(recounts), cell(recounts.answered)]);

  const threadCost = await idleThreadMB();
  return [
    `A worker thread of the extension's, started and answering one small request, adds ${threadCost.toFixed(1)} MB to the process (median of 5; one thread for the scanning and the counting would save that).`,
    '',
    '| request kind, at the largest scanned size | before: read on the host, median / p95 ms | now: longest stretch on the host, median / p95 ms | now: answered in, median / p95 ms |',
    '|---|---:|---:|---:|',
    ...rows.map(([kind, before, after, answered]) => `| ${kind} | ${before} | ${after} | ${answered} |`),
  ];
}

const FIRST_HOST_COUNT = 'first-host-count';
const FIRST_COUNT_RUNS = 9;
interface FirstCount {
  /** The longest stretch on the host, ms. */
  stretch: number;
  /** From the table's arrival to the answer, ms. */
  answered: number;
}

const hostTable = () => new Uint8Array(readFileSync(join(ROOT, 'dist', 'ranks', 'o200k_base.bin')));
const smallDocument = () => mixedCorpus(HOST_COUNT_MAX_CHARS - 1024);

/** The extension host's own counting of small documents, as TokenService runs it; `count` resolves with its answer. */
function hostCounter(): { counting: Counting; count(id: number): Promise<void> } {
  let answered: (() => void) | undefined;
  const counting = new Counting((message) => message.type === 'result' && answered?.(), turnTaker(), { sliceMs: HOST_SLICE_MS });
  const count = (id: number) =>
    new Promise<void>((done) => {
      answered = done;
      counting.onMessage({ type: 'count', id, doc: 's', encoding: 'o200k_base', spans: [] });
    });
  return { counting, count };
}

/** A window's first count on the host: o200k_base's table arrives, then a small document, counted. */
async function firstHostCount(): Promise<FirstCount> {
  const [table, small] = [hostTable(), smallDocument()];
  const host = hostCounter();
  const started = performance.now();
  const stretch = await longestStretch(async () => {
    host.counting.onMessage({ type: 'ranks', encoding: 'o200k_base', data: table });
    host.counting.onMessage({ type: 'open', doc: 's', text: small, encoding: 'o200k_base' });
    await host.count(1);
  });
  return { stretch, answered: performance.now() - started };
}

// One first count in this process: node out/bench/host-stalls.js first-host-count (prints one JSON line).
if (require.main === module && process.argv[2] === FIRST_HOST_COUNT) void firstHostCount().then((figures) => console.log(JSON.stringify(figures)));
