// The engines a counting thread (the counting worker, a helper, the command line) makes from the
// vocabulary files it is given (dist/ranks/): each is read on its encoding's first use.
import type { EncodingName } from '../core/tokens/encodings';
import { engineFromFileInSteps, TokenEngine } from '../core/tokens/engine';
import { runSteps } from '../core/tokens/rank-table';

/** How long a table's load runs between pauses (Engines.load). */
const PAUSE_EVERY_MS = 2;

/** An encoding's vocabulary is missing or is not one: counts in it cannot be exact here. */
export class VocabularyError extends Error {}

export class Engines {
  private readonly files = new Map<EncodingName, Uint8Array>();
  private readonly engines = new Map<EncodingName, TokenEngine>();

  /**
   * `keepFiles`: keep each vocabulary file after its engine is made (the counting worker passes them on
   * to helpers; a byte-pair engine reads its table where it lies, so keeping that one costs nothing).
   */
  constructor(private readonly keepFiles: boolean) {}

  add(encoding: EncodingName, data: Uint8Array): void {
    if (this.keepFiles || !this.engines.has(encoding)) this.files.set(encoding, data);
  }

  /** The vocabulary file as it was given, while it is kept. */
  file(encoding: EncodingName): Uint8Array | undefined {
    return this.files.get(encoding);
  }

  /** The encoding's engine, made on first use; throws when its vocabulary was never given or is not one. */
  get(encoding: EncodingName): TokenEngine {
    return this.engines.get(encoding) ?? runSteps(this.make(encoding));
  }

  /**
   * Makes the encoding's engine unless it is made, awaiting `pause()` every PAUSE_EVERY_MS of work (a
   * thread that must stay responsive, the extension host, loads a table between other work).
   */
  async load(encoding: EncodingName, pause: () => Promise<void>): Promise<void> {
    if (this.engines.has(encoding)) return;
    const steps = this.make(encoding);
    for (let since = performance.now(); !steps.next().done; ) {
      if (performance.now() - since < PAUSE_EVERY_MS) continue;
      await pause();
      since = performance.now();
    }
    // A pause after the last step as well, which the caller's own work would otherwise follow in one stretch.
    await pause();
  }

  private *make(encoding: EncodingName): Generator<void, TokenEngine> {
    const data = this.files.get(encoding);
    // The vocabulary comes before the first count that needs it: a missing one is the sender's mistake, not the vocabulary's.
    if (data === undefined) throw new Error(`no vocabulary for ${encoding}`);
    let engine: TokenEngine;
    try {
      engine = yield* engineFromFileInSteps(encoding, data);
    } catch (error) {
      throw new VocabularyError(`the ${encoding} vocabulary cannot be used: ${(error as Error).message}`);
    }
    this.engines.set(encoding, engine);
    if (!this.keepFiles) this.files.delete(encoding);
    return engine;
  }
}

/**
 * The vocabulary file in memory that every thread can read without a copy of its own: a
 * SharedArrayBuffer where this thread may make one (always on Node; on the web only in a cross-origin
 * isolated page), else the data as given, which each helper is then sent a copy of.
 */
export function shareable(data: Uint8Array): Uint8Array {
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated;
  if (typeof SharedArrayBuffer === 'undefined' || isolated === false || data.buffer instanceof SharedArrayBuffer) return data;
  const shared = new Uint8Array(new SharedArrayBuffer(data.byteLength));
  shared.set(data);
  return shared;
}
