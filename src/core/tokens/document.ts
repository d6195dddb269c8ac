import { BLOCK_TARGET, BlockCutter, isBlockStart, splitBlocks } from './blocks';
import { addCounts, Count, countBounded, Crossing, findCrossing, ZERO } from './count';
import { TokenEngine } from './engine';
import { heldTextLength, keptText, offsetAfterUtf8, utf8Held, utf8Length } from './strings';
import { lastAtOrBefore } from '../sorted';

/** One replaced span, in the coordinates of the text before the change (as VS Code reports edits). */
export interface TextChange {
  offset: number;
  removed: number;
  inserted: string;
}

/**
 * `text` with `changes` applied one after another (each in the coordinates the previous left), as a
 * worker's copy of a document follows the host's edits; undefined when a change does not fit the text
 * or the result is not `length` long (the copy is out of step and must be sent again).
 */
export function applyTextChanges(text: string, changes: readonly TextChange[], length: number): string | undefined {
  for (const { offset, removed, inserted } of changes) {
    if (offset < 0 || removed < 0 || offset + removed > text.length) return undefined;
    text = text.slice(0, offset) + inserted + text.slice(offset + removed);
  }
  return text.length === length ? text : undefined;
}

/** Text spans counted on their own, e.g. the selections; half-open [start, end). */
export type Span = readonly [start: number, end: number];

/** Where counted text passes a limit in UTF-8 bytes (Box's text limit): see TokenDocument.byteCut. */
export interface ByteCut {
  /** The offset after the last whole character within the limit. */
  offset: number;
  /** The count of the text before it: what a reader that stops there reads. */
  tokens: Count;
  /** The counted text's size in UTF-8 bytes, all of it. */
  bytes: number;
}

/** A block not counted yet: its id (until an edit replaces it) and its length in characters. */
export interface PendingBlock {
  id: number;
  length: number;
}

interface Part {
  start: number;
  end: number;
  count: Count;
}

/**
 * A document's text cut into blocks at line starts where the pre-tokenizer always ends a piece (see
 * blocks.ts), each block counted on its own: the sum is the exact count of the whole. The text is kept
 * as the blocks' strings, so an edit touches only the strings around it (never a copy of the whole),
 * and re-cuts and forgets only those blocks: keeping the total current costs one or two blocks' worth
 * of encoding per keystroke. Counting is lazy and can be done in slices, so a worker can report
 * progress and take newer requests between slices.
 *
 * With `holdAsUtf8`, a block whose text has a character above U+00FF is held as its UTF-8 bytes when
 * that is smaller (utf8Held): V8 would hold all of it at two bytes a character. Blocks cut as the text
 * arrived come held as the cutter held them. A held block is read back (`text`) when it is counted,
 * edited or sliced; that copy is short-lived.
 */
export class TokenDocument {
  /** Each block's text, or for a block held as UTF-8 (heldAsUtf8), its bytes. */
  private blocks: string[];
  /** Whether each block is held as UTF-8 bytes. */
  private heldAsUtf8: boolean[];
  /** Each block's id: other threads' counts come back by it (`fill`), and an edit gives the blocks it cuts new ones. */
  private ids: number[];
  private nextId = 0;
  /** Each block's start offset, ascending, starts[0] === 0. */
  private starts: number[];
  /** Each block's count, or undefined until counted. */
  private counts: (Count | undefined)[];
  /** Each block's length in UTF-8 bytes, kept with the blocks so that byte limits need no pass over the text. */
  private bytes: number[];
  private lastPart: { text: string; count: Count } | undefined;
  private textLength: number;

  /**
   * `text` whole, or in consecutive parts (as a worker receives a large document), which are not
   * joined; or cut already as it arrived, and taken as it is when cut for this encoding and target.
   */
  constructor(
    text: string | readonly string[] | BlockCutter,
    private readonly engine: TokenEngine,
    private readonly target = BLOCK_TARGET,
    private readonly holdAsUtf8 = false,
  ) {
    let cutter: BlockCutter;
    if (text instanceof BlockCutter && text.encoding === engine.encoding && text.target === target) cutter = text;
    else {
      // Cut as a text that arrives is cut (blocksOfParts), holding blocks as UTF-8 as they are cut.
      cutter = new BlockCutter(target, engine.encoding, undefined, holdAsUtf8 ? utf8Held : undefined);
      for (const part of text instanceof BlockCutter ? text.finish() : typeof text === 'string' ? [text] : text) cutter.add(part);
    }
    ({ blocks: this.blocks, heldAsUtf8: this.heldAsUtf8 } = cutter.finishHeld());
    // A held block's UTF-8 length is its length.
    this.bytes = this.blocks.map((block, i) => (this.heldAsUtf8[i] ? block.length : utf8Length(block)));
    this.starts = [];
    let start = 0;
    for (let i = 0; i < this.blocks.length; i++) {
      this.starts.push(start);
      start += this.heldAsUtf8[i] ? heldTextLength(this.blocks[i]) : this.blocks[i].length;
    }
    this.textLength = start;
    this.counts = new Array(this.starts.length).fill(undefined);
    this.ids = this.blocks.map(() => this.nextId++);
  }

  get length(): number {
    return this.textLength;
  }

  getText(): string {
    return this.blockTexts().join('');
  }

  /** The blocks' texts, in order (the strings themselves where a block is not held as UTF-8). */
  blockTexts(): readonly string[] {
    return this.heldAsUtf8.includes(true) ? this.texts(0, this.blocks.length) : this.blocks;
  }

  /** How many blocks are held as UTF-8. */
  heldAsUtf8Blocks(): number {
    return this.heldAsUtf8.filter(Boolean).length;
  }

  /** Block `index`'s text. */
  private text(index: number): string {
    return keptText(this.blocks[index], this.heldAsUtf8[index]);
  }

  /** Holds block `index` (one an edit cut) as UTF-8 where that is smaller (see the class). */
  private hold(index: number): void {
    if (!this.holdAsUtf8 || this.heldAsUtf8[index]) return;
    const held = utf8Held(this.blocks[index], this.bytes[index]);
    if (held === undefined) return;
    this.blocks[index] = held;
    this.heldAsUtf8[index] = true;
  }

  /** Applies changes made one after another (each in the coordinates left by the previous ones). */
  applyChanges(changes: readonly TextChange[]): void {
    for (const change of changes) this.applyChange(change);
  }

  private applyChange({ offset, removed, inserted }: TextChange): void {
    if (offset < 0 || removed < 0 || offset + removed > this.textLength) throw new RangeError(`edit ${offset}+${removed} outside a text of ${this.textLength}`);
    // Redo from the block holding the character before the edit (its start's line may have changed)
    // through the block holding the edit's end.
    let first = this.blockAt(Math.max(0, offset - 1));
    let next = this.blockAt(offset + removed) + 1;
    let from = this.starts[first];
    let local = this.texts(first, next).join('');
    local = local.slice(0, offset - from) + inserted + local.slice(offset + removed - from);
    // Widen while a boundary of the redone region is no longer a block start (being one depends on
    // the character before it and the text after it).
    while (first > 0 && !isBlockStart(this.text(first - 1).slice(-1) + local, 1, this.engine.encoding)) {
      first--;
      from = this.starts[first];
      local = this.text(first) + local;
    }
    while (next < this.blocks.length && !isBlockStart(local.slice(-1) + this.text(next), 1, this.engine.encoding)) local += this.text(next++);

    const cuts = splitBlocks(local, 0, local.length, this.target, this.engine.encoding);
    const redone = cuts.map((cut, i) => local.slice(cut, cuts[i + 1] ?? local.length));
    const delta = inserted.length - removed;
    this.blocks.splice(first, next - first, ...redone);
    this.starts.splice(first, next - first, ...cuts.map((cut) => from + cut));
    this.counts.splice(first, next - first, ...new Array<Count | undefined>(redone.length).fill(undefined));
    this.heldAsUtf8.splice(first, next - first, ...new Array<boolean>(redone.length).fill(false));
    this.bytes.splice(first, next - first, ...redone.map((block) => utf8Length(block)));
    this.ids.splice(first, next - first, ...redone.map(() => this.nextId++));
    for (let i = first; i < first + redone.length; i++) this.hold(i);
    for (let i = first + redone.length; i < this.starts.length; i++) this.starts[i] += delta;
    this.textLength += delta;
  }

  /** Index of the block holding `offset` (the last block for the end of the text). */
  private blockAt(offset: number): number {
    return lastAtOrBefore(this.starts, offset);
  }

  private blockEnd(index: number): number {
    return index + 1 < this.starts.length ? this.starts[index + 1] : this.textLength;
  }

  /** Block `index`'s length in characters (a held block's string is its UTF-8). */
  private blockLength(index: number): number {
    return this.blockEnd(index) - this.starts[index];
  }

  /** Blocks [from, to)'s texts. */
  private texts(from: number, to: number): string[] {
    const texts: string[] = [];
    for (let i = from; i < to; i++) texts.push(this.text(i));
    return texts;
  }

  private countOf(index: number): Count {
    return (this.counts[index] ??= countBounded(this.engine, this.text(index)));
  }

  /** text[start, end), joined from the blocks it spans. */
  private slice(start: number, end: number): string {
    if (start >= end) return '';
    const first = this.blockAt(start);
    const last = this.blockAt(end - 1);
    const joined = first === last ? this.text(first) : this.texts(first, last + 1).join('');
    return joined.slice(start - this.starts[first], end - this.starts[first]);
  }

  /**
   * Counts blocks not counted yet, in order, until done or `stop()` says to yield (asked after each
   * block), leaving those `skip` names by id (another thread counts them). Returns the share of the
   * text counted so far, 0..1.
   */
  countPending(stop: () => boolean = () => false, skip?: (id: number) => boolean): number {
    for (let i = 0; i < this.counts.length; i++) {
      if (this.counts[i] !== undefined || skip?.(this.ids[i])) continue;
      this.countOf(i);
      if (stop()) break;
    }
    return this.countedShare();
  }

  /** How much of the text (in characters) has no count yet. */
  uncountedLength(): number {
    let uncounted = 0;
    for (let i = 0; i < this.counts.length; i++) if (this.counts[i] === undefined) uncounted += this.blockLength(i);
    return uncounted;
  }

  /** The blocks not counted yet, in order: what other threads may count (see `textsOf`, `fill`). */
  pendingBlocks(): PendingBlock[] {
    const pending: PendingBlock[] = [];
    for (let i = 0; i < this.counts.length; i++) if (this.counts[i] === undefined) pending.push({ id: this.ids[i], length: this.blockLength(i) });
    return pending;
  }

  /** The texts of the blocks with these ids, by id; a block an edit has replaced since is not among them. */
  textsOf(ids: readonly number[]): Map<number, string> {
    const wanted = new Set(ids);
    const texts = new Map<number, string>();
    for (let i = 0; i < this.ids.length; i++) if (wanted.has(this.ids[i])) texts.set(this.ids[i], this.text(i));
    return texts;
  }

  /**
   * Takes counts made elsewhere (a helper thread) for blocks by id: a block keeps its id until an edit
   * replaces it, so a count is taken only by the text it was made from.
   */
  fill(counts: ReadonlyMap<number, Count>): number {
    let filled = 0;
    for (let i = 0; i < this.ids.length; i++) {
      if (this.counts[i] !== undefined) continue;
      this.counts[i] = counts.get(this.ids[i]);
      if (this.counts[i] !== undefined) filled++;
    }
    return filled;
  }

  /** The share of the text counted so far, 0..1. */
  countedShare(): number {
    return this.textLength === 0 ? 1 : 1 - this.uncountedLength() / this.textLength;
  }

  /** The whole text's count (counts whatever is still pending). */
  total(): Count {
    let total = ZERO;
    for (let i = 0; i < this.blocks.length; i++) total = addCounts(total, this.countOf(i));
    return total;
  }

  /**
   * The count of each span read on its own, summed: what the selections would cost if sent. Whole
   * blocks inside a span reuse their counts; only the partial blocks at its ends are encoded.
   */
  spansTotal(spans: readonly Span[]): Count {
    let total = ZERO;
    for (const span of spans) for (const part of this.spanParts(span)) total = addCounts(total, part.count);
    return total;
  }

  /**
   * The count of `spans` (the whole text when empty), where it passes `limit` tokens if it does, and
   * where a reader of only `byteLimit` UTF-8 bytes (Box) stops if the text is longer: what a count reports.
   */
  measure(spans: readonly Span[], limit?: number, byteLimit?: number): { count: Count; crossing?: Crossing; cut?: ByteCut } {
    const count = spans.length > 0 ? this.spansTotal(spans) : this.total();
    const crossing = limit !== undefined && count.tokens > limit ? this.crossing(spans, limit) : undefined;
    const cut = byteLimit !== undefined ? this.byteCut(spans, byteLimit) : undefined;
    return { count, crossing, cut };
  }

  /**
   * Where the count of `spans` (the whole text when empty) passes `limit`: the offset and length of the
   * piece holding the first token over it, or undefined when it stays within.
   */
  crossing(spans: readonly Span[], limit: number): Crossing | undefined {
    let running = 0;
    for (const span of spans.length > 0 ? spans : [[0, this.textLength] as const]) {
      for (const part of this.spanParts(span)) {
        if (running + part.count.tokens > limit) {
          const found = findCrossing(this.engine, this.slice(part.start, part.end), running, limit);
          if (found) return { offset: part.start + found.offset, length: found.length };
        }
        running += part.count.tokens;
      }
    }
    return undefined;
  }

  /**
   * Where `spans` (the whole text when empty), read one after another, pass their first `limit` UTF-8
   * bytes; undefined while they stay within it. A walk over the blocks' byte lengths, not the text.
   */
  byteCut(spans: readonly Span[], limit: number): ByteCut | undefined {
    // A UTF-16 unit is at most 3 UTF-8 bytes (a surrogate pair 4 for 2): a short text cannot pass.
    if (this.textLength * 3 <= limit) return undefined;
    let before = 0;
    let total = 0;
    let cut: Omit<ByteCut, 'bytes'> | undefined;
    const read: Span[] = [];
    for (const span of spans.length > 0 ? spans : [[0, this.textLength] as const]) {
      const from = Math.max(0, Math.min(span[0], span[1]));
      const to = Math.min(this.textLength, Math.max(span[0], span[1]));
      const bytes = this.byteLength(from, to);
      total += bytes;
      if (cut) continue;
      if (before + bytes > limit) {
        const offset = this.offsetAfterBytes(from, limit - before);
        cut = { offset, tokens: this.spansTotal([...read, [from, offset]]) };
      } else {
        before += bytes;
        read.push([from, to]);
      }
    }
    return cut && { ...cut, bytes: total };
  }

  /** The UTF-8 length of text[from, to): whole blocks from their kept lengths, the ends measured. */
  private byteLength(from: number, to: number): number {
    if (from >= to) return 0;
    const first = this.blockAt(from);
    const last = this.blockAt(to - 1);
    if (first === last) return utf8Length(this.text(first), from - this.starts[first], to - this.starts[first]);
    let bytes = from === this.starts[first] ? this.bytes[first] : utf8Length(this.text(first), from - this.starts[first]);
    for (let i = first + 1; i < last; i++) bytes += this.bytes[i];
    return bytes + (to === this.blockEnd(last) ? this.bytes[last] : utf8Length(this.text(last), 0, to - this.starts[last]));
  }

  /** The offset after the last whole character within `bytes` UTF-8 bytes of the text from `from`. */
  private offsetAfterBytes(from: number, bytes: number): number {
    let index = this.blockAt(from);
    let local = from - this.starts[index];
    for (;;) {
      const rest = local === 0 ? this.bytes[index] : utf8Length(this.text(index), local);
      if (rest > bytes || index === this.blocks.length - 1) return this.starts[index] + offsetAfterUtf8(this.text(index), bytes, local);
      bytes -= rest;
      index++;
      local = 0;
    }
  }

  /**
   * A piece of a block counted on its own, remembering the last one: the count before Box's cut is
   * asked again after every edit, and its partial block is the same text unless the edit was in it.
   */
  private countPart(text: string): Count {
    if (this.lastPart?.text !== text) this.lastPart = { text, count: countBounded(this.engine, text) };
    return this.lastPart.count;
  }

  /** A span cut into a head, the whole blocks inside it and a tail, each with its count. */
  private spanParts([start, end]: Span): Part[] {
    const from = Math.max(0, Math.min(start, end));
    const to = Math.min(this.textLength, Math.max(start, end));
    if (from === to) return [];
    const parts: Part[] = [];
    const direct = (a: number, b: number) => {
      if (b > a) parts.push({ start: a, end: b, count: this.countPart(this.slice(a, b)) });
    };
    // Block starts inside the span are cut points of the span's own text as well: being a block start
    // depends only on the text from the character before it onwards (checked for the last one below).
    let index = this.blockAt(from);
    if (this.starts[index] < from) index++;
    if (index >= this.starts.length || this.blockEnd(index) > to) {
      direct(from, to);
      return parts;
    }
    direct(from, this.starts[index]);
    for (; index < this.starts.length && this.blockEnd(index) <= to; index++) {
      parts.push({ start: this.starts[index], end: this.blockEnd(index), count: this.countOf(index) });
    }
    // The tail's start must be a cut point of the span's own text too: a rule may look past the cut
    // (Claude's looks at the character after a newline), and the span may end before it.
    let tailFrom = index < this.starts.length ? this.starts[index] : to;
    while (tailFrom < to && tailFrom > from && !isBlockStart(this.slice(tailFrom - 1, to), 1, this.engine.encoding)) tailFrom = parts.pop()!.start;
    direct(tailFrom, to);
    return parts;
  }
}
