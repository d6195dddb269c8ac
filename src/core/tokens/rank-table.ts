// A byte-pair encoding's ranks as one binary block (dist/ranks/<encoding>.bin), made at build time:
// each token's length (small numbers, which compress well in the .vsix) and all tokens' bytes in rank
// order. Loading it is a check, a few views and a hash index in one typed array, not a parse into a
// Map of strings. The block, and the index once one thread has made it, can be shared between threads
// as they are (SharedArrayBuffers): a thread given both reads the table without a copy or an index of
// its own.
//
// Layout, little-endian, every part 4-byte aligned:
//   header   8 × u32: magic, version, tokens (N), byte length (B), check, 0, 0, 0
//   lengths  N × u16: how many bytes token i has (0: a hole, no token), then zeros up to a multiple of 4
//   bytes    B × u8, the tokens' bytes in rank order, then zeros up to a multiple of 4
// The check chains every token's hash in rank order (a hole's is the hash of no bytes), as indexing
// makes them (see binary-file.ts); the lengths are checked by adding up to B and by where they cut, and
// the padding by being zeros.
import { sharedWords } from '../shared-memory';
import { aligned, CHECK_BASIS, CHECK_WORD, checkFileSize, checkMatches, checkPadding, fileHeader, HEADER_WORDS, runSteps, WORDS_PER_STEP } from './binary-file';
import { byteString } from './strings';

/** A byte-pair tokenizer's merge table: entry i is the text (or, where it is not valid UTF-8, the bytes) of token i. */
export type RankTable = readonly (string | readonly number[] | null | undefined)[];

/** The encodings shipped as binary rank tables (Gemma 3's SentencePiece vocabulary is not byte-pair ranks). */
export const BYTE_PAIR_TABLES = ['o200k_base', 'cl100k_base', 'llama3', 'llama4', 'tekken', 'claude'] as const;

const MAGIC = 0x54525842; // "BXRT"
export const RANK_TABLE_VERSION = 2;

/**
 * What a thread makes of a table on loading it: each token's offset in the table's bytes (`starts`,
 * one more than the tokens) and the hash index (`slots`, see BinaryRanks). Another thread given them
 * with the same table uses them as they are.
 */
export interface RankIndex {
  readonly starts: Uint32Array;
  readonly slots: Uint32Array;
}

/** The rank of a byte sequence, the bytes held as the characters U+0000–U+00FF. */
export interface RankLookup {
  /** The rank of bytes[from, to) as one token, or -1 when no token is those bytes. */
  rank(bytes: string, from: number, to: number): number;
}

// A slot of the index holds rank + 1 in its low RANK_BITS (0: empty) and, above them, a fingerprint of
// the token's hash: a probe that meets another token is told apart by the fingerprint, mostly without
// reading that token's offsets and bytes, so the index can be four-fifths full and half the size.
const RANK_BITS = 18;
const RANK_MASK = (1 << RANK_BITS) - 1;
/** The most tokens a table may hold: the last one's rank + 1 must fit in RANK_BITS. */
export const MOST_TOKENS = RANK_MASK;

/** The fingerprint of a token whose hash is `hash`, or the one a slot holds: the bits above the rank. */
function fingerprint(hash: number): number {
  return hash >>> RANK_BITS;
}

/** The rank a filled slot names. */
function rankIn(slot: number): number {
  return (slot & RANK_MASK) - 1;
}

/** How many slots the index of `tokens` has: the least power of two (at least 2) that keeps it at most four-fifths full. */
export function rankSlots(tokens: number): number {
  let slots = 2;
  while (slots * 4 < tokens * 5) slots *= 2;
  return slots;
}

/** How many tokens are indexed between two pauses (see readRankTableInSteps): about 2 ms in a fresh thread. */
const TOKENS_PER_STEP = 1 << 10;

/** The binary table of `ranks` (at build time). */
export function encodeRankTable(ranks: RankTable): Uint8Array {
  const tokens = ranks.map((entry) => (entry === null || entry === undefined ? '' : typeof entry === 'string' ? byteString(entry) : String.fromCharCode(...entry)));
  const byteLength = tokens.reduce((sum, token) => sum + token.length, 0);
  const longest = tokens.reduce((most, token) => Math.max(most, token.length), 0);
  if (longest > 0xffff) throw new Error(`a token of ${longest} bytes is too long for a rank table`);
  if (tokens.length > MOST_TOKENS) throw new Error(`${tokens.length} tokens are more than a rank table holds (${MOST_TOKENS})`);
  const buffer = new ArrayBuffer(tableSize(tokens.length, byteLength));
  const words = new Uint32Array(buffer);
  const lengths = new Uint16Array(buffer, 4 * HEADER_WORDS, tokens.length);
  const bytes = new Uint8Array(buffer, bytesOffset(tokens.length), byteLength);
  let at = 0;
  tokens.forEach((token, rank) => {
    lengths[rank] = token.length;
    for (let i = 0; i < token.length; i++) bytes[at++] = token.charCodeAt(i);
  });
  words.set([MAGIC, RANK_TABLE_VERSION, tokens.length, byteLength, 0, 0, 0, 0]);
  words[CHECK_WORD] = runSteps(indexTable(new Uint8Array(buffer), tokens.length, byteLength)).check;
  return new Uint8Array(buffer);
}

/**
 * Reads a binary table: views into `data` (copied only when it is not 4-byte aligned), and an index and
 * offsets of its own, or those `index` gives (made by another thread from the same table, which checked
 * it: a table given with its index is not checked again). Throws, saying what is wrong, when it is not
 * one: too short, another format or version, sizes that do not add up, a failed check, or an index
 * that does not fit it.
 */
export function readRankTable(data: Uint8Array, index?: RankIndex): BinaryRanks {
  return runSteps(readRankTableInSteps(data, index));
}

/**
 * readRankTable, pausing (yielding) every few milliseconds' work, so that a thread that must stay
 * responsive (the extension host) can load a table between other work.
 */
export function* readRankTableInSteps(data: Uint8Array, index?: RankIndex): Generator<void, BinaryRanks> {
  data = aligned(data);
  const header = fileHeader(data, 'a rank table', MAGIC, RANK_TABLE_VERSION);
  const [, , tokens, byteLength] = header;
  if (tokens > MOST_TOKENS) throw new Error(`it holds ${tokens} tokens, more than a rank table can (${MOST_TOKENS})`);
  checkFileSize(data, tableSize(tokens, byteLength));
  if (index) {
    const { starts, slots } = index;
    if (starts.length !== tokens + 1 || starts[tokens] !== byteLength || slots.length !== rankSlots(tokens)) throw new Error('the index given with it does not fit it');
    return new BinaryRanks(starts, tableBytes(data, tokens, byteLength), slots);
  }
  checkPadding(data, 4 * HEADER_WORDS + 2 * tokens, bytesOffset(tokens));
  checkPadding(data, bytesOffset(tokens) + byteLength, data.byteLength);
  const { ranks, check } = yield* indexTable(data, tokens, byteLength);
  checkMatches(check, header[CHECK_WORD]);
  return ranks;
}

/** A table's offsets and index, made in steps, and the check its tokens give. */
function* indexTable(data: Uint8Array, tokens: number, byteLength: number): Generator<void, { ranks: BinaryRanks; check: number }> {
  const lengths = new Uint16Array(data.buffer, data.byteOffset + 4 * HEADER_WORDS, tokens);
  const starts = sharedWords(tokens + 1);
  for (let i = 0; i < tokens; i = Math.min(tokens, i + WORDS_PER_STEP)) {
    addUp(lengths, starts, i, Math.min(tokens, i + WORDS_PER_STEP));
    yield;
  }
  if (starts[tokens] !== byteLength) throw new Error("its tokens' lengths do not add up to its bytes: it is damaged");
  const ranks = new BinaryRanks(starts, tableBytes(data, tokens, byteLength), sharedWords(rankSlots(tokens)));
  const check = yield* ranks.indexing();
  return { ranks, check };
}

/** Each token's offset from the lengths before it, for tokens [from, to). */
function addUp(lengths: Uint16Array, starts: Uint32Array, from: number, to: number): void {
  for (let i = from; i < to; i++) starts[i + 1] = starts[i] + lengths[i];
}

function tableBytes(data: Uint8Array, tokens: number, byteLength: number): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset + bytesOffset(tokens), byteLength);
}

function bytesOffset(tokens: number): number {
  return 4 * HEADER_WORDS + Math.ceil(tokens / 2) * 4;
}

function tableSize(tokens: number, byteLength: number): number {
  return bytesOffset(tokens) + Math.ceil(byteLength / 4) * 4;
}

/**
 * A table's tokens, looked up through an index: open addressing with linear probes, at most
 * four-fifths full, each slot a rank + 1 and its token's fingerprint (0: empty, so that a new index
 * needs no filling before use). Usable once `indexing()` has run to its end, or at once with an index
 * made before.
 */
export class BinaryRanks implements RankLookup {
  private readonly mask: number;
  private readonly shift: number;

  constructor(
    private readonly starts: Uint32Array,
    private readonly bytes: Uint8Array,
    private readonly slots: Uint32Array,
  ) {
    this.mask = slots.length - 1;
    this.shift = Math.clz32(slots.length) + 1; // 32 less the index's bits
  }

  /** The offsets and index, for another thread with the same table (see readRankTable). */
  get index(): RankIndex {
    return { starts: this.starts, slots: this.slots };
  }

  /** Indexes the tokens, pausing every TOKENS_PER_STEP, and gives the check their hashes chain into (see binary-file.ts). */
  *indexing(): Generator<void, number> {
    const { size, slots } = this;
    // The index's memory is first written a part a step: a new array's pages are mapped in at their
    // first write, which the inserts, scattered over all of them, would otherwise pay in one step.
    for (let at = 0; at < slots.length; at += WORDS_PER_STEP) {
      slots.fill(0, at, at + WORDS_PER_STEP);
      yield;
    }
    let check = CHECK_BASIS;
    for (let rank = 0; rank < size; rank = Math.min(size, rank + TOKENS_PER_STEP)) {
      check = this.indexRun(rank, Math.min(size, rank + TOKENS_PER_STEP), check);
      yield;
    }
    return check >>> 0;
  }

  /** Indexes tokens [from, to) and gives `check` gone on with their hashes. A token met twice keeps the later rank, as a Map would. */
  private indexRun(from: number, to: number, check: number): number {
    const { starts, bytes } = this;
    for (let rank = from; rank < to; rank++) {
      const start = starts[rank];
      const end = starts[rank + 1];
      let hash = 0x811c9dc5;
      for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i], 0x01000193);
      check = Math.imul(check ^ hash, 0x01000193); // CHECK_PRIME (see sentencepiece.ts on other modules' constants)
      if (end > start) this.insert(rank, start, end - start, hash);
    }
    return check;
  }

  /** How many tokens the table holds (holes included). */
  get size(): number {
    return this.starts.length - 1;
  }

  rank(text: string, from: number, to: number): number {
    // Hashed as indexRun hashes the table's bytes, which the text holds as characters U+0000–U+00FF.
    let hash = 0x811c9dc5;
    for (let i = from; i < to; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
    const print = fingerprint(hash);
    for (let slot = this.firstSlot(hash); ; slot = (slot + 1) & this.mask) {
      const held = this.slots[slot];
      if (held === 0) return -1;
      if (fingerprint(held) === print && this.is(rankIn(held), text, from, to)) return rankIn(held);
    }
  }

  /** Where a token whose hash is `hash` starts probing the index. */
  private firstSlot(hash: number): number {
    return Math.imul(hash, 0x9e3779b1) >>> this.shift;
  }

  /** Whether token `rank` is text[from, to). */
  private is(rank: number, text: string, from: number, to: number): boolean {
    const start = this.starts[rank];
    const length = to - from;
    if (this.starts[rank + 1] - start !== length) return false;
    for (let i = 0; i < length; i++) if (this.bytes[start + i] !== text.charCodeAt(from + i)) return false;
    return true;
  }

  /** Whether token `rank` is the `length` bytes at `start`. */
  private sameBytes(rank: number, start: number, length: number): boolean {
    const { starts, bytes } = this;
    const from = starts[rank];
    if (starts[rank + 1] - from !== length) return false;
    for (let i = 0; i < length; i++) if (bytes[from + i] !== bytes[start + i]) return false;
    return true;
  }

  /** Puts a token (the `length` bytes at `start`, whose hash is `hash`) in its slot, or gives the slot of an equal token its rank. */
  private insert(rank: number, start: number, length: number, hash: number): void {
    const print = fingerprint(hash);
    // firstSlot, fingerprint and rankIn written out: a load's one pass runs mostly before V8 has
    // compiled it, where each call costs (measured: about 2 ms of o200k_base's load).
    for (let slot = Math.imul(hash, 0x9e3779b1) >>> this.shift; ; slot = (slot + 1) & this.mask) {
      const held = this.slots[slot];
      if (held === 0 || (held >>> RANK_BITS === print && this.sameBytes((held & RANK_MASK) - 1, start, length))) {
        this.slots[slot] = ((print << RANK_BITS) | (rank + 1)) >>> 0;
        return;
      }
    }
  }
}
