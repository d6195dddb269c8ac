// The engines a counting thread (the counting worker, a helper, the command line) makes from the
// vocabulary files it is given (dist/ranks/): each is read on its encoding's first use.
import type { EncodingName } from '../core/tokens/encodings';
import { engineFromFile, TokenEngine } from '../core/tokens/engine';

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
    const made = this.engines.get(encoding);
    if (made) return made;
    const data = this.files.get(encoding);
    // The vocabulary comes before the first count that needs it: a missing one is the sender's mistake, not the vocabulary's.
    if (data === undefined) throw new Error(`no vocabulary for ${encoding}`);
    let engine: TokenEngine;
    try {
      engine = engineFromFile(encoding, data);
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
