// The token-counting worker, the same in a Node worker thread and a browser Web Worker: holds the
// documents' text in blocks, makes an encoder from the rank table the host sends before the first
// request that needs it, and counts in slices so that edits and newer requests are taken in between.
import { BlockCutter, BLOCK_TARGET } from '../core/tokens/blocks';
import { applyTextChanges, TokenDocument } from '../core/tokens/document';
import { EncodingName } from '../core/tokens/encodings';
import { compactCopy, utf8Held } from '../core/tokens/strings';
import { isShared } from '../core/shared-memory';
import { Engines, Vocabulary, VocabularyError } from './engines';
import type { HeapFigures } from './heap';
import { HelperPool, HelperThread, Parallelism } from './helpers';
import { joinParts, type FromWorker, type ToWorker } from './protocol';

/** Longest stretch of counting between looks at the message queue, in a worker's own thread. */
const SLICE_MS = 15;
/** The same on the extension host (small documents are counted there), whose other work must not wait long. */
export const HOST_SLICE_MS = 8;
/** Progress is reported only for counts that take longer than this, and then at most this often. */
const QUIET_MS = 150;
const PROGRESS_EVERY_MS = 100;
/**
 * A count with this much uncounted text reports progress before it starts: it takes longer than
 * QUIET_MS on any machine we know of, and the status bar should not show the last file's count meanwhile.
 */
export const PROGRESS_AT_ONCE_CHARS = 2 * 1024 * 1024;
/** Less uncounted text than this is counted by the worker alone: helpers would not pay for their messages. */
export const PARALLEL_MIN_CHARS = 1 << 20;

type CountRequest = Extract<ToWorker, { type: 'count' }>;

interface Entry {
  /**
   * The text as it comes, cut into blocks for the encoding it is first to be counted in (see
   * BlockCutter), until the first counter holds it.
   */
  arriving?: BlockCutter;
  /** One block structure per encoding asked for; the first one made from `arriving`. */
  counters: Map<EncodingName, TokenDocument>;
}

export interface CountingOptions {
  /** Starts a helper thread for parallel cold counts (none where it is not given). */
  spawnHelper?: () => HelperThread;
  /** How many threads count in all, this one included. */
  parallelism?: Parallelism;
  /** The thread's heap, where its platform tells. */
  heapFigures?: () => HeapFigures | undefined;
  /** Longest stretch of counting between looks at the message queue (SLICE_MS unless given). */
  sliceMs?: number;
  /**
   * Keep each block of a text that arrives as a compact copy of its own (compactCopy), so that the
   * parts it came in go while they are young, or as UTF-8 where that is smaller (utf8Held,
   * TokenDocument's `holdAsUtf8`): worth it for the large texts a worker holds, not for the extension
   * host's small ones, where it would only be work on the host's thread.
   */
  compactTexts?: boolean;
}

/**
 * The worker's state and its answers to the host's messages (`onMessage`), sent through `send`;
 * `yieldToMessages` lets the messages that arrived meanwhile in.
 */
export class Counting {
  private readonly documents = new Map<string, Entry>();
  /** The engines, and the vocabulary files they read (for helpers, and from the extension host for the counting worker). */
  private readonly engines: Engines;
  private readonly helpers: HelperPool | undefined;
  /** The newest count request per document; older ones are dropped unanswered. */
  private readonly pending = new Map<string, CountRequest>();
  private running = false;
  private readonly heapFigures: () => HeapFigures | undefined;
  private readonly sliceMs: number;
  /** Whether texts are kept compact (see CountingOptions.compactTexts). */
  private readonly compactTexts: boolean;

  constructor(
    private readonly send: (message: FromWorker) => void,
    private readonly yieldToMessages: () => Promise<void>,
    { spawnHelper, parallelism = { threads: 1, minChars: PARALLEL_MIN_CHARS }, heapFigures = () => undefined, sliceMs = SLICE_MS, compactTexts = false }: CountingOptions = {},
  ) {
    this.helpers = spawnHelper && new HelperPool(spawnHelper, parallelism);
    // In shared memory where threads may share it: one copy for this thread, its helpers and (from the extension host) the counting worker.
    this.engines = new Engines(true);
    this.heapFigures = heapFigures;
    this.sliceMs = sliceMs;
    this.compactTexts = compactTexts;
  }

  /** An encoding's vocabulary as this thread holds it, with its index once loaded, for another thread. */
  vocabulary(encoding: EncodingName): Vocabulary | undefined {
    return this.engines.vocabulary(encoding);
  }

  /**
   * Sends a byte-pair vocabulary this thread has just indexed to the one that sent it, where both the
   * file and its index are shared memory (the other thread then holds no copy): the extension host
   * counts small documents with it instead of indexing the file again.
   */
  private offer(encoding: EncodingName): void {
    const { data, index } = this.engines.vocabulary(encoding)!;
    if (!index || 'neighbours' in index) return; // Gemma 3's: the host counts only in byte-pair encodings
    if ([data.buffer, index.starts.buffer, index.slots.buffer].every(isShared)) this.send({ type: 'vocabulary', encoding, data, index });
  }

  onMessage(message: ToWorker): void {
    switch (message.type) {
      case 'ranks':
        this.engines.add(message.encoding, message.data, message.index);
        break;
      case 'parallelism':
        if (this.helpers) this.helpers.parallelism = { threads: message.threads, minChars: message.minChars };
        break;
      case 'open':
        this.documents.set(message.doc, { arriving: this.cutter(message.encoding, joinParts(message.text)), counters: new Map() });
        break;
      case 'append':
        this.documents.get(message.doc)?.arriving?.add(joinParts(message.text));
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
      case 'heap':
        this.send({ type: 'heap', id: message.id, heap: this.heapFigures() });
        break;
    }
  }

  private applyEdit(message: Extract<ToWorker, { type: 'edit' }>): void {
    const entry = this.documents.get(message.doc);
    if (!entry) return;
    try {
      if (entry.arriving) {
        const text = applyTextChanges(entry.arriving.finish().join(''), message.changes, message.length);
        if (text === undefined) throw new Error('the edit does not fit the text');
        entry.arriving = this.cutter(entry.arriving.encoding, text);
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

  /** A cutter of a text that arrives, with its first part. */
  private cutter(encoding: EncodingName | undefined, text: string): BlockCutter {
    const cutter = this.compactTexts ? new BlockCutter(BLOCK_TARGET, encoding, compactCopy, utf8Held) : new BlockCutter(BLOCK_TARGET, encoding);
    cutter.add(text);
    return cutter;
  }

  private counterFor(entry: Entry, encoding: EncodingName): TokenDocument {
    let counter = entry.counters.get(encoding);
    if (!counter) {
      // The blocks cut as the text arrived are this encoding's blocks when cut for it; another
      // encoding's are cut from them, so that wherever both cut alike they are not a second copy of the
      // text (blocks held as UTF-8 are read back, and held anew).
      const text = entry.arriving ?? entry.counters.values().next().value!.blockTexts();
      entry.counters.set(encoding, (counter = new TokenDocument(text, this.engines.get(encoding), BLOCK_TARGET, this.compactTexts)));
      entry.arriving = undefined; // the counters hold the text from now on
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
    let reported = started - PROGRESS_EVERY_MS;
    try {
      // A table loads between other messages, so edits and newer requests are taken meanwhile.
      if (await this.engines.load(request.encoding, this.yieldToMessages)) this.offer(request.encoding);
      if (this.pending.has(request.doc)) return;
      for (let first = true; ; first = false) {
        const entry = this.documents.get(request.doc);
        if (!entry) return; // dropped after an edit it could not follow: the host re-opens it and asks again
        const counter = this.counterFor(entry, request.encoding);
        if (first) {
          if (counter.uncountedLength() >= PROGRESS_AT_ONCE_CHARS) {
            reported = performance.now();
            this.send({ type: 'progress', id: request.id, share: counter.countedShare() });
          }
          this.helpers?.share(counter, request.encoding, () => this.engines.vocabulary(request.encoding)!);
        }
        const sliceEnd = performance.now() + this.sliceMs;
        const helpers = this.helpers;
        const skip = helpers && ((block: number) => helpers.busyWith(counter, block, request.encoding));
        const share = counter.countPending(() => performance.now() > sliceEnd, skip);
        if (share >= 1) {
          const documentTokens = counter.total().tokens;
          const measured = counter.measure(request.spans, request.limit, request.byteLimit);
          return this.send({ type: 'result', id: request.id, ...measured, documentTokens, helpedBlocks: this.helpers?.helped(counter) ?? 0 });
        }
        const now = performance.now();
        if (now - started > QUIET_MS && now - reported >= PROGRESS_EVERY_MS) {
          reported = now;
          this.send({ type: 'progress', id: request.id, share });
        }
        // Nothing left here but blocks ready helpers are counting: wait for them rather than spin.
        if (helpers && performance.now() <= sliceEnd) await helpers.settled(counter);
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
