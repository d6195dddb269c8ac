// The token-counting worker, the same in a Node worker thread and a browser Web Worker: holds the
// documents' text in blocks, makes an encoder from the rank table the host sends before the first
// request that needs it, and counts in slices so that edits and newer requests are taken in between.
import { TokenDocument } from '../core/tokens/document';
import { EncodingName } from '../core/tokens/encodings';
import { engineFromVocabulary, TokenEngine } from '../core/tokens/engine';
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

/**
 * The worker's state and its answers to the host's messages (`onMessage`), sent through `send`;
 * `yieldToMessages` lets the messages that arrived meanwhile in.
 */
export class Counting {
  private readonly documents = new Map<string, Entry>();
  /** Rank tables as the host sent them (JSON), parsed when an encoding is first used. */
  private readonly rankTexts = new Map<EncodingName, string>();
  private readonly engines = new Map<EncodingName, TokenEngine>();
  /** The newest count request per document; older ones are dropped unanswered. */
  private readonly pending = new Map<string, CountRequest>();
  private running = false;

  constructor(
    private readonly send: (message: FromWorker) => void,
    private readonly yieldToMessages: () => Promise<void>,
  ) {}

  onMessage(message: ToWorker): void {
    switch (message.type) {
      case 'ranks':
        if (!this.engines.has(message.encoding)) this.rankTexts.set(message.encoding, message.json);
        break;
      case 'open':
        this.documents.set(message.doc, { text: message.text, counters: new Map() });
        break;
      case 'close':
        this.documents.delete(message.doc);
        this.pending.delete(message.doc);
        break;
      case 'edit':
        this.applyEdit(message);
        break;
      case 'count':
        this.pending.set(message.doc, message);
        if (!this.running) void this.run();
        break;
    }
  }

  private applyEdit(message: Extract<ToWorker, { type: 'edit' }>): void {
    const entry = this.documents.get(message.doc);
    if (!entry) return;
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
      this.documents.delete(message.doc);
      this.send({ type: 'resync', doc: message.doc });
    }
  }

  private engineFor(encoding: EncodingName): TokenEngine {
    let engine = this.engines.get(encoding);
    if (!engine) {
      const text = this.rankTexts.get(encoding);
      // The host sends each table before the first count that needs it: a missing one is its mistake, not the vocabulary's.
      if (text === undefined) throw new Error(`no rank table for ${encoding}`);
      this.rankTexts.delete(encoding);
      try {
        engine = engineFromVocabulary(encoding, JSON.parse(text));
      } catch (error) {
        throw new VocabularyError(`the ${encoding} vocabulary cannot be used: ${(error as Error).message}`);
      }
      this.engines.set(encoding, engine);
    }
    return engine;
  }

  private counterFor(entry: Entry, encoding: EncodingName): TokenDocument {
    let counter = entry.counters.get(encoding);
    if (!counter) {
      const text = entry.counters.size > 0 ? entry.counters.values().next().value!.getText() : entry.text;
      entry.counters.set(encoding, (counter = new TokenDocument(text, this.engineFor(encoding))));
      entry.text = ''; // the counters hold it from now on
    }
    return counter;
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      for (let request = this.nextRequest(); request; request = this.nextRequest()) await this.answer(request);
    } finally {
      this.running = false;
    }
  }

  private nextRequest(): CountRequest | undefined {
    const [doc, request] = this.pending.entries().next().value ?? [];
    if (doc !== undefined) this.pending.delete(doc);
    return request;
  }

  private async answer(request: CountRequest): Promise<void> {
    const started = performance.now();
    try {
      for (;;) {
        const entry = this.documents.get(request.doc);
        if (!entry) return; // dropped after an edit it could not follow: the host re-opens it and asks again
        const counter = this.counterFor(entry, request.encoding);
        const sliceEnd = performance.now() + SLICE_MS;
        const share = counter.countPending(() => performance.now() > sliceEnd);
        if (share >= 1) {
          const documentTokens = counter.total().tokens;
          const count = request.spans.length > 0 ? counter.spansTotal(request.spans) : counter.total();
          const crossing = request.limit !== undefined && count.tokens > request.limit ? counter.crossing(request.spans, request.limit) : undefined;
          return this.send({ type: 'result', id: request.id, count, crossing, documentTokens });
        }
        if (performance.now() - started > QUIET_MS) this.send({ type: 'progress', id: request.id, share });
        await this.yieldToMessages();
        // A newer request for this document replaces this one; it resumes from the blocks counted so far.
        if (this.pending.has(request.doc)) return;
      }
    } catch (error) {
      const message = error instanceof VocabularyError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
      this.send({ type: 'error', id: request.id, message, ...(error instanceof VocabularyError ? { encoding: request.encoding } : {}) });
    }
  }
}

/** An encoding's rank table is missing or is not one: counts in it cannot be exact here. */
class VocabularyError extends Error {}
