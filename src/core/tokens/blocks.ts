import { isReferenceWhitespace } from './encodings';

/**
 * Where a document may be cut into blocks whose token counts add up exactly to the whole's.
 *
 * Both encodings' pre-tokenizers end a piece at a line start when the line that begins there is not
 * blank and its leading white space holds no `\r`: the newline run before it ends there, and nothing
 * else can reach across a newline, except o200k_base's punctuation piece, whose `[\r\n/]*` tail
 * swallows a `/` that opens the next line. So a line that starts with `/` is never a block start
 * (for both encodings, which keeps one rule and costs nothing in exactness). Blank means only white
 * space as either JavaScript or the reference reads it, so the rule holds whichever definition the
 * engine uses.
 */
export function isBlockStart(text: string, offset: number): boolean {
  if (offset === 0) return true;
  return offset < text.length && text.charCodeAt(offset - 1) === 10 /* \n */ && lineOpensBlock(text, offset);
}

/** The part of the rule that looks at the line itself (from `offset` on), not at the newline before it. */
export function lineOpensBlock(text: string, offset: number): boolean {
  if (text.charCodeAt(offset) === 47 /* / */) return false;
  for (let i = offset; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10 || code === 13) return false; // blank line, or `\r` in the leading white space
    if (!isReferenceWhitespace(code) && code !== 0xfeff) return true;
  }
  return false; // a blank last line
}

/** About how many characters a block holds: an edit recounts one or two of them. */
export const BLOCK_TARGET = 2048;

/**
 * Cuts text[from, to) into blocks of at least `target` characters (the last may be shorter, and a
 * block grows past the target until the next allowed start). `from` must be a block start; the result
 * lists every block's start, `from` first.
 */
export function splitBlocks(text: string, from: number, to: number, target = BLOCK_TARGET): number[] {
  const starts = [from];
  let newline = text.indexOf('\n', from + target - 1);
  while (newline >= 0 && newline + 1 < to) {
    if (isBlockStart(text, newline + 1)) {
      starts.push(newline + 1);
      newline = text.indexOf('\n', newline + target);
    } else {
      newline = text.indexOf('\n', newline + 1);
    }
  }
  return starts;
}
