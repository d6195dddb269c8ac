import { MAX_EXACT_PIECE, normalizes, pieceRegex } from './encodings';
import { TokenEngine } from './engine';

/** A token count, and whether any part of it was estimated rather than encoded. */
export interface Count {
  tokens: number;
  approximate: boolean;
}

export const ZERO: Count = { tokens: 0, approximate: false };

export function addCounts(a: Count, b: Count): Count {
  return { tokens: a.tokens + b.tokens, approximate: a.approximate || b.approximate };
}

/**
 * Counts text with bounded work: exact, unless a pre-tokenizer piece is longer than MAX_EXACT_PIECE;
 * such a piece is estimated from its first MAX_EXACT_PIECE characters and the count is marked
 * approximate. Never throws on any text.
 */
export function countBounded(engine: TokenEngine, given: string): Count {
  const whole = engine.countShortPieces ? engine.countShortPieces(given) : engine.count(given);
  if (whole !== undefined) return { tokens: whole, approximate: false };
  // The pieces the engine found too long, which for Claude are the normalised text's.
  const text = normalizes(engine.encoding) ? given.normalize('NFKC') : given;
  let tokens = 0;
  let approximate = false;
  let exactFrom = 0;
  for (const match of text.matchAll(pieceRegex(engine.encoding))) {
    const piece = match[0];
    if (piece.length <= MAX_EXACT_PIECE) continue;
    if (match.index! > exactFrom) tokens += engine.count(text.slice(exactFrom, match.index));
    tokens += estimateLongPiece(engine, piece);
    approximate = true;
    exactFrom = match.index! + piece.length;
  }
  if (exactFrom < text.length) tokens += engine.count(exactFrom === 0 ? text : text.slice(exactFrom));
  return { tokens, approximate };
}

/** A long piece's count, scaled up from an exact count of its head. */
function estimateLongPiece(engine: TokenEngine, piece: string): number {
  let headLength = MAX_EXACT_PIECE;
  const last = piece.charCodeAt(headLength - 1);
  if (last >= 0xd800 && last <= 0xdbff) headLength--; // do not cut a surrogate pair
  const head = piece.slice(0, headLength);
  return Math.max(1, Math.round((engine.count(head) * piece.length) / head.length));
}

/** Where, in text counted on its own, the token that takes the running total past `limit` begins. */
export interface Crossing {
  /** Offset (in the text given) of the piece holding the first token over the limit, and its length. */
  offset: number;
  length: number;
}

/**
 * Finds the piece in which the running count passes `limit`, given the tokens already counted before
 * `text`. Piece by piece, so only for one block's worth of text.
 */
export function findCrossing(engine: TokenEngine, text: string, before: number, limit: number): Crossing | undefined {
  let running = before;
  for (const match of text.matchAll(pieceRegex(engine.encoding))) {
    running += countBounded(engine, match[0]).tokens;
    if (running > limit) return { offset: match.index!, length: match[0].length };
  }
  return undefined;
}
