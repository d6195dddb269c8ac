/**
 * The two OpenAI encodings the counter applies exactly, and their pre-tokenizers: the regular
 * expressions that cut text into pieces before byte-pair merging. Counts are summed per piece, so
 * everything the block splitter and the piece cap rely on is defined here.
 *
 * The patterns are tiktoken's, rewritten for JavaScript with one deliberate change: `\s` is spelled
 * out as the set the reference (tiktoken's Rust core) uses. JavaScript's `\s` includes U+FEFF and
 * lacks U+0085; Rust's (Unicode White_Space) is the other way round, and a JS engine using plain `\s`
 * disagrees with the reference on text holding either character.
 */
export type EncodingName = 'o200k_base' | 'cl100k_base';
export const ENCODINGS: readonly EncodingName[] = ['o200k_base', 'cl100k_base'];

/** Unicode White_Space, as a character-class body. */
const WS = '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
/** tiktoken writes `(?i:'s|'t|…)`; JavaScript has no inline flags. Rust's case folding maps ſ to s. */
const CONTRACTION = "'(?:[sSſ]|[tT]|[rR][eE]|[vV][eE]|[mM]|[lL][lL]|[dD])";
const UPPER = '[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]';
const LOWER = '[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]';
const WHITESPACE_PIECES = `[${WS}]*[\\r\\n]+|[${WS}]+(?![^${WS}])|[${WS}]+`;

const PATTERNS: Record<EncodingName, string> = {
  o200k_base: [
    `[^\\r\\n\\p{L}\\p{N}]?${UPPER}*${LOWER}+(?:${CONTRACTION})?`,
    `[^\\r\\n\\p{L}\\p{N}]?${UPPER}+${LOWER}*(?:${CONTRACTION})?`,
    '\\p{N}{1,3}',
    ` ?[^${WS}\\p{L}\\p{N}]+[\\r\\n/]*`,
    WHITESPACE_PIECES,
  ].join('|'),
  cl100k_base: [
    CONTRACTION,
    '[^\\r\\n\\p{L}\\p{N}]?\\p{L}+',
    '\\p{N}{1,3}',
    ` ?[^${WS}\\p{L}\\p{N}]+[\\r\\n]*`,
    WHITESPACE_PIECES,
  ].join('|'),
};

/** A fresh global regex that yields the encoding's pieces in order (each caller gets its own lastIndex). */
export function pieceRegex(encoding: EncodingName): RegExp {
  return new RegExp(PATTERNS[encoding], 'gu');
}

/** Unicode White_Space, as the reference reads `\s`. */
export function isReferenceWhitespace(code: number): boolean {
  return (
    (code >= 9 && code <= 13) || code === 32 || code === 0x85 || code === 0xa0 || code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000
  );
}

/**
 * Pieces longer than this are not merged exactly: byte-pair merging costs grow with the square of a
 * piece's length (a 50,000-letter run takes seconds). Ordinary text never comes near it; a long
 * base64 blob or a run of one character does.
 */
export const MAX_EXACT_PIECE = 1000;

/**
 * Finds a run that could hold a piece longer than MAX_EXACT_PIECE: letters and marks, punctuation, or
 * white space (pieces of other kinds are short: digits come in threes). The lookbehinds make the
 * search linear: a run is only measured from its first character.
 */
const LONG_RUN = new RegExp(
  [
    `(?<![\\p{L}\\p{M}])[\\p{L}\\p{M}]{${MAX_EXACT_PIECE}}`,
    `(?<![^${WS}\\p{L}\\p{N}])[^${WS}\\p{L}\\p{N}]{${MAX_EXACT_PIECE}}`,
    `(?<![${WS}])[${WS}]{${MAX_EXACT_PIECE}}`,
  ].join('|'),
  'u',
);

export function mayHoldLongPiece(text: string): boolean {
  return text.length >= MAX_EXACT_PIECE && LONG_RUN.test(text);
}
