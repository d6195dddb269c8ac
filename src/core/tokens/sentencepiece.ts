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

/**
 * The vocabulary as shipped (dist/ranks/gemma3.json): the pieces as one text, each ended by U+FFFF.
 * Held as 262,144 strings they took about 0.2 s to decode and parse and 14 MB of heap; as one text,
 * about a quarter of the time and 2.6 MB.
 */
export interface PackedSentencePieces extends Omit<SentencePieceVocabulary, 'pieces'> {
  pieces: string;
}

/** Ends each piece in the packed text: a noncharacter, which no piece holds and JSON writes as it is. */
const PIECE_END = 0xffff;
const PIECE_END_CHAR = String.fromCharCode(PIECE_END);

/** The characters that some piece joins to a following `▁`. */
export const SPACE_JOINERS = '▁>';
const SPACE_MARK = '▁';

/** The shipped form of a vocabulary (at build time). */
export function packSentencePieces({ pieces, added, first }: SentencePieceVocabulary): PackedSentencePieces {
  if (pieces.some((piece) => piece.length === 0 || piece.includes(PIECE_END_CHAR))) throw new Error('a piece is empty or holds U+FFFF');
  return { pieces: pieces.map((piece) => piece + PIECE_END_CHAR).join(''), added, first };
}

/** Throws unless `data` has the shape of a PackedSentencePieces. */
export function checkPackedSentencePieces(data: unknown): asserts data is PackedSentencePieces {
  const v = data as Partial<PackedSentencePieces> | null;
  if (!v || typeof v !== 'object' || typeof v.pieces !== 'string' || v.pieces.charCodeAt(v.pieces.length - 1) !== PIECE_END) {
    throw new Error('it has no pieces (one text, each piece ended by U+FFFF)');
  }
  if (!Array.isArray(v.added) || !v.added.every((s) => typeof s === 'string')) throw new Error('it has no list of added tokens');
  if (!Array.isArray(v.first) || !v.first.every((group) => Array.isArray(group) && group.every((id) => Number.isInteger(id) && id >= 0))) {
    throw new Error('its merge groups are not lists of piece ids');
  }
}

/**
 * The merges of a vocabulary in rank order, as Hugging Face's converter derives them from the
 * SentencePiece model: every split of a piece into two pieces is a merge; groups of pieces come in
 * score order (SentencePieceVocabulary.first, then id order), and within a group the merges run
 * from the longest left part to the shortest, then the longest right part, then by the piece's id.
 * The vocabulary build checks the result against the published merge list, merge by merge; the
 * engine finds a pair's rank when it meets the pair (MergeRanks), in this order.
 */
export function forEachMerge(vocabulary: PackedSentencePieces, visit: (left: number, right: number, merged: number) => void): void {
  const table = new PieceTable(vocabulary.pieces);
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
  for (const merged of group) splits(table, merged, (left, right) => merges.push({ left, right, merged, leftLength: table.characters[left], rightLength: table.characters[right] }));
  merges.sort((a, b) => b.leftLength - a.leftLength || b.rightLength - a.rightLength || a.merged - b.merged);
  for (const { left, right, merged } of merges) visit(left, right, merged);
}

/** Visits a piece's splits into two pieces, the longest left part first. */
function splits(table: PieceTable, merged: number, visit: (left: number, right: number) => void): void {
  const piece = table.piece(merged);
  // Hashes of every prefix, then of the suffixes from the right, with the table's hash (no slices made).
  const prefixHashes = new Int32Array(piece.length);
  let hash = 0;
  let power = 1;
  for (let cut = 1; cut < piece.length; cut++) {
    hash = (hash + Math.imul(piece.charCodeAt(cut - 1), power)) | 0;
    power = Math.imul(power, HASH_BASE);
    prefixHashes[cut] = hash;
  }
  let suffixHash = 0;
  for (let cut = piece.length - 1; cut > 0; cut--) {
    suffixHash = (piece.charCodeAt(cut) + Math.imul(suffixHash, HASH_BASE)) | 0;
    if (isLowSurrogate(piece.charCodeAt(cut))) continue;
    const left = table.find(piece, 0, cut, prefixHashes[cut]);
    if (left < 0) continue;
    const right = table.find(piece, cut, piece.length, suffixHash);
    if (right >= 0) visit(left, right);
  }
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

const HASH_BASE = 0x01000193;

/**
 * The pieces in their packed text, with an index by a polynomial hash of their UTF-16 units
 * (Σ unit[i]·B^i), so that two pieces joined, or a piece's prefixes and suffixes, are looked up from
 * the parts' hashes without making a string for each.
 */
export class PieceTable {
  readonly size: number;
  /** Piece i is text[starts[i], starts[i + 1] - 1): each is followed by its PIECE_END. */
  private readonly starts: Uint32Array;
  private readonly hashes: Int32Array;
  /** How many characters (code points) each piece has. */
  readonly characters: Uint8Array;
  /** The most characters a piece has. */
  readonly longest: number;
  /** B^i, for i up to the longest piece's length. */
  private readonly powers: Int32Array;
  /** Open addressing, at most half full: each slot a piece's id, or -1. */
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(private readonly text: string) {
    let size = 0;
    for (let end = text.indexOf(PIECE_END_CHAR); end >= 0; end = text.indexOf(PIECE_END_CHAR, end + 1)) size++;
    this.size = size;
    this.starts = new Uint32Array(size + 1);
    this.hashes = new Int32Array(size);
    this.characters = new Uint8Array(size);
    let id = 0;
    let hash = 0;
    let power = 1;
    let characters = 0;
    let longestUnits = 0;
    let longest = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === PIECE_END) {
        const units = i - this.starts[id];
        if (units === 0 || characters > 0xff) throw new Error(`its piece ${id} is ${units === 0 ? 'empty' : 'too long'}`);
        longestUnits = Math.max(longestUnits, units);
        longest = Math.max(longest, characters);
        this.hashes[id] = hash;
        this.characters[id] = characters;
        this.starts[++id] = i + 1;
        hash = 0;
        power = 1;
        characters = 0;
        continue;
      }
      hash = (hash + Math.imul(code, power)) | 0;
      power = Math.imul(power, HASH_BASE);
      if (!isLowSurrogate(code)) characters++;
    }
    this.longest = longest;
    this.powers = new Int32Array(longestUnits + 1);
    this.powers[0] = 1;
    for (let i = 1; i <= longestUnits; i++) this.powers[i] = Math.imul(this.powers[i - 1], HASH_BASE);
    let slots = 1;
    while (slots < size * 2) slots *= 2;
    this.slots = new Int32Array(slots).fill(-1);
    this.mask = slots - 1;
    for (let piece = 0; piece < size; piece++) this.insert(piece);
  }

  /** Piece `id`'s length in UTF-16 units. */
  length(id: number): number {
    return this.starts[id + 1] - this.starts[id] - 1;
  }

  piece(id: number): string {
    return this.text.slice(this.starts[id], this.starts[id + 1] - 1);
  }

  /** Piece `id`'s first code point. */
  codePoint(id: number): number {
    return this.text.codePointAt(this.starts[id])!;
  }

  /** The piece that is text[from, to), given that part's hash, or -1. */
  find(text: string, from: number, to: number, hash: number): number {
    for (let slot = this.startSlot(hash); ; slot = (slot + 1) & this.mask) {
      const id = this.slots[slot];
      if (id === -1 || (this.length(id) === to - from && this.holds(id, 0, text, from, to))) return id;
    }
  }

  /** The piece that is pieces `left` and `right` joined, or -1. */
  joined(left: number, right: number): number {
    const leftLength = this.length(left);
    const length = leftLength + this.length(right);
    if (length >= this.powers.length) return -1;
    const hash = (this.hashes[left] + Math.imul(this.hashes[right], this.powers[leftLength])) | 0;
    const { text, starts } = this;
    for (let slot = this.startSlot(hash); ; slot = (slot + 1) & this.mask) {
      const id = this.slots[slot];
      if (id === -1) return -1;
      if (this.length(id) === length && this.holds(id, 0, text, starts[left], starts[left] + leftLength) && this.holds(id, leftLength, text, starts[right], starts[right + 1] - 1)) return id;
    }
  }

  /** Whether piece `id`, from its unit `at` on, starts with text[from, to). */
  private holds(id: number, at: number, text: string, from: number, to: number): boolean {
    const start = this.starts[id] + at;
    for (let i = 0; i < to - from; i++) if (this.text.charCodeAt(start + i) !== text.charCodeAt(from + i)) return false;
    return true;
  }

  private startSlot(hash: number): number {
    return (Math.imul(hash, 0x9e3779b1) >>> 0) & this.mask;
  }

  private insert(id: number): void {
    const start = this.starts[id];
    for (let slot = this.startSlot(this.hashes[id]); ; slot = (slot + 1) & this.mask) {
      const held = this.slots[slot];
      if (held === -1) {
        this.slots[slot] = id;
        return;
      }
      // A merge's rank is found from the piece its pair joins into, which must be the only one.
      if (this.length(held) === this.length(id) && this.holds(held, 0, this.text, start, start + this.length(id))) throw new Error(`its piece ${id} repeats piece ${held}`);
    }
  }
}

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
   * The pairs met lately, what they merge into (-1: nothing) and its rank, in open addressing: a pair
   * recurs in many words, and this takes a fraction of the time of joining it in the piece table.
   */
  private readonly knownLefts = new Int32Array(KNOWN_PAIRS).fill(-1);
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
      if (known === -1) return this.learn(left, right, slot);
      if (known === left && this.knownRights[slot] === right) return slot;
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
      this.knownLefts.fill(-1);
      this.knownUsed = 1;
      slot = pairSlot(left, right);
    }
    this.knownLefts[slot] = left;
    this.knownRights[slot] = right;
    this.knownMerged[slot] = merged;
    this.knownRanks[slot] = merged < 0 ? NO_MERGE : this.rank(left, right, merged);
    return slot;
  }

  private rank(left: number, right: number, merged: number): number {
    if (this.inFirst[merged] === 1) return this.firstRanks.get(left * this.table.size + right)!;
    return this.later + merged * this.stride + (this.stride - this.table.characters[left]);
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

export function sentencePieceEngine(vocabulary: PackedSentencePieces): TokenEngine {
  const pieces = new PieceTable(vocabulary.pieces);
  const ranks = new MergeRanks(pieces, vocabulary.first);
  const added = addedTrie(vocabulary.added);
  // Looked up for every character, so a table rather than the trie's map.
  const startsAdded = new Uint8Array(0x10000);
  for (const unit of added.next.keys()) startsAdded[unit] = 1;
  const { asciiIds, otherIds } = characterIds(pieces);
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

/** The ids of the pieces that are one character: all counting looks up, the space as `▁`'s. */
function characterIds(pieces: PieceTable): { asciiIds: Int32Array; otherIds: Map<number, number> } {
  const asciiIds = new Int32Array(128).fill(-1);
  const otherIds = new Map<number, number>();
  for (let id = 0; id < pieces.size; id++) {
    if (pieces.characters[id] !== 1) continue;
    const code = pieces.codePoint(id);
    if (code < 128) {
      asciiIds[code] = id;
    } else otherIds.set(code, id);
  }
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
  private readonly other = new CodePointPairs();

  /** From the packed pieces (PackedSentencePieces.pieces). */
  constructor(pieces: string) {
    let before = -1;
    for (let i = 0; i < pieces.length; i++) {
      let code = pieces.codePointAt(i)!;
      if (code === PIECE_END) {
        before = -1;
        continue;
      }
      if (code > 0xffff) i++;
      // `▁` is filed under the space it stands for (the text's spaces are read as `▁`). A piece
      // holding a real space then only adds pairs: fewer cuts, never a wrong one.
      if (code === SPACE_CODE) code = 32;
      if (before >= 0) {
        if (before < 128 && code < 128) this.ascii[before * 128 + code] = 1;
        else this.other.add(before, code);
      }
      before = code;
    }
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
  private befores = new Int32Array(1 << 10).fill(-1);
  private codes = new Int32Array(1 << 10);
  private used = 0;

  add(before: number, code: number): void {
    const slot = this.slot(before, code);
    if (this.befores[slot] !== -1) return;
    this.befores[slot] = before;
    this.codes[slot] = code;
    if (++this.used * 2 > this.befores.length) this.grow();
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

  private grow(): void {
    const { befores, codes } = this;
    this.befores = new Int32Array(befores.length * 2).fill(-1);
    this.codes = new Int32Array(codes.length * 2);
    this.used = 0;
    for (let i = 0; i < befores.length; i++) if (befores[i] !== -1) this.add(befores[i], codes[i]);
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
