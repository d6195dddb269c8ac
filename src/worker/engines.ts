// The engines a counting thread (the counting worker, a helper, the command line) makes from the
// vocabulary files it is given (dist/ranks/): each is read on its encoding's first use.
import type { EncodingName } from '../core/tokens/encodings';
import { engineFromFileInSteps, TokenEngine, VocabularyIndex } from '../core/tokens/engine';
import { shareable } from '../core/shared-memory';
import { runSteps } from '../core/tokens/binary-file';

/** How long a table's load runs between pauses (Engines.load). */
const PAUSE_EVERY_MS = 2;

/** An encoding's vocabulary is missing or is not one: counts in it cannot be exact here. */
export class VocabularyError extends Error {}

/** A vocabulary file as shipped, and what a thread made of it on loading it, once one has. */
export interface Vocabulary {
  data: Uint8Array;
  index?: VocabularyIndex;
}

export class Engines {
  private readonly files = new Map<EncodingName, Vocabulary>();
  private readonly engines = new Map<EncodingName, TokenEngine>();

  /**
   * Each vocabulary file is kept, for other threads: its engine reads it where it lies, so keeping it
   * costs nothing. `share`: put each file in shared memory, where threads may share it, before its
   * engine is made, so that other threads are given it without a copy.
   */
  constructor(private readonly share = false) {}

  /** An encoding's vocabulary file, with the index another thread made of it where it has (ignored once its engine is made). */
  add(encoding: EncodingName, data: Uint8Array, index?: VocabularyIndex): void {
    if (!this.engines.has(encoding)) this.files.set(encoding, { data, index });
  }

  /** The vocabulary as given, with this thread's index of it once its engine is made. */
  vocabulary(encoding: EncodingName): Vocabulary | undefined {
    const file = this.files.get(encoding);
    return file && { data: file.data, index: this.engines.get(encoding)?.index ?? file.index };
  }

  /** The encoding's engine, made on first use; throws when its vocabulary was never given or is not one. */
  get(encoding: EncodingName): TokenEngine {
    return this.engines.get(encoding) ?? runSteps(this.make(encoding));
  }

  /**
   * Makes the encoding's engine unless it is made, awaiting `pause()` every PAUSE_EVERY_MS of work (a
   * thread that must stay responsive, the extension host, loads a table between other work). Gives
   * whether this load indexed the file (it was not made before, and came with no index).
   */
  async load(encoding: EncodingName, pause: () => Promise<void>): Promise<boolean> {
    if (this.engines.has(encoding)) return false;
    const indexes = this.files.get(encoding)?.index === undefined;
    const steps = this.make(encoding);
    for (let since = performance.now(); !steps.next().done; ) {
      if (performance.now() - since < PAUSE_EVERY_MS) continue;
      await pause();
      since = performance.now();
    }
    // A pause after the last step as well, which the caller's own work would otherwise follow in one stretch.
    await pause();
    return indexes;
  }

  private *make(encoding: EncodingName): Generator<void, TokenEngine> {
    const file = this.files.get(encoding);
    // The vocabulary comes before the first count that needs it: a missing one is the sender's mistake, not the vocabulary's.
    if (file === undefined) throw new Error(`no vocabulary for ${encoding}`);
    if (this.share) file.data = yield* shareable(file.data);
    let engine: TokenEngine;
    try {
      engine = yield* engineFromFileInSteps(encoding, file.data, file.index);
    } catch (error) {
      throw new VocabularyError(`the ${encoding} vocabulary cannot be used: ${(error as Error).message}`);
    }
    this.engines.set(encoding, engine);
    return engine;
  }
}
