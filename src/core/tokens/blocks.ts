import { EncodingName, isReferenceWhitespace } from './encodings';
import { startsPiece } from './sentencepiece';
import { keptText } from './strings';

/**
 * Where a document may be cut into blocks whose token counts add up exactly to the whole's.
 *
 * Line starts: both encodings' pre-tokenizers end a piece at a line start when the line that begins
 * there is not blank and its leading white space holds no `\r`: the newline run before it ends there,
 * and nothing else can reach across a newline, except o200k_base's punctuation piece, whose `[\r\n/]*`
 * tail swallows a `/` that opens the next line. So a line that starts with `/` is never a block start
 * (for both encodings, which keeps one rule and costs nothing in exactness). Blank means only white
 * space as either JavaScript or the reference reads it, so the rule holds whichever definition the
 * engine uses.
 *
 * Inside a line (so that minified code is not one huge block): between an ASCII letter and ASCII
 * punctuation other than `'`. A letter piece ends at the first non-letter, unless a contraction
 * (`'s`, `'ll`, …) follows; a punctuation piece cannot begin on a letter.
 *
 * The legacy Claude vocabulary's GPT-2 pattern has no newline piece: a white-space run ends one
 * character before the first non-space, so the run before a line start splits differently at the end
 * of a block than inside the text. For it, the cut is *before* the `\n`, when the next line starts
 * with something other than white space: the run before the `\n` then ends there either way, and the
 * `\n` is a piece of its own. (NFKC normalisation, which it applies, never joins across a cut:
 * nothing composes with a newline, nor with ASCII punctuation after a letter.)
 *
 * Gemma 3 cuts where its own pieces start (sentencepiece.ts, `startsPiece`): at a word's start and at
 * either end of a run of newlines or tabs.
 *
 * All rules look only at the character before the cut and the text after it; the property tests in
 * test/unit/tokens.test.ts check them against the reference on thousands of random documents.
 */
export function isBlockStart(text: string, offset: number, encoding?: EncodingName): boolean {
  if (offset === 0) return true;
  if (offset >= text.length) return false;
  if (encoding === 'gemma3') return startsPiece(text, offset);
  const before = text.charCodeAt(offset - 1);
  if (encoding === 'claude' && text.charCodeAt(offset) === 10 /* \n */) return offset + 1 < text.length && !isReferenceWhitespace(text.charCodeAt(offset + 1));
  if (before === 10 /* \n */) return encoding !== 'claude' && lineOpensBlock(text, offset);
  return isAsciiLetter(before) && isCutPunctuation(text.charCodeAt(offset));
}

function isAsciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** ASCII punctuation and symbols, less the apostrophe that opens a contraction. */
function isCutPunctuation(code: number): boolean {
  return code !== 39 && ((code >= 33 && code <= 47) || (code >= 58 && code <= 64) || (code >= 91 && code <= 96) || (code >= 123 && code <= 126));
}

/** The part of the rule that looks at the line itself (from `offset` on), not at the newline before it. */
function lineOpensBlock(text: string, offset: number): boolean {
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
export function splitBlocks(text: string, from: number, to: number, target = BLOCK_TARGET, encoding?: EncodingName): number[] {
  const starts = [from];
  for (let cut = nextCut(text, from + target, to, encoding); cut >= 0; cut = nextCut(text, cut + target, to, encoding)) starts.push(cut);
  return starts;
}

/**
 * The blocks of a text given as consecutive parts (a document received in slices), cut as splitBlocks
 * cuts the whole, without joining the parts first: see BlockCutter.
 */
export function blocksOfParts(parts: readonly string[], target = BLOCK_TARGET, encoding?: EncodingName): string[] {
  const cutter = new BlockCutter(target, encoding);
  for (const part of parts) cutter.add(part);
  return cutter.finish();
}

/**
 * Cuts a text into blocks as its parts arrive, as splitBlocks cuts the whole, without joining the
 * parts first: a block inside a part is a slice of it, and only a block across parts is joined.
 * Joining a large document would copy all of it and leave the parts behind as garbage, as large as
 * the text, until the collector next runs.
 *
 * A cut is looked for in one part at a time: every rule looks only at the character before the cut
 * and the text after it, so a start found within a part is one in the whole. At a part's first
 * character the rule is asked with the character before and the part's head; where the rule would
 * need to read past what it is given (a line of more white space than that, at a part's end), no cut
 * is made there and the block grows, which costs nothing in exactness.
 *
 * `keep` is given each block, and the text a part leaves open at its end, and what it returns is kept
 * instead: a copy of its own (compactCopy) lets the part go as soon as it is cut. `hold` is given each
 * block first: what it returns (the block's UTF-8, utf8Held) is kept instead, held as UTF-8 from the
 * start, so the block is never held at two bytes a character long enough to reach the old generation.
 */
export class BlockCutter {
  private readonly blocks: string[] = [];
  /** Whether each block is held as UTF-8 (by `hold`). */
  private readonly heldAsUtf8: boolean[] = [];
  /** The texts of the block not yet closed. */
  private open: string[] = [];
  private openLength = 0;
  /** The character before the next part. */
  private before = '';

  constructor(
    readonly target = BLOCK_TARGET,
    readonly encoding?: EncodingName,
    private readonly keep: (text: string) => string = (text) => text,
    private readonly hold?: (text: string) => string | undefined,
  ) {}

  add(part: string): void {
    if (part.length === 0) return;
    let from = 0;
    for (let at = Math.max(0, this.target - this.openLength); at < part.length; ) {
      const startsHere = at === 0 && this.before !== '' && isBlockStart(this.before + part.slice(0, PART_HEAD), 1, this.encoding);
      const cut = startsHere ? 0 : nextCut(part, Math.max(at, 1), part.length, this.encoding);
      if (cut < 0) break;
      if (cut > from) this.open.push(part.slice(from, cut));
      this.closeBlock();
      from = cut;
      at = cut + this.target;
    }
    this.open.push(this.keep(from === 0 ? part : part.slice(from)));
    this.openLength += part.length - from;
    this.before = part[part.length - 1];
  }

  /** The blocks' texts, of all the parts added (one empty block for no text). */
  finish(): string[] {
    const { blocks, heldAsUtf8 } = this.finishHeld();
    return heldAsUtf8.includes(true) ? blocks.map((block, i) => keptText(block, heldAsUtf8[i])) : blocks;
  }

  /** The blocks as kept, some held as UTF-8 (`hold`), and which. */
  finishHeld(): { blocks: string[]; heldAsUtf8: boolean[] } {
    if (this.open.length > 0) this.closeBlock();
    return this.blocks.length > 0 ? { blocks: this.blocks, heldAsUtf8: this.heldAsUtf8 } : { blocks: [''], heldAsUtf8: [false] };
  }

  private closeBlock(): void {
    const text = this.open.length === 1 ? this.open[0] : this.open.join('');
    const held = this.hold?.(text);
    this.blocks.push(held ?? this.keep(text));
    this.heldAsUtf8.push(held !== undefined);
    this.open = [];
    this.openLength = 0;
  }
}

/** How much of a part's head the rule is given at its first character (see blocksOfParts). */
const PART_HEAD = 256;

/** The first block start in [at, to), or -1. */
function nextCut(text: string, at: number, to: number, encoding: EncodingName | undefined): number {
  for (let i = at; i < to; i++) if (isBlockStart(text, i, encoding)) return i;
  return -1;
}
