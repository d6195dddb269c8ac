import bpeCore = require('gpt-tokenizer/cjs/BytePairEncodingCore');
import { EncodingName, normalizes, pieceRegex } from './encodings';
import { checkSentencePieceVocabulary, sentencePieceEngine } from './sentencepiece';

/** What the counter needs from a tokenizer; kept this small so the engine can be swapped or benchmarked. */
export interface TokenEngine {
  readonly encoding: EncodingName;
  /** Tokens in `text` encoded on its own, special-token strings (`<|endoftext|>`) read as plain text. */
  count(text: string): number;
}

/** A tokenizer's merge table: entry i is the text (or, where it is not valid UTF-8, the bytes) of token i. */
export type RankTable = readonly (string | readonly number[])[];

/**
 * The engine for an encoding, made from its vocabulary as shipped (`dist/ranks/<encoding>.json`,
 * parsed). Throws, saying what is wrong, when the data is not such a vocabulary.
 */
export function engineFromVocabulary(encoding: EncodingName, data: unknown): TokenEngine {
  if (encoding === 'gemma3') {
    checkSentencePieceVocabulary(data);
    return sentencePieceEngine(data);
  }
  if (!Array.isArray(data) || data.length < 256) throw new Error('it is not a list of tokens');
  return gptTokenizerEngine(encoding, data as RankTable);
}

/**
 * The engine for the byte-pair encodings: gpt-tokenizer's byte-pair core, the fastest exact one measured (see the README),
 * driven by the reference's pre-tokenizer. It is given no special tokens, so none can be recognised.
 *
 * gpt-tokenizer decodes candidate merges with a TextDecoder, which drops a leading U+FEFF, so it never
 * finds the tokens that begin with one and splits them. Pieces holding U+FEFF go to a plain merge loop
 * instead.
 */
export function gptTokenizerEngine(encoding: EncodingName, ranks: RankTable): TokenEngine {
  const core = new bpeCore.BytePairEncodingCore({ bytePairRankDecoder: ranks, specialTokensEncoder: new Map(), tokenSplitRegex: pieceRegex(encoding) });
  let merger: ByteMerger | undefined;
  const normalize = normalizes(encoding);
  return {
    encoding,
    count(given) {
      const text = normalize ? given.normalize('NFKC') : given;
      if (!text.includes('\ufeff')) return core.countNative(text);
      merger ??= new ByteMerger(ranks);
      let tokens = 0;
      for (const [piece] of text.matchAll(pieceRegex(encoding))) tokens += piece.includes('\ufeff') ? merger.count(piece) : core.countNative(piece);
      return tokens;
    },
  };
}

/** Byte-pair merging as the reference does it: repeatedly join the adjacent pair with the lowest rank. */
class ByteMerger {
  private readonly rankOf = new Map<string, number>();

  constructor(ranks: RankTable) {
    const utf8 = new TextEncoder();
    ranks.forEach((entry, rank) => {
      if (entry === undefined) return;
      this.rankOf.set(byteKey(typeof entry === 'string' ? utf8.encode(entry) : entry), rank);
    });
  }

  /** Tokens in one pre-tokenizer piece. Quadratic in the piece's length, so only for short pieces. */
  count(piece: string): number {
    const parts = Array.from(new TextEncoder().encode(piece), (byte) => String.fromCharCode(byte));
    for (;;) {
      let best = -1;
      let bestRank = Infinity;
      for (let i = 0; i + 1 < parts.length; i++) {
        const rank = this.rankOf.get(parts[i] + parts[i + 1]);
        if (rank !== undefined && rank < bestRank) {
          bestRank = rank;
          best = i;
        }
      }
      if (best < 0) return parts.length;
      parts.splice(best, 2, parts[best] + parts[best + 1]);
    }
  }
}

function byteKey(bytes: ArrayLike<number>): string {
  let key = '';
  for (let i = 0; i < bytes.length; i++) key += String.fromCharCode(bytes[i]);
  return key;
}
