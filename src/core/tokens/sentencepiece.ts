import type { TokenEngine } from './engine';
import { ownCopy } from './strings';

/**
 * Gemma 3's tokenizer (which Google's SDKs count Gemini 2.x and 3 with), as Hugging Face's
 * `tokenizer.json` for it defines the encoding:
 * 1. the added tokens (control tokens, HTML tags, runs of up to 31 newlines or tabs, `<unusedN>`, …)
 *    are cut out of the raw text first, leftmost and longest match first, one token each;
 * 2. in the text between them every space becomes `▁` (there is no other normalisation, and the
 *    pre-tokenizer, which splits on spaces, finds none left);
 * 3. each such stretch is one byte-pair word: its characters (code points) start as pieces, and the
 *    adjacent pair with the lowest merge rank is joined until none is left, the leftmost first on a tie;
 * 4. a character that is not a piece counts as one token per UTF-8 byte (byte fallback), and nothing
 *    merges with it.
 *
 * No merge joins any other character to a following `▁` except `▁` and `>` (SPACE_JOINERS; the
 * vocabulary build checks it), so a space after any other character starts a new word whatever
 * comes before it: words are cut there and counted on their own, and repeated words come from a
 * cache. Byte-pair merging runs on a heap, so a word of any length is counted exactly.
 */
export interface SentencePieceVocabulary {
  /** Piece i is token i. */
  pieces: string[];
  /** The added tokens' texts, matched in the raw text before anything else. */
  added: string[];
  /**
   * The merge groups that precede the rest: each lists pieces that share one score. After them come
   * all other pieces of two or more characters, one group each, in id order (see forEachMerge).
   */
  first: number[][];
}

/** The characters that some piece joins to a following `▁`. */
export const SPACE_JOINERS = '▁>';
const SPACE_MARK = '▁';

/**
 * The merges of a vocabulary in rank order, as Hugging Face's converter derives them from the
 * SentencePiece model: every split of a piece into two pieces is a merge; groups of pieces come in
 * score order (SentencePieceVocabulary.first, then id order), and within a group the merges run
 * from the longest left part to the shortest, then the longest right part, then by the piece's id.
 * The vocabulary build checks the result against the published merge list, merge by merge.
 */
export function forEachMerge(vocabulary: SentencePieceVocabulary, visit: (left: number, right: number, merged: number) => void, index = new PieceIndex(vocabulary.pieces)): void {
  const { pieces } = vocabulary;
  for (const group of vocabulary.first) {
    const merges: { left: number; right: number; merged: number; leftLength: number; rightLength: number }[] = [];
    for (const merged of group) splits(pieces[merged], index, (left, right, leftLength, rightLength) => merges.push({ left, right, merged, leftLength, rightLength }));
    merges.sort((a, b) => b.leftLength - a.leftLength || b.rightLength - a.rightLength || a.merged - b.merged);
    for (const { left, right, merged } of merges) visit(left, right, merged);
  }
  const early = new Set(vocabulary.first.flat());
  for (let merged = 0; merged < pieces.length; merged++) {
    if (early.has(merged) || pieces[merged].length < 2) continue;
    splits(pieces[merged], index, (left, right) => visit(left, right, merged));
  }
}

/** Visits a piece's splits into two pieces, the longest left part first, with both parts' lengths in characters. */
function splits(piece: string, index: PieceIndex, visit: (left: number, right: number, leftLength: number, rightLength: number) => void): void {
  let characters = 0;
  for (let i = 0; i < piece.length; i++) if (!isLowSurrogate(piece.charCodeAt(i))) characters++;
  // Hashes of every prefix, then of the suffixes from the right, with the index's hash (no slices made).
  const prefixHashes = new Int32Array(piece.length);
  let hash = 0;
  let power = 1;
  for (let cut = 1; cut < piece.length; cut++) {
    hash = (hash + Math.imul(piece.charCodeAt(cut - 1), power)) | 0;
    power = Math.imul(power, HASH_BASE);
    prefixHashes[cut] = hash;
  }
  let suffixHash = 0;
  let leftLength = characters;
  for (let cut = piece.length - 1; cut > 0; cut--) {
    suffixHash = (piece.charCodeAt(cut) + Math.imul(suffixHash, HASH_BASE)) | 0;
    if (isLowSurrogate(piece.charCodeAt(cut))) continue;
    leftLength--;
    const left = index.prefix(piece, cut, prefixHashes[cut]);
    if (left < 0) continue;
    const right = index.suffix(piece, cut, suffixHash);
    if (right >= 0) visit(left, right, leftLength, characters - leftLength);
  }
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

const HASH_BASE = 0x01000193;

/**
 * Pieces by a polynomial hash of their UTF-16 units (Σ unit[i]·B^i), so that a piece's prefixes and
 * suffixes are looked up from running hashes without making a string for each: deriving the merges
 * this way takes a third of the time a Map of strings does.
 */
class PieceIndex {
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(private readonly pieces: readonly string[]) {
    let size = 1;
    while (size < pieces.length * 2) size *= 2;
    this.slots = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    pieces.forEach((piece, id) => {
      if (this.get(piece) >= 0) return; // the first of two equal pieces wins
      let slot = this.start(hashOf(piece));
      while (this.slots[slot] !== -1) slot = (slot + 1) & this.mask;
      this.slots[slot] = id;
    });
  }

  private start(hash: number): number {
    return Math.imul(hash, 0x9e3779b1) >>> 0 & this.mask;
  }

  get(text: string): number {
    return this.find(hashOf(text), (id) => this.pieces[id] === text);
  }

  /** The piece that is text[0, cut), given that part's hash. */
  prefix(text: string, cut: number, hash: number): number {
    return this.find(hash, (id) => this.pieces[id].length === cut && text.startsWith(this.pieces[id]));
  }

  /** The piece that is text[cut, end), given that part's hash. */
  suffix(text: string, cut: number, hash: number): number {
    return this.find(hash, (id) => this.pieces[id].length === text.length - cut && text.endsWith(this.pieces[id]));
  }

  private find(hash: number, matches: (id: number) => boolean): number {
    for (let slot = this.start(hash); ; slot = (slot + 1) & this.mask) {
      const id = this.slots[slot];
      if (id === -1 || matches(id)) return id;
    }
  }
}

function hashOf(text: string): number {
  let hash = 0;
  let power = 1;
  for (let i = 0; i < text.length; i++) {
    hash = (hash + Math.imul(text.charCodeAt(i), power)) | 0;
    power = Math.imul(power, HASH_BASE);
  }
  return hash;
}

/** Throws unless `data` has the shape of a SentencePieceVocabulary. */
export function checkSentencePieceVocabulary(data: unknown): asserts data is SentencePieceVocabulary {
  const v = data as Partial<SentencePieceVocabulary> | null;
  const strings = (list: unknown) => Array.isArray(list) && list.every((s) => typeof s === 'string');
  if (!v || typeof v !== 'object' || !strings(v.pieces) || v.pieces!.length < 256) throw new Error('it has no list of pieces');
  if (!strings(v.added)) throw new Error('it has no list of added tokens');
  if (!Array.isArray(v.first) || !v.first.every((group) => Array.isArray(group) && group.every((id) => Number.isInteger(id) && id >= 0 && id < v.pieces!.length))) {
    throw new Error('its merge groups are not lists of piece ids');
  }
}

/**
 * The merge table: (left, right) → rank and merged piece, in open addressing over typed arrays (a Map
 * keyed by the pair costs four times the memory and twice the time). Kept at most half full.
 */
class MergeTable {
  private bits: number;
  private used = 0;
  private lefts!: Int32Array;
  private rights!: Int32Array;
  private ranks!: Int32Array;
  private results!: Int32Array;

  constructor(expected: number) {
    this.bits = 4;
    while (1 << this.bits < expected * 2) this.bits++;
    this.allocate();
  }

  private allocate(): void {
    const size = 1 << this.bits;
    this.lefts = new Int32Array(size).fill(-1);
    this.rights = new Int32Array(size);
    this.ranks = new Int32Array(size);
    this.results = new Int32Array(size);
  }

  private slot(left: number, right: number): number {
    return (Math.imul(left, 0x9e3779b1) ^ Math.imul(right + 0x7f4a7c15, 0x85ebca77)) >>> (32 - this.bits);
  }

  add(left: number, right: number, rank: number, merged: number): void {
    if (this.find(left, right) >= 0) return; // an earlier rank wins
    if (++this.used * 2 > this.lefts.length) this.grow();
    let slot = this.slot(left, right);
    while (this.lefts[slot] !== -1) slot = (slot + 1) & (this.lefts.length - 1);
    this.lefts[slot] = left;
    this.rights[slot] = right;
    this.ranks[slot] = rank;
    this.results[slot] = merged;
  }

  private grow(): void {
    const { lefts, rights, ranks, results } = this;
    this.bits++;
    this.allocate();
    this.used = 0;
    for (let i = 0; i < lefts.length; i++) if (lefts[i] !== -1) this.add(lefts[i], rights[i], ranks[i], results[i]);
  }

  /** The slot holding the pair, or -1. */
  find(left: number, right: number): number {
    for (let slot = this.slot(left, right); ; slot = (slot + 1) & (this.lefts.length - 1)) {
      const stored = this.lefts[slot];
      if (stored === -1) return -1;
      if (stored === left && this.rights[slot] === right) return slot;
    }
  }

  rank(slot: number): number {
    return this.ranks[slot];
  }

  merged(slot: number): number {
    return this.results[slot];
  }
}

/** The added tokens as a trie over UTF-16 units, for leftmost-longest matching. */
interface TrieNode {
  next: Map<number, TrieNode>;
  /** Whether an added token ends here. */
  ends: boolean;
}

function addedTrie(added: readonly string[]): TrieNode {
  const root: TrieNode = { next: new Map(), ends: false };
  for (const text of added) {
    let node = root;
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      let child = node.next.get(unit);
      if (!child) node.next.set(unit, (child = { next: new Map(), ends: false }));
      node = child;
    }
    node.ends = node !== root;
  }
  return root;
}

/** The length of the longest added token at text[at], or 0. */
function addedAt(root: TrieNode, text: string, at: number): number {
  let longest = 0;
  let node: TrieNode | undefined = root;
  for (let i = at; i < text.length; i++) {
    node = node.next.get(text.charCodeAt(i));
    if (!node) break;
    if (node.ends) longest = i + 1 - at;
  }
  return longest;
}

/** Words seen are remembered up to this many (or CACHE_CHARS); then the memory starts afresh. */
const CACHE_LIMIT = 250_000;
/** Or this many characters in all, so that what it holds is bounded in bytes too (as the byte-pair engines' piece memory). */
const CACHE_CHARS = 1 << 20;
/** Words longer than this are not cached (a long word is rare and costly to keep). */
const CACHED_LENGTH = 256;
/** Words of at most this many pieces are merged by scanning; longer ones on a heap. */
const SCAN_LIMIT = 48;

export function sentencePieceEngine(vocabulary: SentencePieceVocabulary): TokenEngine {
  const index = new PieceIndex(vocabulary.pieces);
  const table = new MergeTable(vocabulary.pieces.length * 2);
  let rank = 0;
  forEachMerge(vocabulary, (left, right, merged) => table.add(left, right, rank++, merged), index);
  const added = addedTrie(vocabulary.added);
  // Looked up for every character, so a table rather than the trie's map.
  const startsAdded = new Uint8Array(0x10000);
  for (const unit of added.next.keys()) startsAdded[unit] = 1;
  const { asciiIds, otherIds } = characterIds(vocabulary.pieces);
  const cache = new Map<string, number>();
  let cachedChars = 0;
  const neighbours = new Neighbours(vocabulary.pieces);

  /** The piece id of a code point, or -1 when it is not a piece (it falls back to bytes). */
  const charId = (code: number): number => (code < 128 ? asciiIds[code] : (otherIds.get(code) ?? -1));

  /** Tokens in text[from, to): no added token, no place where a token could span, spaces read as `▁`. */
  const countSegment = (text: string, from: number, to: number): number => {
    if (to - from === 1) {
      const code = text.charCodeAt(from);
      return charId(code) >= 0 ? 1 : utf8Length(code); // a lone surrogate is U+FFFD's three bytes
    }
    const segment = text.slice(from, to);
    const cached = cache.get(segment);
    if (cached !== undefined) return cached;
    let tokens = 0;
    const ids: number[] = [];
    for (let i = 0; i < segment.length; i++) {
      let code = segment.charCodeAt(i);
      if (isHighSurrogate(code) && i + 1 < segment.length && isLowSurrogate(segment.charCodeAt(i + 1))) code = 0x10000 + ((code - 0xd800) << 10) + (segment.charCodeAt(++i) - 0xdc00);
      const id = charId(code);
      if (id >= 0) {
        ids.push(id);
        continue;
      }
      // Byte fallback: this character is its UTF-8 bytes, and merging stops on either side of it.
      tokens += mergedLength(ids) + utf8Length(code);
      ids.length = 0;
    }
    tokens += mergedLength(ids);
    if (segment.length <= CACHED_LENGTH) {
      if (cache.size >= CACHE_LIMIT || cachedChars >= CACHE_CHARS) {
        cache.clear();
        cachedChars = 0;
      }
      cache.set(ownCopy(segment), tokens);
      cachedChars += segment.length;
    }
    return tokens;
  };

  const mergedLength = (ids: number[]): number => (ids.length < 2 ? ids.length : ids.length <= SCAN_LIMIT ? scanMerge(table, ids) : heapMerge(table, ids));

  /**
   * Tokens in text[from, to), which holds no added token. It is cut wherever two neighbouring characters
   * stand side by side in no piece: no token can span such a place, so the parts count on their own.
   */
  const countStretch = (text: string, from: number, to: number): number => {
    let tokens = 0;
    let start = from;
    let before = -1;
    for (let i = from; i < to; i++) {
      let code = text.charCodeAt(i);
      if (isHighSurrogate(code) && i + 1 < to && isLowSurrogate(text.charCodeAt(i + 1))) code = 0x10000 + ((code - 0xd800) << 10) + (text.charCodeAt(i + 1) - 0xdc00);
      if (code === SPACE_CODE) code = 32; // `▁` as the space it stands for, in the table's ASCII part
      if (before >= 0 && !neighbours.has(before, code)) {
        tokens += countSegment(text, start, i);
        start = i;
      }
      before = code;
      if (code > 0xffff) i++;
    }
    return to > start ? tokens + countSegment(text, start, to) : tokens;
  };

  return {
    encoding: 'gemma3',
    count(text) {
      let tokens = 0;
      let stretch = 0;
      for (let i = 0; i < text.length; ) {
        const length = startsAdded[text.charCodeAt(i)] === 1 ? addedAt(added, text, i) : 0;
        if (length === 0) {
          i++;
          continue;
        }
        tokens += countStretch(text, stretch, i) + 1;
        i += length;
        stretch = i;
      }
      return tokens + countStretch(text, stretch, text.length);
    },
  };
}

/**
 * The ids of the pieces that are one character (the first of equal pieces, as the index has it): all
 * counting looks up, the space as `▁`'s. Made apart from the engine's closures, so that they do not
 * keep the pieces and their index (over 10 MB) alive.
 */
function characterIds(pieces: readonly string[]): { asciiIds: Int32Array; otherIds: Map<number, number> } {
  const asciiIds = new Int32Array(128).fill(-1);
  const otherIds = new Map<number, number>();
  pieces.forEach((piece, id) => {
    const code = piece.codePointAt(0)!;
    if (piece.length !== (code > 0xffff ? 2 : 1)) return;
    if (code < 128) {
      if (asciiIds[code] < 0) asciiIds[code] = id;
    } else if (!otherIds.has(code)) otherIds.set(code, id);
  });
  asciiIds[32] = otherIds.get(SPACE_MARK.codePointAt(0)!) ?? -1;
  return { asciiIds, otherIds };
}

/**
 * Whether a word starts at text[offset] (offset > 0): a space or `▁` after a character that no piece
 * joins to a following `▁`.
 */
function startsWord(text: string, offset: number): boolean {
  const code = text.charCodeAt(offset);
  if (code !== 32 && code !== SPACE_CODE) return false;
  const before = text[offset - 1];
  return before !== ' ' && !SPACE_JOINERS.includes(before);
}

/**
 * Whether a piece starts at text[offset] (offset > 0), one whose count does not depend on the text
 * before it: a word's start, or either end of a run of newlines or tabs (every such run is added
 * tokens, cut from its first character on).
 */
export function startsPiece(text: string, offset: number): boolean {
  const code = text.charCodeAt(offset);
  const before = text.charCodeAt(offset - 1);
  return startsWord(text, offset) || (code === 10) !== (before === 10) || (code === 9) !== (before === 9);
}

const SPACE_CODE = 0x2581; // ▁

/** Which characters some piece holds side by side: only across such a pair can a token span. */
class Neighbours {
  private readonly ascii = new Uint8Array(128 * 128);
  private readonly other = new Set<number>();

  constructor(pieces: readonly string[]) {
    for (const piece of pieces) {
      let before = -1;
      for (const char of piece) {
        // `▁` is filed under the space it stands for (the text's spaces are read as `▁`). A piece
        // holding a real space then only adds pairs: fewer cuts, never a wrong one.
        const code = char === SPACE_MARK ? 32 : char.codePointAt(0)!;
        if (before >= 0) {
          if (before < 128 && code < 128) this.ascii[before * 128 + code] = 1;
          else this.other.add(before * 0x110000 + code);
        }
        before = code;
      }
    }
  }

  has(before: number, code: number): boolean {
    return before < 128 && code < 128 ? this.ascii[before * 128 + code] === 1 : this.other.has(before * 0x110000 + code);
  }
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function utf8Length(code: number): number {
  return code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
}

/** Scratch space for scanMerge: each adjacent pair's rank and merged piece. */
const pairRanks = new Int32Array(SCAN_LIMIT);
const pairMerged = new Int32Array(SCAN_LIMIT);
const NO_MERGE = 0x7fffffff;

/**
 * Merging by repeated scans for the lowest-ranked pair, keeping each pair's rank and updating only the
 * two pairs a merge changes: quadratic, and fastest for short words.
 */
function scanMerge(table: MergeTable, ids: number[]): number {
  let length = ids.length;
  const rate = (i: number) => {
    const slot = table.find(ids[i], ids[i + 1]);
    pairRanks[i] = slot < 0 ? NO_MERGE : table.rank(slot);
    pairMerged[i] = slot < 0 ? -1 : table.merged(slot);
  };
  for (let i = 0; i + 1 < length; i++) rate(i);
  for (;;) {
    let best = -1;
    let bestRank = NO_MERGE;
    for (let i = 0; i + 1 < length; i++) {
      if (pairRanks[i] < bestRank) {
        bestRank = pairRanks[i];
        best = i;
      }
    }
    if (best < 0) return length;
    ids[best] = pairMerged[best];
    ids.copyWithin(best + 1, best + 2, length);
    pairRanks.copyWithin(best + 1, best + 2, length - 1);
    pairMerged.copyWithin(best + 1, best + 2, length - 1);
    length--;
    if (best > 0) rate(best - 1);
    if (best + 1 < length) rate(best);
  }
}

/**
 * Merging on a heap of candidate pairs keyed by rank then position (the leftmost first on a tie), in
 * a linked list of pieces: O(n log n) for a word of any length. A popped candidate is used only if
 * the pair it names still stands, as its rank identifies the pair.
 */
function heapMerge(table: MergeTable, given: number[]): number {
  const n = given.length;
  const ids = Int32Array.from(given);
  const next = Int32Array.from({ length: n }, (_, i) => (i + 1 < n ? i + 1 : -1));
  const prev = Int32Array.from({ length: n }, (_, i) => i - 1);
  const heap = new MinHeap(n);
  const POSITIONS = 2 ** 31;
  const push = (at: number) => {
    const after = next[at];
    if (after < 0) return;
    const slot = table.find(ids[at], ids[after]);
    if (slot >= 0) heap.push(table.rank(slot) * POSITIONS + at);
  };
  for (let i = 0; i + 1 < n; i++) push(i);
  let length = n;
  while (heap.size > 0) {
    const key = heap.pop();
    const at = key % POSITIONS;
    const rank = (key - at) / POSITIONS;
    const after = next[at];
    if (ids[at] < 0 || after < 0) continue;
    const slot = table.find(ids[at], ids[after]);
    if (slot < 0 || table.rank(slot) !== rank) continue;
    ids[at] = table.merged(slot);
    ids[after] = -1;
    next[at] = next[after];
    if (next[after] >= 0) prev[next[after]] = at;
    length--;
    if (prev[at] >= 0) push(prev[at]);
    push(at);
  }
  return length;
}

/** A binary min-heap of numbers. */
class MinHeap {
  private items: Float64Array;
  size = 0;

  constructor(capacity: number) {
    this.items = new Float64Array(Math.max(16, capacity));
  }

  push(value: number): void {
    if (this.size === this.items.length) {
      const grown = new Float64Array(this.items.length * 2);
      grown.set(this.items);
      this.items = grown;
    }
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.items[parent] <= value) break;
      this.items[i] = this.items[parent];
      i = parent;
    }
    this.items[i] = value;
  }

  pop(): number {
    const top = this.items[0];
    const last = this.items[--this.size];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= this.size) break;
      if (child + 1 < this.size && this.items[child + 1] < this.items[child]) child++;
      if (this.items[child] >= last) break;
      this.items[i] = this.items[child];
      i = child;
    }
    this.items[i] = last;
    return top;
  }
}
