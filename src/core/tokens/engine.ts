import { EncodingName, MAX_EXACT_PIECE, normalizes, pieceRegex } from './encodings';
import { runSteps } from './binary-file';
import { BinaryRanks, RankIndex, RankLookup, readRankTableInSteps } from './rank-table';
import { readSentencePieces } from './piece-file';
import { PieceIndex, sentencePieceEngine } from './sentencepiece';
import { byteString, ownCopy } from './strings';

/** What the counter needs from a tokenizer; kept this small so the engine can be swapped or benchmarked. */
export interface TokenEngine {
  readonly encoding: EncodingName;
  /** Tokens in `text` encoded on its own, special-token strings (`<|endoftext|>`) read as plain text. */
  count(text: string): number;
  /**
   * As `count`, unless `text` holds a pre-tokenizer piece longer than MAX_EXACT_PIECE: then undefined,
   * found before that piece is merged. Left out by engines whose work stays linear at any piece length.
   */
  countShortPieces?(text: string): number | undefined;
  /** What the engine made of its vocabulary file on loading it, which an engine in another thread can be made with (see engineFromFile). */
  readonly index?: VocabularyIndex;
}

/** What a thread makes of a vocabulary file on loading it: a rank table's offsets and index, or Gemma 3's PieceIndex. */
export type VocabularyIndex = RankIndex | PieceIndex;

/**
 * The engine for an encoding, made from its vocabulary file as shipped (`dist/ranks/`, see
 * vocabularyFile): a binary rank table, or for Gemma 3 its packed pieces. A file comes with its
 * `index` when another engine has read it already (that engine's `index`), and is then neither checked
 * nor indexed again. Throws, saying what is wrong, when the data is not such a vocabulary or the index
 * does not fit it.
 */
export function engineFromFile(encoding: EncodingName, data: Uint8Array, index?: VocabularyIndex): TokenEngine {
  return runSteps(engineFromFileInSteps(encoding, data, index));
}

/** engineFromFile, pausing (yielding) every few milliseconds' work while it reads a binary rank table (Gemma 3's in one go). */
export function* engineFromFileInSteps(encoding: EncodingName, data: Uint8Array, index?: VocabularyIndex): Generator<void, TokenEngine> {
  const isPieceIndex = index !== undefined && 'neighbours' in index;
  if (index !== undefined && isPieceIndex !== (encoding === 'gemma3')) throw new Error('the index given with it does not fit it');
  if (encoding === 'gemma3') return sentencePieceEngine(readSentencePieces(data, index !== undefined), index as PieceIndex | undefined);
  const engine = bytePairEngine(encoding, yield* readRankTableInSteps(data, index as RankIndex | undefined));
  // A new engine's first counts compile its piece pattern and its merging code (a few milliseconds each):
  // done here, a step each, so that a thread loading in steps is not then held by them together with its
  // first block of text.
  for (const sample of WARM_UP) {
    yield;
    engine.count(sample);
  }
  return engine;
}

/**
 * Texts a new byte-pair engine counts before its first real one (see engineFromFileInSteps), each the
 * next compilation V8 makes: none (the pattern's first run compiles it to bytecode), a letter (its second,
 * to machine code for one-byte text), two-byte text (machine code for that), then several scripts,
 * digits and code for the merging.
 */
const WARM_UP = ['', 'a', '世界', 'Grüße, 世界! Привет мир 🙂 const x = 1;\n  return "ok";'];

/** The file in `dist/ranks/` that holds an encoding's vocabulary. */
export function vocabularyFile(encoding: EncodingName): string {
  return `${encoding}.bin`;
}

/** Pieces counted so far are remembered up to this many, or this many characters in all; then the memory starts afresh. */
const PIECE_CACHE_LIMIT = 100_000;
const PIECE_CACHE_CHARS = 1 << 20;
/** Texts up to this long are cut into all their pieces at once. */
const ALL_PIECES_AT_ONCE = 64 * 1024;

/**
 * The engine for the byte-pair encodings: the reference's pre-tokenizer cuts the text into pieces;
 * each piece not met before is merged as the reference merges it, and its count remembered.
 * Special-token strings are plain text.
 */
export function bytePairEngine(encoding: EncodingName, ranks: RankLookup): TokenEngine {
  const merger = new BytePairMerger(ranks);
  const normalize = normalizes(encoding);
  let counted = new Map<string, number>();
  let countedChars = 0;

  const countPiece = (piece: string): number => {
    let count = counted.get(piece);
    if (count === undefined) {
      count = merger.count(piece);
      if (counted.size >= PIECE_CACHE_LIMIT || countedChars >= PIECE_CACHE_CHARS) {
        counted = new Map();
        countedChars = 0;
      }
      counted.set(ownCopy(piece), count);
      countedChars += piece.length;
    }
    return count;
  };
  const countPieces = (given: string, maxPiece: number): number | undefined => {
    const text = normalize ? given.normalize('NFKC') : given;
    let tokens = 0;
    for (const piece of pieces(text, encoding)) {
      if (piece.length > maxPiece) return undefined;
      tokens += countPiece(piece);
    }
    return tokens;
  };
  return {
    encoding,
    count: (text) => countPieces(text, Infinity)!,
    countShortPieces: (text) => countPieces(text, MAX_EXACT_PIECE),
    index: ranks instanceof BinaryRanks ? ranks.index : undefined,
  };
}

/**
 * The text's pre-tokenizer pieces: all at once for a block's worth of text, the faster way; one at a
 * time for a longer text (one with nowhere to cut it), whose array of pieces would hold many times
 * its size.
 */
function pieces(text: string, encoding: EncodingName): Iterable<string> {
  return text.length <= ALL_PIECES_AT_ONCE ? (text.match(pieceRegex(encoding)) ?? []) : eachPiece(text, pieceRegex(encoding));
}

function* eachPiece(text: string, regex: RegExp): Generator<string> {
  for (const [piece] of text.matchAll(regex)) yield piece;
}

/**
 * Byte-pair merging as the reference does it: the piece's UTF-8 bytes, then again and again the
 * adjacent pair with the lowest rank joined (the leftmost on a tie), until no pair is a token.
 * Bytes are held as the characters U+0000–U+00FF, so an ASCII piece is its own key and is never
 * converted. Quadratic in the piece's length, so only for pieces of bounded length.
 */
class BytePairMerger {
  constructor(private readonly table: RankLookup) {}

  count(piece: string): number {
    const bytes = byteString(piece);
    if (this.table.rank(bytes, 0, bytes.length) >= 0) return 1;
    // Parts are bytes.slice(starts[i], starts[i + 1]); ranks[i] is the rank of parts i and i + 1 joined.
    const starts = Array.from({ length: bytes.length + 1 }, (_, i) => i);
    const pairRank = (i: number) => {
      if (i + 2 >= starts.length) return Infinity;
      const rank = this.table.rank(bytes, starts[i], starts[i + 2]);
      return rank < 0 ? Infinity : rank;
    };
    const ranks = starts.slice(0, -1).map((_, i) => pairRank(i));
    for (;;) {
      let best = -1;
      let bestRank = Infinity;
      for (let i = 0; i < ranks.length - 1; i++) {
        if (ranks[i] < bestRank) {
          bestRank = ranks[i];
          best = i;
        }
      }
      if (best < 0) return starts.length - 1;
      starts.splice(best + 1, 1);
      ranks.splice(best + 1, 1);
      ranks[best] = pairRank(best);
      if (best > 0) ranks[best - 1] = pairRank(best - 1);
    }
  }
}
