/**
 * The encodings the counter applies exactly (OpenAI's two; Meta's Llama 3 and Llama 4; Mistral's
 * Tekken; Gemma 3's SentencePiece model, see sentencepiece.ts), and their pre-tokenizers: the regular
 * expressions that cut text into pieces before byte-pair merging. Counts are summed per piece, so
 * everything the block splitter and the piece cap rely on is defined here. Llama 3 uses cl100k_base's pattern and Llama 4 o200k_base's
 * (Meta's tokenizer sources); Tekken's is o200k_base's without contractions and with single digits
 * (`config.pattern` of Mistral's file).
 *
 * The patterns are tiktoken's, rewritten for JavaScript with one deliberate change: `\s` is spelled
 * out as the set the reference (tiktoken's Rust core) uses. JavaScript's `\s` includes U+FEFF and
 * lacks U+0085; Rust's (Unicode White_Space) is the other way round, and a JS engine using plain `\s`
 * disagrees with the reference on text holding either character.
 */
export type EncodingName = 'o200k_base' | 'cl100k_base' | 'llama3' | 'llama4' | 'tekken' | 'claude' | 'gemma3';
export const ENCODINGS: readonly EncodingName[] = ['o200k_base', 'cl100k_base', 'llama3', 'llama4', 'tekken', 'claude', 'gemma3'];

/** Unicode White_Space, as a character-class body. */
const WS = '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
/** tiktoken writes `(?i:'s|'t|…)`; JavaScript has no inline flags. Rust's case folding maps ſ to s. */
const CONTRACTION = "'(?:[sSſ]|[tT]|[rR][eE]|[vV][eE]|[mM]|[lL][lL]|[dD])";
const UPPER = '[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]';
const LOWER = '[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]';
const WHITESPACE_PIECES = `[${WS}]*[\\r\\n]+|[${WS}]+(?![^${WS}])|[${WS}]+`;

const O200K = [
  `[^\\r\\n\\p{L}\\p{N}]?${UPPER}*${LOWER}+(?:${CONTRACTION})?`,
  `[^\\r\\n\\p{L}\\p{N}]?${UPPER}+${LOWER}*(?:${CONTRACTION})?`,
  '\\p{N}{1,3}',
  ` ?[^${WS}\\p{L}\\p{N}]+[\\r\\n/]*`,
  WHITESPACE_PIECES,
].join('|');
const CL100K = [
  CONTRACTION,
  '[^\\r\\n\\p{L}\\p{N}]?\\p{L}+',
  '\\p{N}{1,3}',
  ` ?[^${WS}\\p{L}\\p{N}]+[\\r\\n]*`,
  WHITESPACE_PIECES,
].join('|');
const TEKKEN = [
  `[^\\r\\n\\p{L}\\p{N}]?${UPPER}*${LOWER}+`,
  `[^\\r\\n\\p{L}\\p{N}]?${UPPER}+${LOWER}*`,
  '\\p{N}',
  ` ?[^${WS}\\p{L}\\p{N}]+[\\r\\n/]*`,
  WHITESPACE_PIECES,
].join('|');

/**
 * Anthropic's legacy Claude vocabulary (the basis of the Claude estimate) uses GPT-2's pattern:
 * case-sensitive contractions, unbounded digit runs, and white space that never ends in a newline
 * run of its own. Its text is NFKC-normalised before encoding (`normalizes` below).
 */
const CLAUDE = ["'(?:s|t|re|ve|m|ll|d)", ' ?\\p{L}+', ' ?\\p{N}+', ` ?[^${WS}\\p{L}\\p{N}]+`, `[${WS}]+(?![^${WS}])`, `[${WS}]+`].join('|');

/**
 * Gemma 3 has no pre-tokenizer, but its added tokens and its merges cut the text all the same (see
 * sentencepiece.ts): runs of up to 31 newlines or tabs are tokens of their own, and a word starts at a
 * space (or `▁`) after anything but a space, `▁` or `>`. These pieces are counted on their own exactly.
 */
const GEMMA3 = ['\\n{1,31}', '\\t{1,31}', '[ ▁]*(?:[^ ▁\\n\\t>]|>[ ▁]*)+', '[ ▁]+'].join('|');

const PATTERNS: Record<EncodingName, string> = { o200k_base: O200K, cl100k_base: CL100K, llama3: CL100K, llama4: O200K, tekken: TEKKEN, claude: CLAUDE, gemma3: GEMMA3 };

/** Whether the encoding reads text NFKC-normalised (Anthropic's tokenizer does). */
export function normalizes(encoding: EncodingName): boolean {
  return encoding === 'claude';
}

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

