// The engines a counting thread (the counting worker or a helper) makes from the vocabularies it is
// sent: each rank table arrives as JSON and is parsed on its encoding's first use.
import type { EncodingName } from '../core/tokens/encodings';
import { engineFromVocabulary, TokenEngine } from '../core/tokens/engine';

/** An encoding's rank table is missing or is not one: counts in it cannot be exact here. */
export class VocabularyError extends Error {}

export class Engines {
  private readonly vocabularies = new Map<EncodingName, string>();
  private readonly engines = new Map<EncodingName, TokenEngine>();

  /** `keepVocabularies`: keep each table's JSON after its engine is made (the counting worker passes it on to helpers). */
  constructor(private readonly keepVocabularies: boolean) {}

  add(encoding: EncodingName, json: string): void {
    if (this.keepVocabularies || !this.engines.has(encoding)) this.vocabularies.set(encoding, json);
  }

  /** The table's JSON as it was sent, while it is kept. */
  vocabulary(encoding: EncodingName): string | undefined {
    return this.vocabularies.get(encoding);
  }

  /** The encoding's engine, made on first use; throws when its table was never sent or is not one. */
  get(encoding: EncodingName): TokenEngine {
    let engine = this.engines.get(encoding);
    if (engine) return engine;
    const json = this.vocabularies.get(encoding);
    // The table comes before the first count that needs it: a missing one is the sender's mistake, not the vocabulary's.
    if (json === undefined) throw new Error(`no rank table for ${encoding}`);
    try {
      engine = engineFromVocabulary(encoding, JSON.parse(json));
    } catch (error) {
      throw new VocabularyError(`the ${encoding} vocabulary cannot be used: ${(error as Error).message}`);
    }
    this.engines.set(encoding, engine);
    if (!this.keepVocabularies) this.vocabularies.delete(encoding);
    return engine;
  }
}
