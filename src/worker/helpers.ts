// Parallel cold counts: the counting worker hands shares of a document's uncounted blocks to helper
// threads (worker threads on Node, nested Web Workers on the web), each with its own engine, and takes
// their counts by block id (TokenDocument.fill). The document, its edits and every answer stay with
// the counting worker; a helper only ever counts the texts it is sent.
import { Count, countBounded } from '../core/tokens/count';
import type { PendingBlock, TokenDocument } from '../core/tokens/document';
import type { EncodingName } from '../core/tokens/encodings';
import type { ToWorker } from './protocol';
import { Engines, Vocabulary } from './engines';

export type ToHelper =
  /** The vocabulary, as the counting worker is sent it, with the counting worker's index of it. */
  | Extract<ToWorker, { type: 'ranks' }>
  | { type: 'countBlocks'; id: number; encoding: EncodingName; blocks: string[] };
export type FromHelper = { type: 'blockCounts'; id: number; counts: Count[] } | { type: 'failed'; id: number; message: string };

export interface HelperThread {
  post(message: ToHelper): void;
  onMessage(listener: (message: FromHelper) => void): void;
  /** The thread failed or stopped. */
  onGone(listener: () => void): void;
  terminate(): void;
}

/** A helper's side: counts the blocks it is sent, with an engine made from the vocabulary sent first. */
export class Helping {
  private readonly engines = new Engines();

  constructor(private readonly send: (message: FromHelper) => void) {}

  onMessage(message: ToHelper): void {
    if (message.type === 'ranks') return this.engines.add(message.encoding, message.data, message.index);
    try {
      const engine = this.engines.get(message.encoding);
      this.send({ type: 'blockCounts', id: message.id, counts: message.blocks.map((block) => countBounded(engine, block)) });
    } catch (error) {
      this.send({ type: 'failed', id: message.id, message: (error as Error).message });
    }
  }
}

/** How the counting worker splits a cold count: threads in all (itself included), and the least text worth splitting. */
export interface Parallelism {
  threads: number;
  minChars: number;
}

/**
 * At most this many threads count at once: each helper holds its own engine (JavaScript threads share
 * no objects), so more would cost more memory than they save time.
 */
export const MAX_THREADS = 4;
/** A helper is sent its share in batches of about this many characters. */
const BATCH_CHARS = 256 * 1024;
/**
 * Helpers left idle this long after their last batch are stopped, and their memory (about 25 MB each
 * after a 10 MB count) goes with them: at once under Node 20, about 8 s later under Node 24, whose V8
 * keeps a stopped thread's pages that long for other threads to reuse (bench/stopped-thread.ts). Large
 * files opened one after another share warm helpers; a window that settles gives the memory back
 * within seconds. A helper started cold for a later count costs that count its thread's start and its
 * table's load (about 7% of a 10 MB count; see the README's Memory section).
 */
export const HELPER_IDLE_MS = 5_000;

/** The helpers of one counting worker, started when a count first needs them, stopped when idle. */
export class HelperPool {
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly helpers: Helper[] = [];
  /** Helpers cannot start here (no nested workers): counts stay in the counting worker. */
  private unavailable = false;
  private nextId = 1;
  private readonly waiting = new Map<number, { helper: Helper; done: (counts: Count[] | undefined) => void }>();
  /** What the pool knows of each document it has shared out. */
  private readonly shared = new WeakMap<TokenDocument, Shared>();

  constructor(
    private readonly spawn: () => HelperThread,
    public parallelism: Parallelism,
    private readonly idleMs = HELPER_IDLE_MS,
  ) {}

  /**
   * Sends all but the first share of `document`'s uncounted blocks to helpers, when there is enough
   * text and more than one thread; each share's counts go into the document as they come. The counting
   * worker counts from the start meanwhile, so the first share is its own.
   */
  share(document: TokenDocument, encoding: EncodingName, vocabulary: () => Vocabulary): void {
    const threads = Math.min(this.parallelism.threads, MAX_THREADS);
    if (threads < 2) return;
    const sent = this.shared.get(document)?.inFlight;
    const pending = document.pendingBlocks().filter((block) => !sent?.has(block.id));
    const total = pending.reduce((sum, block) => sum + block.length, 0);
    // Helpers start only for a count worth splitting: each is a thread, with memory of its own.
    if (total < this.parallelism.minChars) return;
    const helpers = this.ensure(threads - 1);
    if (helpers.length === 0) return;
    const state = this.stateOf(document);
    const shares = splitEvenly(pending, total, helpers.length + 1);
    shares.slice(1).forEach((blocks, i) => {
      const helper = helpers[i];
      if (!helper.encodings.has(encoding)) {
        helper.thread.post({ type: 'ranks', encoding, ...vocabulary() });
        helper.encodings.set(encoding, false);
      }
      blocks.forEach((block) => state.inFlight.set(block.id, helper));
      // In batches, two out at a time: the helper holds a little of the text at once, and is known
      // ready (its engine loaded) after its first batch, from when the counting worker skips its blocks.
      // A batch's texts are read when it goes (a block held as UTF-8 is read back then).
      const batches = inBatches(blocks, BATCH_CHARS);
      const sendNext = () => {
        const next = batches.shift();
        if (!next) return;
        const texts = document.textsOf(next.map((block) => block.id));
        const batch = next.filter((block) => texts.has(block.id));
        next.filter((block) => !texts.has(block.id)).forEach((gone) => state.inFlight.delete(gone.id)); // edited away since
        const id = this.nextId++;
        const done = (counts: Count[] | undefined) => {
          batch.forEach((block) => state.inFlight.delete(block.id));
          if (counts) {
            helper.encodings.set(encoding, true);
            state.helped += document.fill(new Map(batch.map((block, j) => [block.id, counts[j]])));
            sendNext();
          } else {
            // The helper failed or is gone: the counting worker counts the rest of its share.
            batches.splice(0).forEach((rest) => rest.forEach((block) => state.inFlight.delete(block.id)));
          }
          state.settling.splice(0).forEach((wake) => wake());
          if (this.waiting.size === 0) this.stopWhenIdle();
        };
        this.waiting.set(id, { helper, done });
        helper.thread.post({ type: 'countBlocks', id, encoding, blocks: batch.map((block) => texts.get(block.id)!) });
      };
      sendNext();
      sendNext();
    });
    if (this.waiting.size > 0) clearTimeout(this.idleTimer);
    else this.stopWhenIdle(); // started, yet nothing to share (one block too long to cut)
  }

  /** Stops the helpers `idleMs` after their last share came back, unless another goes out meanwhile. */
  private stopWhenIdle(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.waiting.size === 0 && this.dispose(), this.idleMs);
    (this.idleTimer as { unref?: () => void }).unref?.();
  }

  /**
   * Whether a block is being counted by a helper whose engine is ready, so the counting worker need
   * not: a helper still loading its vocabulary takes longer than counting the block here.
   */
  busyWith(document: TokenDocument, block: number, encoding: EncodingName): boolean {
    return this.shared.get(document)?.inFlight.get(block)?.encodings.get(encoding) === true;
  }

  /** Resolves when the next share of the document comes back (at once when none is out). */
  settled(document: TokenDocument): Promise<void> {
    const state = this.shared.get(document);
    if (!state?.inFlight.size) return Promise.resolve();
    return new Promise((resolve) => state.settling.push(resolve));
  }

  /** How many of the document's block counts helpers made (benchmarks and tests read it). */
  helped(document: TokenDocument): number {
    return this.shared.get(document)?.helped ?? 0;
  }

  private stateOf(document: TokenDocument): Shared {
    let state = this.shared.get(document);
    if (!state) this.shared.set(document, (state = { inFlight: new Map(), settling: [], helped: 0 }));
    return state;
  }

  private ensure(count: number): Helper[] {
    while (!this.unavailable && this.helpers.length < count) {
      try {
        const helper: Helper = { thread: this.spawn(), encodings: new Map() };
        helper.thread.onMessage((message) => {
          const waiting = this.waiting.get(message.id);
          this.waiting.delete(message.id);
          waiting?.done(message.type === 'blockCounts' ? message.counts : undefined); // a failed share is counted by the worker itself
        });
        helper.thread.onGone(() => {
          // Its shares are counted by the worker itself; a new helper starts on the next split.
          this.helpers.splice(this.helpers.indexOf(helper) >>> 0, 1);
          for (const [id, waiting] of this.waiting) {
            if (waiting.helper !== helper) continue;
            this.waiting.delete(id);
            waiting.done(undefined);
          }
        });
        this.helpers.push(helper);
      } catch {
        this.unavailable = true;
      }
    }
    return this.helpers.slice(0, Math.max(0, count));
  }

  dispose(): void {
    clearTimeout(this.idleTimer);
    this.helpers.splice(0).forEach((h) => h.thread.terminate());
  }
}

interface Shared {
  /** The ids of blocks that helpers are counting now, with the helper: not sent twice when a newer request comes. */
  inFlight: Map<number, Helper>;
  /** Who waits for the next share to come back. */
  settling: (() => void)[];
  /** How many of the document's block counts came from helpers. */
  helped: number;
}

interface Helper {
  thread: HelperThread;
  /** The encodings it was sent, each true once it has counted with it (its engine is loaded). */
  encodings: Map<EncodingName, boolean>;
}

/** `blocks` in runs of at least `chars` characters (the last one shorter), in order. */
function inBatches(blocks: PendingBlock[], chars: number): PendingBlock[][] {
  const batches: PendingBlock[][] = [];
  let length = chars;
  for (const block of blocks) {
    if (length >= chars) {
      batches.push([]);
      length = 0;
    }
    batches[batches.length - 1].push(block);
    length += block.length;
  }
  return batches;
}

/** `blocks` cut into `parts` runs of about equal length, in order. */
function splitEvenly(blocks: PendingBlock[], total: number, parts: number): PendingBlock[][] {
  const shares: PendingBlock[][] = [[]];
  let filled = 0;
  for (const block of blocks) {
    if (filled >= (total * shares.length) / parts && shares.length < parts) shares.push([]);
    shares[shares.length - 1].push(block);
    filled += block.length;
  }
  return shares;
}
