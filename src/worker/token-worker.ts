// The token-counting worker thread: holds the documents' text in blocks, loads an encoder on the first
// request that needs it, and counts in slices so that edits and newer requests are taken in between.
import { parentPort } from 'node:worker_threads';
import { join } from 'node:path';
import { TokenDocument } from '../core/tokens/document';
import { EncodingName } from '../core/tokens/encodings';
import { gptTokenizerEngine, RankTable, TokenEngine } from '../core/tokens/engine';
import type { FromWorker, ToWorker } from './protocol';

/** Longest stretch of counting between looks at the message queue. */
const SLICE_MS = 15;
/** Progress is reported only for counts that take longer than this. */
const QUIET_MS = 150;

type CountRequest = Extract<ToWorker, { type: 'count' }>;

interface Entry {
  text: string;
  /** One block structure per encoding asked for; the first one made from `text`. */
  counters: Map<EncodingName, TokenDocument>;
}

const port = parentPort!;
const documents = new Map<string, Entry>();
const engines = new Map<EncodingName, TokenEngine>();
/** The newest count request per document; older ones are dropped unanswered. */
const pending = new Map<string, CountRequest>();
let running = false;

function send(message: FromWorker): void {
  port.postMessage(message);
}

function engineFor(encoding: EncodingName): TokenEngine {
  let engine = engines.get(encoding);
  if (!engine) {
    // The rank tables ship as separate files next to this bundle and load only when first needed.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ranks = require(join(__dirname, 'ranks', `${encoding}.js`)).default as RankTable;
    engines.set(encoding, (engine = gptTokenizerEngine(encoding, ranks)));
  }
  return engine;
}

function counterFor(entry: Entry, encoding: EncodingName): TokenDocument {
  let counter = entry.counters.get(encoding);
  if (!counter) {
    const text = entry.counters.size > 0 ? entry.counters.values().next().value!.getText() : entry.text;
    entry.counters.set(encoding, (counter = new TokenDocument(text, engineFor(encoding))));
    entry.text = ''; // the counters hold it from now on
  }
  return counter;
}

function onMessage(message: ToWorker): void {
  switch (message.type) {
    case 'open':
      documents.set(message.doc, { text: message.text, counters: new Map() });
      break;
    case 'close':
      documents.delete(message.doc);
      pending.delete(message.doc);
      break;
    case 'edit': {
      const entry = documents.get(message.doc);
      if (!entry) break;
      try {
        if (entry.counters.size === 0) {
          for (const c of message.changes) entry.text = entry.text.slice(0, c.offset) + c.inserted + entry.text.slice(c.offset + c.removed);
          if (entry.text.length !== message.length) throw new Error('length mismatch');
        }
        for (const counter of entry.counters.values()) {
          counter.applyChanges(message.changes);
          if (counter.length !== message.length) throw new Error('length mismatch');
        }
      } catch {
        documents.delete(message.doc);
        send({ type: 'resync', doc: message.doc });
      }
      break;
    }
    case 'count':
      pending.set(message.doc, message);
      if (!running) void run();
      break;
  }
}

async function run(): Promise<void> {
  running = true;
  try {
    for (let request = nextRequest(); request; request = nextRequest()) await answer(request);
  } finally {
    running = false;
  }
}

function nextRequest(): CountRequest | undefined {
  const [doc, request] = pending.entries().next().value ?? [];
  if (doc !== undefined) pending.delete(doc);
  return request;
}

async function answer(request: CountRequest): Promise<void> {
  const started = performance.now();
  try {
    for (;;) {
      const entry = documents.get(request.doc);
      if (!entry) return; // dropped after an edit it could not follow: the host re-opens it and asks again
      const counter = counterFor(entry, request.encoding);
      const sliceEnd = performance.now() + SLICE_MS;
      const share = counter.countPending(() => performance.now() > sliceEnd);
      if (share >= 1) {
        const documentTokens = counter.total().tokens;
        const count = request.spans.length > 0 ? counter.spansTotal(request.spans) : counter.total();
        const crossing = request.limit !== undefined && count.tokens > request.limit ? counter.crossing(request.spans, request.limit) : undefined;
        return send({ type: 'result', id: request.id, count, crossing, documentTokens });
      }
      if (performance.now() - started > QUIET_MS) send({ type: 'progress', id: request.id, share });
      await new Promise((resolve) => setImmediate(resolve));
      // A newer request for this document replaces this one; it resumes from the blocks counted so far.
      const newer = pending.get(request.doc);
      if (newer) return;
    }
  } catch (error) {
    send({ type: 'error', id: request.id, message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
}

port.on('message', onMessage);
