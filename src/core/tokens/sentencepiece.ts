import { sharedWords } from '../shared-memory';
import { CHECK_BASIS, checkMatches, indexSlots } from './binary-file';
import type { TokenEngine } from './engine';
import { PackedSentencePieces, PIECE_END as END, PIECE_HASH_BASE, ShippedNeighbours, SPACE_CODE } from './piece-file';
import { codePointAt, isHighSurrogate, isLowSurrogate, ownCopy } from './strings';

// This module's own copies of another's constants, read in loops that run before V8 has compiled them:
// in the per-file build the tests and benchmarks run, another module's export is a property load each
// time (the index pass took nearly twice as long; the bundles hold them as variables either way).
const PIECE_END = END;
const HASH_BASE = PIECE_HASH_BASE;

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
/** The characters that some piece joins to a following `▁`. */
export const SPACE_JOINERS = '▁>';
const SPACE_MARK = '▁';

/**
 * The merges of a vocabulary in rank order, as Hugging Face's converter derives them from the
 * SentencePiece model: every split of a piece into two pieces is a merge; groups of pieces come in
 * score order (SentencePieceVocabulary.first, then id order), and within a group the merges run
 * from the longest left part to the shortest, then the longest right part, then by the piece's id.
 * The vocabulary build checks the result against the published merge list, merge by merge; the
 * engine finds a pair's rank when it meets the pair (MergeRanks), in this order.
 */
export function forEachMerge(vocabulary: PackedSentencePieces, visit: (left: number, right: number, merged: number) => void): void {
  const table = new PieceTable(vocabulary.units, vocabulary.size);
  for (const group of vocabulary.first) groupMerges(table, group, visit);
  const early = new Set(vocabulary.first.flat());
  for (let merged = 0; merged < table.size; merged++) {
    if (early.has(merged)) continue;
    splits(table, merged, (left, right) => visit(left, right, merged));
  }
}

/** The merges of pieces that share one score, in rank order. */
function groupMerges(table: PieceTable, group: readonly number[], visit: (left: number, right: number, merged: number) => void): void {
  const merges: { left: number; right: number; merged: number; leftLength: number; rightLength: number }[] = [];
  for (const merged of group) splits(table, merged, (left, right) => merges.push({ left, right, merged, leftLength: table.characterCount(left), rightLength: table.characterCount(right) }));
  merges.sort((a, b) => b.leftLength - a.leftLength || b.rightLength - a.rightLength || a.merged - b.merged);
  for (const { left, right, merged } of merges) visit(left, right, merged);
}

/** Visits a piece's splits into two pieces, the longest left part first. */
function splits(table: PieceTable, merged: number, visit: (left: number, right: number) => void): void {
  const piece = table.piece(merged);
  // Hashes of every prefix, then of the suffixes from the right, with the table's hash (no slices made).
  const prefixHashes = new Int32Array(piece.length);
  let hash = 0;
  for (let cut = 1; cut < piece.length; cut++) {
    hash = (Math.imul(hash, HASH_BASE) + piece.charCodeAt(cut - 1)) | 0;
    prefixHashes[cut] = hash;
  }
  let suffixHash = 0;
  let power = 1;
  for (let cut = piece.length - 1; cut > 0; cut--) {
    suffixHash = (suffixHash + Math.imul(piece.charCodeAt(cut), power)) | 0;
    power = Math.imul(power, HASH_BASE);
    if (isLowSurrogate(piece.charCodeAt(cut))) continue;
    const left = table.find(piece, 0, cut, prefixHashes[cut]);
    if (left < 0) continue;
    const right = table.find(piece, cut, piece.length, suffixHash);
    if (right >= 0) visit(left, right);
  }
}

/**
 * What a thread makes of the pieces on loading them (PieceTable's arrays and the pieces' neighbouring
 * characters), in shared memory where threads may share it. Another thread given it with the same
 * pieces uses it as it is, with no pass over the pieces of its own.
 */
export interface PieceIndex {
  readonly starts: Uint32Array;
  readonly slots: Uint32Array;
  /** The ids of the pieces that are one character. */
  readonly oneCharacter: Uint32Array;
  /** The most UTF-16 units a piece has. */
  readonly longest: number;
  readonly neighbours: NeighbourIndex;
}

/**
 * The pieces in their packed units, with an index by a polynomial hash of their n UTF-16 units
 * (Σ unit[i]·B^(n-1-i), one multiplication a unit), so that two pieces joined, or a piece's prefixes
 * and suffixes, are looked up from the parts' hashes without making a string for each.
 */
export class PieceTable {
  /** Piece i is units[starts[i], starts[i + 1] - 1): each is followed by its PIECE_END. */
  private readonly starts: Uint32Array;
  /** The most UTF-16 units a piece has. */
  readonly longest: number;
  /** The pieces that are one character, by its code point; and their ids, as PieceIndex holds them. */
  readonly oneCharacter = new Map<number, number>();
  private readonly oneCharacterIds: Uint32Array;
  /** B^i, for i up to the longest piece's length. */
  private readonly powers: Int32Array;
  /** Open addressing, at most half full: each slot a piece's id + 1, or 0 (so a new index needs no filling). */
  private readonly slots: Uint32Array;
  private readonly mask: number;

  /**
   * The `size` pieces packed in `units` (PackedSentencePieces), indexed in one pass over them, or with
   * the `index` another thread made of them. No array is kept that a lookup can do without (the pieces'
   * hashes: see hashOf), as new memory costs some machines more at its first write than the work done
   * in it. Indexing them checks them against `check` where it is given (see piecesCheck). Throws,
   * saying why, when they are not such pieces, fail that check or the index does not fit them.
   */
  constructor(
    private readonly units: Uint16Array,
    readonly size: number,
    index?: Omit<PieceIndex, 'neighbours'>,
    check?: number,
  ) {
    if (index === undefined) {
      const made = indexPieces(units, size);
      if (check !== undefined) checkMatches(made.check, check);
      index = made;
    } else if (
      index.starts.length !== size + 1 ||
      index.starts[size] !== units.length ||
      index.slots.length !== indexSlots(size) ||
      index.oneCharacter.some((id) => id >= size)
    ) {
      throw new Error('the index given with it does not fit it');
    }
    this.starts = index.starts;
    this.slots = index.slots;
    this.mask = index.slots.length - 1;
    this.oneCharacterIds = index.oneCharacter;
    for (const id of index.oneCharacter) this.oneCharacter.set(codePointAt(units[this.starts[id]], units[this.starts[id] + 1]), id);
    this.longest = index.longest;
    this.powers = new Int32Array(this.longest + 1);
    this.powers[0] = 1;
    for (let i = 1; i <= this.longest; i++) this.powers[i] = Math.imul(this.powers[i - 1], HASH_BASE);
  }

  /** The arrays, for another thread with the same pieces. */
  get index(): Omit<PieceIndex, 'neighbours'> {
    const { starts, slots, oneCharacterIds: oneCharacter, longest } = this;
    return { starts, slots, oneCharacter, longest };
  }

  /** Piece `id`'s length in UTF-16 units. */
  length(id: number): number {
    return this.starts[id + 1] - this.starts[id] - 1;
  }

  piece(id: number): string {
    return String.fromCharCode(...this.units.subarray(this.starts[id], this.starts[id + 1] - 1));
  }

  /** The piece that is text[from, to), given that part's hash, or -1. */
  find(text: string, from: number, to: number, hash: number): number {
    for (let slot = startSlot(hash, this.mask); ; slot = (slot + 1) & this.mask) {
      const id = this.slots[slot] - 1;
      if (id === -1 || (this.length(id) === to - from && this.holds(id, text, from, to))) return id;
    }
  }

  /** The piece that is pieces `left` and `right` joined, or -1. */
  joined(left: number, right: number): number {
    const leftLength = this.length(left);
    const rightLength = this.length(right);
    const length = leftLength + rightLength;
    if (length >= this.powers.length) return -1;
    const hash = (Math.imul(this.hashOf(left), this.powers[rightLength]) + this.hashOf(right)) | 0;
    for (let slot = startSlot(hash, this.mask); ; slot = (slot + 1) & this.mask) {
      const id = this.slots[slot] - 1;
      if (id === -1) return -1;
      if (this.length(id) === length && this.holdsPiece(id, 0, left) && this.holdsPiece(id, leftLength, right)) return id;
    }
  }

  /** Whether piece `id` starts with text[from, to). */
  private holds(id: number, text: string, from: number, to: number): boolean {
    const start = this.starts[id];
    for (let i = 0; i < to - from; i++) if (this.units[start + i] !== text.charCodeAt(from + i)) return false;
    return true;
  }

  /** Whether piece `id`, from its unit `at` on, holds piece `part`. */
  private holdsPiece(id: number, at: number, part: number): boolean {
    return sameUnits(this.units, this.starts[id] + at, this.starts[part], this.length(part));
  }

  /** Piece `id`'s hash, from its units (kept for no piece: a pair is joined here once, see MergeRanks). */
  private hashOf(id: number): number {
    const { units } = this;
    let hash = 0;
    for (let i = this.starts[id], end = this.starts[id + 1] - 1; i < end; i++) hash = (Math.imul(hash, HASH_BASE) + units[i]) | 0;
    return hash;
  }

  /** How many characters (code points) piece `id` has. */
  characterCount(id: number): number {
    let characters = 0;
    for (let i = this.starts[id], end = this.starts[id + 1] - 1; i < end; i++) if (!isLowSurrogate(this.units[i])) characters++;
    return characters;
  }
}

/** Where a piece's hash starts probing an index of `mask` + 1 slots. */
function startSlot(hash: number, mask: number): number {
  return (Math.imul(hash, 0x9e3779b1) >>> 0) & mask;
}

/** Whether units[a, a + length) and units[b, b + length) are the same. */
function sameUnits(units: Uint16Array, a: number, b: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (units[a + i] !== units[b + i]) return false;
  return true;
}

/**
 * PieceTable's arrays, made in one pass over the packed units. A function of its own, with every array
 * in a local, and a loop with no more branches than it needs: a thread's first pass over 1.7M units runs
 * mostly before V8 has compiled it, and a fused pass that also filed neighbouring characters took
 * longer than the two apart.
 */
function indexPieces(units: Uint16Array, size: number): Omit<PieceIndex, 'neighbours'> & { check: number } {
  if (units[units.length - 1] !== PIECE_END) throw new Error('its last piece has no end');
  const starts = sharedWords(size + 1);
  const oneCharacter: number[] = [];
  const slots = sharedWords(indexSlots(size));
  const mask = slots.length - 1;
  let id = 0;
  let hash = 0;
  let longest = 0;
  let check = CHECK_BASIS;
  for (let i = 0; i < units.length; i++) {
    const code = units[i];
    if (code !== PIECE_END) {
      hash = (Math.imul(hash, HASH_BASE) + code) | 0;
      continue;
    }
    const start = starts[id];
    const length = i - start;
    if (length === 0 || length > MAX_PIECE_UNITS) throw new Error(`its piece ${id} is ${length === 0 ? 'empty' : 'too long'}`);
    if (id === size) throw new Error(`it holds more pieces than the ${size} its header gives`);
    if (length > longest) longest = length;
    // One code point: one unit, or a surrogate pair (written out: in a first pass a call costs as much as the rest).
    if (length === 1 || (length === 2 && (units[start] & 0xfc00) === 0xd800 && (units[start + 1] & 0xfc00) === 0xdc00)) oneCharacter.push(id);
    starts[id + 1] = i + 1;
    check = Math.imul(check ^ hash, 0x01000193); // CHECK_PRIME
    for (let slot = startSlot(hash, mask); ; slot = (slot + 1) & mask) {
      const held = slots[slot] - 1;
      if (held === -1) {
        slots[slot] = id + 1;
        break;
      }
      // A merge's rank is found from the piece its pair joins into, which must be the only one.
      if (starts[held + 1] - starts[held] - 1 === length && sameUnits(units, starts[held], start, length)) throw new Error(`its piece ${id} repeats piece ${held}`);
    }
    id++;
    hash = 0;
  }
  if (id !== size) throw new Error(`it holds ${id} pieces, and its header gives ${size}`);
  const oneCharacterIds = sharedWords(oneCharacter.length);
  oneCharacterIds.set(oneCharacter);
  return { starts, slots, oneCharacter: oneCharacterIds, longest, check: check >>> 0 };
}

/** The most UTF-16 units a piece may have (Gemma 3's longest has 31). */
const MAX_PIECE_UNITS = 0xff;

/** The rank of a pair that is no merge: above every merge's. */
const NO_MERGE = 0x7fffffff;

/** Slots for the pairs MergeRanks remembers (4 MB): up to half of them used. */
const KNOWN_PAIRS = 1 << 18;

/** Where a pair of numbers (two pieces, two code points) starts probing a table of `mask` + 1 slots. */
function pairSlot(left: number, right: number, mask = KNOWN_PAIRS - 1): number {
  return (Math.imul(left, 0x9e3779b1) ^ Math.imul(right, 0x85ebca77)) >>> 0 & mask;
}

/**
 * Merge ranks, found when the engine meets a pair rather than derived for all 514,906 merges on load
 * (which took 0.5 s and 16 MB): two pieces merge when their texts joined are a piece, and ranks order
 * as forEachMerge lists the merges. The first groups' merges (1,396 for Gemma 3) are derived on load
 * and ranked first; after them each other piece's splits come in its id's place, the longest left
 * part first. A rank names its pair: the merged piece and the left part's length.
 */
export class MergeRanks {
  /** The first groups' merges (left · size + right → rank). */
  private readonly firstRanks = new Map<number, number>();
  private readonly inFirst: Uint8Array;
  /** Where the other pieces' ranks start, and how many each piece's splits span. */
  private readonly later: number;
  private readonly stride: number;
  /**
   * The pairs met lately (each slot's left piece + 1, or 0: so a new memory needs no filling), what they
   * merge into (-1: nothing) and its rank, in open addressing: a pair recurs in many words, and this takes
   * a fraction of the time of joining it in the piece table.
   */
  private readonly knownLefts = new Int32Array(KNOWN_PAIRS);
  private readonly knownRights = new Int32Array(KNOWN_PAIRS);
  private readonly knownMerged = new Int32Array(KNOWN_PAIRS);
  private readonly knownRanks = new Int32Array(KNOWN_PAIRS);
  private knownUsed = 0;

  constructor(
    private readonly table: PieceTable,
    first: readonly (readonly number[])[],
  ) {
    this.inFirst = new Uint8Array(table.size);
    for (const group of first) {
      for (const id of group) {
        if (id >= table.size) throw new Error(`its merge groups name piece ${id}, and it has ${table.size}`);
        this.inFirst[id] = 1;
      }
      groupMerges(table, group, (left, right) => this.firstRanks.set(left * table.size + right, this.firstRanks.size));
    }
    this.later = this.firstRanks.size;
    // A piece's splits are ranked by their left part's length, in units: the longer, the earlier.
    this.stride = table.longest;
    // heapMerge keys a rank with a position below 2^29 in one double.
    if (this.later + table.size * this.stride >= 2 ** 24) throw new Error('it has too many pieces, or too long ones, to rank');
  }

  /**
   * Where the pair is in the memory of pairs met lately, looked up and remembered when it is not there
   * (see mergedAt and rankAt).
   */
  find(left: number, right: number): number {
    const mask = KNOWN_PAIRS - 1;
    for (let slot = pairSlot(left, right); ; slot = (slot + 1) & mask) {
      const known = this.knownLefts[slot];
      if (known === 0) return this.learn(left, right, slot);
      if (known === left + 1 && this.knownRights[slot] === right) return slot;
    }
  }

  /** The piece the pair at `slot` (from find) merges into, or -1 when it is no merge. */
  mergedAt(slot: number): number {
    return this.knownMerged[slot];
  }

  /** The rank of the pair at `slot` (from find), or NO_MERGE when it is no merge. */
  rankAt(slot: number): number {
    return this.knownRanks[slot];
  }

  /** Joins a pair not met lately in the piece table, remembers the result and gives its slot. */
  private learn(left: number, right: number, slot: number): number {
    const merged = this.table.joined(left, right);
    if (++this.knownUsed * 2 > KNOWN_PAIRS) {
      // Full: it starts afresh (a bound on its memory; the pairs met since are what the text needs).
      this.knownLefts.fill(0);
      this.knownUsed = 1;
      slot = pairSlot(left, right);
    }
    this.knownLefts[slot] = left + 1;
    this.knownRights[slot] = right;
    this.knownMerged[slot] = merged;
    this.knownRanks[slot] = merged < 0 ? NO_MERGE : this.rank(left, right, merged);
    return slot;
  }

  private rank(left: number, right: number, merged: number): number {
    if (this.inFirst[merged] === 1) return this.firstRanks.get(left * this.table.size + right)!;
    return this.later + merged * this.stride + (this.stride - this.table.length(left));
  }
}

/**
 * The added tokens, for leftmost-longest matching, in the order of their UTF-16 units (as the file
 * ships them): the tokens that start with text[at, at + d) are a run of that list, those of them that go
 * on with text[at + d] a run within it, and one that is only text[at, at + d) comes first in it.
 */
class AddedTokens {
  /**
   * For each UTF-16 unit, the run of tokens that start with it (`runOf[unit]` - 1 indexes `runStarts` and
   * `runEnds`), or 0 when none does: looked up for every character of a text.
   */
  readonly runOf = new Uint8Array(0x10000);
  private readonly runStarts: number[] = [];
  private readonly runEnds: number[] = [];
  /**
   * For each UTF-16 unit, a bit for each of the first eight runs with a token that has it second: in most
   * texts what follows a `<` or a newline is no added token's second unit, and that is then known at once.
   */
  private readonly secondOf = new Uint8Array(0x10000);

  constructor(private readonly tokens: readonly string[]) {
    for (let i = 0; i < tokens.length; i++) {
      if (tokens[i] === '' || (i > 0 && tokens[i - 1] >= tokens[i])) throw new Error('its added tokens are not in order, or one is empty or repeated');
      const unit = tokens[i].charCodeAt(0);
      if (this.runOf[unit] === 0) {
        if (this.runStarts.length === 0xff) throw new Error('its added tokens start with too many characters');
        this.runStarts.push(i);
        this.runEnds.push(i);
        this.runOf[unit] = this.runStarts.length;
      }
      const run = this.runOf[unit];
      this.runEnds[run - 1] = i + 1;
      if (run <= 8 && tokens[i].length > 1) this.secondOf[tokens[i].charCodeAt(1)] |= 1 << (run - 1);
    }
  }

  /** The length of the longest added token at text[at], or 0. */
  longestAt(text: string, at: number): number {
    const run = this.runOf[text.charCodeAt(at)];
    if (run === 0) return 0;
    const { tokens } = this;
    let longest = 0;
    let low = this.runStarts[run - 1];
    let high = this.runEnds[run - 1];
    if (run <= 8 && (this.secondOf[text.charCodeAt(at + 1)] & (1 << (run - 1))) === 0) return tokens[low].length === 1 ? 1 : 0;
    for (let depth = 1; low < high; depth++) {
      // tokens[low, high) are those that start with text[at, at + depth).
      if (tokens[low].length === depth) {
        longest = depth;
        low++;
      }
      if (at + depth === text.length) break;
      const unit = text.charCodeAt(at + depth);
      low = this.firstFrom(low, high, depth, unit);
      high = this.firstFrom(low, high, depth, unit + 1);
    }
    return longest;
  }

  /** The first of tokens[low, high) whose unit at `depth` is `unit` or above (all have one there, in order), or `high`. */
  private firstFrom(low: number, high: number, depth: number, unit: number): number {
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.tokens[middle].charCodeAt(depth) < unit) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

/** Words seen are remembered up to this many (or CACHE_CHARS); then the memory starts afresh. */
const CACHE_LIMIT = 250_000;
/** Or this many characters in all, so that what it holds is bounded in bytes too (as the byte-pair engines' piece memory). */
const CACHE_CHARS = 1 << 20;
/** Words longer than this are not cached (a long word is rare and costly to keep). */
const CACHED_LENGTH = 256;
/** Words of at most this many pieces are merged by scanning; longer ones on a heap. */
const SCAN_LIMIT = 48;

/**
 * The engine for a packed vocabulary, with the `index` another thread made of the same pieces (its
 * engine's), or an index of its own.
 */
export function sentencePieceEngine(vocabulary: PackedSentencePieces, index?: PieceIndex): TokenEngine {
  const pieces = new PieceTable(vocabulary.units, vocabulary.size, index, vocabulary.check);
  const ranks = new MergeRanks(pieces, vocabulary.first);
  const added = new AddedTokens(vocabulary.added);
  const startsAdded = added.runOf; // looked up for every character
  const { asciiIds, otherIds } = characterIds(pieces);
  const cache = new Map<string, number>();
  let cachedChars = 0;
  const neighbours = index ? Neighbours.given(index.neighbours) : Neighbours.shipped(vocabulary.neighbours);

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
      if (isHighSurrogate(code) && i + 1 < segment.length && isLowSurrogate(segment.charCodeAt(i + 1))) code = codePointAt(code, segment.charCodeAt(++i));
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

  const mergedLength = (ids: number[]): number => (ids.length < 2 ? ids.length : ids.length <= SCAN_LIMIT ? scanMerge(ranks, ids) : heapMerge(ranks, ids));

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
      // (Checked here first: this runs for every character, and a call for each costs the count several percent.)
      if (isHighSurrogate(code) && i + 1 < to) code = codePointAt(code, text.charCodeAt(i + 1));
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
    index: { ...pieces.index, neighbours: neighbours.index },
    count(text) {
      let tokens = 0;
      let stretch = 0;
      for (let i = 0; i < text.length; ) {
        const length = startsAdded[text.charCodeAt(i)] === 0 ? 0 : added.longestAt(text, i);
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

/** The ids of the pieces that are one character: all counting looks up, the space as `▁`'s. */
function characterIds(pieces: PieceTable): { asciiIds: Int32Array; otherIds: ReadonlyMap<number, number> } {
  const asciiIds = new Int32Array(128).fill(-1);
  for (let code = 0; code < 128; code++) asciiIds[code] = pieces.oneCharacter.get(code) ?? -1;
  asciiIds[32] = pieces.oneCharacter.get(SPACE_MARK.codePointAt(0)!) ?? -1;
  return { asciiIds, otherIds: pieces.oneCharacter };
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

/** Neighbours' arrays (see PieceIndex). */
export interface NeighbourIndex {
  /** Pairs of ASCII characters, at before · 128 + code: 1 where some piece holds them side by side. */
  readonly ascii: Uint8Array;
  /** Other pairs (CodePointPairs). */
  readonly befores: Int32Array;
  readonly codes: Int32Array;
}

/** Which characters some piece holds side by side: only across such a pair can a token span. */
class Neighbours {
  private constructor(
    private readonly ascii: Uint8Array,
    private readonly other: CodePointPairs,
  ) {}

  /** Another thread's, as it is. */
  static given({ ascii, befores, codes }: NeighbourIndex): Neighbours {
    const powerOfTwo = befores.length > 0 && (befores.length & (befores.length - 1)) === 0;
    if (ascii.length !== 128 * 128 || codes.length !== befores.length || !powerOfTwo) throw new Error('the index given with it does not fit it');
    return new Neighbours(ascii, new CodePointPairs(befores, codes));
  }

  /** From the pairs the file ships: the ASCII ones as they are, the others filed in a set of their own. */
  static shipped({ ascii, pairs }: ShippedNeighbours): Neighbours {
    const other = new CodePointPairs(pairs.length / 2);
    for (let i = 0; i < pairs.length; i += 2) other.add(pairs[i], pairs[i + 1]);
    return new Neighbours(ascii, other);
  }

  get index(): NeighbourIndex {
    return { ascii: this.ascii, ...this.other.arrays };
  }

  has(before: number, code: number): boolean {
    return before < 128 && code < 128 ? this.ascii[before * 128 + code] === 1 : this.other.has(before, code);
  }
}

/**
 * A set of pairs of code points, in open addressing over typed arrays, at most half full (a Set of
 * numbers keyed `before · 0x110000 + code` boxes each key above 2^30, and took three times as long
 * to fill).
 */
class CodePointPairs {
  private readonly befores: Int32Array;
  private readonly codes: Int32Array;

  /** An empty set with room for `room` pairs, or the arrays of another thread's set (which is then only read). */
  constructor(room: number);
  constructor(befores: Int32Array, codes: Int32Array);
  constructor(room: number | Int32Array, codes?: Int32Array) {
    if (typeof room === 'number') {
      const slots = indexSlots(room);
      this.befores = pairArray(slots).fill(-1);
      this.codes = pairArray(slots);
    } else {
      this.befores = room;
      this.codes = codes!;
    }
  }

  get arrays(): { befores: Int32Array; codes: Int32Array } {
    return { befores: this.befores, codes: this.codes };
  }

  /** Adds a pair (no more than the room it was made with). */
  add(before: number, code: number): void {
    const slot = this.slot(before, code);
    this.befores[slot] = before;
    this.codes[slot] = code;
  }

  has(before: number, code: number): boolean {
    return this.befores[this.slot(before, code)] !== -1;
  }

  /** The slot holding the pair, or the empty one where it would go. */
  private slot(before: number, code: number): number {
    const mask = this.befores.length - 1;
    for (let slot = pairSlot(before, code, mask); ; slot = (slot + 1) & mask) {
      const held = this.befores[slot];
      if (held === -1 || (held === before && this.codes[slot] === code)) return slot;
    }
  }
}

/** `length` zeroed 32-bit integers, in shared memory where it may be. */
function pairArray(length: number): Int32Array {
  return new Int32Array(sharedWords(length).buffer);
}


function utf8Length(code: number): number {
  return code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
}

/** Scratch space for scanMerge: each adjacent pair's rank and merged piece. */
const pairRanks = new Int32Array(SCAN_LIMIT);
const pairMerged = new Int32Array(SCAN_LIMIT);

/**
 * Merging by repeated scans for the lowest-ranked pair, keeping each pair's rank and updating only the
 * two pairs a merge changes: quadratic, and fastest for short words.
 */
function scanMerge(ranks: MergeRanks, ids: number[]): number {
  let length = ids.length;
  const rate = (i: number) => {
    const slot = ranks.find(ids[i], ids[i + 1]);
    pairRanks[i] = ranks.rankAt(slot);
    pairMerged[i] = ranks.mergedAt(slot);
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
function heapMerge(ranks: MergeRanks, given: number[]): number {
  const n = given.length;
  const ids = Int32Array.from(given);
  const next = Int32Array.from({ length: n }, (_, i) => (i + 1 < n ? i + 1 : -1));
  const prev = Int32Array.from({ length: n }, (_, i) => i - 1);
  const heap = new MinHeap(n);
  // Above any position in a string (V8's are below 2^29), and with a rank (below 2^24) within a double's exact integers.
  const POSITIONS = 2 ** 29;
  const push = (at: number) => {
    const after = next[at];
    if (after < 0) return;
    const slot = ranks.find(ids[at], ids[after]);
    if (ranks.mergedAt(slot) >= 0) heap.push(ranks.rankAt(slot) * POSITIONS + at);
  };
  for (let i = 0; i + 1 < n; i++) push(i);
  let length = n;
  while (heap.size > 0) {
    const key = heap.pop();
    const at = key % POSITIONS;
    const rank = (key - at) / POSITIONS;
    const after = next[at];
    if (ids[at] < 0 || after < 0) continue;
    const slot = ranks.find(ids[at], ids[after]);
    if (ranks.mergedAt(slot) < 0 || ranks.rankAt(slot) !== rank) continue;
    ids[at] = ranks.mergedAt(slot);
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
