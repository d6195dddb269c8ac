import { BLOCK_TARGET, isBlockStart, splitBlocks } from './blocks';
import { addCounts, Count, countBounded, Crossing, findCrossing, ZERO } from './count';
import { TokenEngine } from './engine';

/** One replaced span, in the coordinates of the text before the change (as VS Code reports edits). */
export interface TextChange {
  offset: number;
  removed: number;
  inserted: string;
}

/** Text spans counted on their own, e.g. the selections; half-open [start, end). */
export type Span = readonly [start: number, end: number];

/**
 * A document's text cut into blocks at line starts where the pre-tokenizer always ends a piece (see
 * blocks.ts), each block counted on its own: the sum is the exact count of the whole. An edit re-cuts
 * and forgets only the blocks around it, so keeping the total current costs one or two blocks' worth of
 * encoding per keystroke. Counting is lazy and can be done in slices, so a worker can report progress
 * and take newer requests between slices.
 */
export class TokenDocument {
  private text: string;
  /** Block start offsets, ascending, starts[0] === 0. */
  private starts: number[];
  /** Each block's count, or undefined until counted. */
  private counts: (Count | undefined)[];

  constructor(text: string, private readonly engine: TokenEngine, private readonly target = BLOCK_TARGET) {
    this.text = text;
    this.starts = splitBlocks(text, 0, text.length, target);
    this.counts = new Array(this.starts.length).fill(undefined);
  }

  get length(): number {
    return this.text.length;
  }

  getText(): string {
    return this.text;
  }

  get blockCount(): number {
    return this.starts.length;
  }

  /** Applies changes made one after another (each in the coordinates left by the previous ones). */
  applyChanges(changes: readonly TextChange[]): void {
    for (const change of changes) this.applyChange(change);
  }

  private applyChange({ offset, removed, inserted }: TextChange): void {
    const oldText = this.text;
    if (offset < 0 || removed < 0 || offset + removed > oldText.length) throw new RangeError(`edit ${offset}+${removed} outside a text of ${oldText.length}`);
    const text = oldText.slice(0, offset) + inserted + oldText.slice(offset + removed);
    const delta = inserted.length - removed;
    // First block to redo: the one holding the character before the edit (its start's line may have
    // changed), moved back while its start is no longer allowed.
    let first = this.blockAt(Math.max(0, offset - 1));
    while (first > 0 && !isBlockStart(text, this.starts[first])) first--;
    // First block to keep: it starts after the removed span, and its start is still allowed.
    let keep = this.blockAt(offset + removed) + 1;
    while (keep < this.starts.length && !isBlockStart(text, this.starts[keep] + delta)) keep++;
    const end = keep < this.starts.length ? this.starts[keep] + delta : text.length;
    const redone = splitBlocks(text, this.starts[first], end, this.target);
    this.text = text;
    this.starts.splice(first, keep - first, ...redone);
    this.counts.splice(first, keep - first, ...new Array<Count | undefined>(redone.length).fill(undefined));
    for (let i = first + redone.length; i < this.starts.length; i++) this.starts[i] += delta;
  }

  /** Index of the block holding `offset` (the last block for the end of the text). */
  private blockAt(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  private blockEnd(index: number): number {
    return index + 1 < this.starts.length ? this.starts[index + 1] : this.text.length;
  }

  private countOf(index: number): Count {
    return (this.counts[index] ??= countBounded(this.engine, this.text.slice(this.starts[index], this.blockEnd(index))));
  }

  /**
   * Counts blocks not counted yet, in order, until done or `stop()` says to yield (asked after each
   * block). Returns the share of the text counted so far, 0..1.
   */
  countPending(stop: () => boolean = () => false): number {
    for (let i = 0; i < this.counts.length; i++) {
      if (this.counts[i] !== undefined) continue;
      this.countOf(i);
      if (stop()) break;
    }
    return this.countedShare();
  }

  countedShare(): number {
    if (this.text.length === 0) return 1;
    let counted = 0;
    for (let i = 0; i < this.counts.length; i++) if (this.counts[i] !== undefined) counted += this.blockEnd(i) - this.starts[i];
    return counted / this.text.length;
  }

  /** The whole text's count (counts whatever is still pending). */
  total(): Count {
    let total = ZERO;
    for (let i = 0; i < this.starts.length; i++) total = addCounts(total, this.countOf(i));
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
   * Where the count of `spans` (the whole text when empty) passes `limit`: the offset and length of the
   * piece holding the first token over it, or undefined when it stays within.
   */
  crossing(spans: readonly Span[], limit: number): Crossing | undefined {
    let running = 0;
    for (const span of spans.length > 0 ? spans : [[0, this.text.length] as const]) {
      for (const part of this.spanParts(span)) {
        if (running + part.count.tokens > limit) {
          const found = findCrossing(this.engine, this.text.slice(part.start, part.end), running, limit);
          if (found) return { offset: part.start + found.offset, length: found.length };
        }
        running += part.count.tokens;
      }
    }
    return undefined;
  }

  /** A span cut into a head, the whole blocks inside it and a tail, each with its count. */
  private spanParts([start, end]: Span): { start: number; end: number; count: Count }[] {
    const from = Math.max(0, Math.min(start, end));
    const to = Math.min(this.text.length, Math.max(start, end));
    if (from === to) return [];
    const parts: { start: number; end: number; count: Count }[] = [];
    const direct = (a: number, b: number) => {
      if (b > a) parts.push({ start: a, end: b, count: countBounded(this.engine, this.text.slice(a, b)) });
    };
    // The first block start at or after `from` (and blocks that end by `to`) are cut points inside the
    // span as well: being a block start depends only on the text from the newline before it onwards.
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
    direct(index < this.starts.length ? this.starts[index] : to, to);
    return parts;
  }
}
