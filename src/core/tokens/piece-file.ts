// Gemma 3's vocabulary as it is packed and shipped (dist/ranks/gemma3.bin, made at build time from
// data/vocab/gemma3.json): the pieces' UTF-16 units in one array, the pairs of neighbouring characters
// they hold, the added tokens and the first merge groups. Reading the file is a check and a few views;
// the engine (sentencepiece.ts) indexes what it reads.
import { aligned, CHECK_BASIS, CHECK_PRIME, CHECK_WORD, checkFileSize, checkMatches, checkPadding, checksumOf, fileHeader, HEADER_WORDS } from './binary-file';
import { codePointAt } from './strings';

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
 * A vocabulary's pieces packed as they are read: their UTF-16 units in one array, each piece ended by
 * 0xFFFF (a noncharacter, which no piece holds). Loaded from the shipped file it is a view into it,
 * with no decoding and no parse (as 262,144 strings the pieces took about 0.2 s to decode and parse and
 * 14 MB; as the JSON of one text, about 40 ms in a fresh thread and twice its 3.5 MB).
 */
export interface PackedSentencePieces extends Omit<SentencePieceVocabulary, 'pieces'> {
  /** How many pieces `units` holds. */
  size: number;
  units: Uint16Array;
  /** Which characters the pieces hold side by side, found when they are packed (see neighboursOf). */
  neighbours: ShippedNeighbours;
  /**
   * What the pieces' hashes chain into (see piecesCheck), from the file they were read from, for
   * indexing them to check; absent when another thread has checked that file, or they were packed here.
   */
  check?: number;
}

/**
 * Which characters some piece holds side by side, as packed (only across such a pair can a token
 * span; see Neighbours in sentencepiece.ts): finding them takes a pass over every unit, 15–45 ms in a
 * fresh thread, so the file ships them (about 80 KB of the `.vsix`).
 */
export interface ShippedNeighbours {
  /** Pairs of ASCII characters, at before · 128 + code: 1 where some piece holds them side by side. */
  ascii: Uint8Array;
  /** Every other pair, as before, code, in order. */
  pairs: Int32Array;
}

/** Ends each piece in the packed units. */
export const PIECE_END = 0xffff;

/** `▁`, which stands for a space in the pieces. */
export const SPACE_CODE = 0x2581;

/** The base B of the pieces' hash, Σ unit[i]·B^(n-1-i) over a piece's n UTF-16 units (see PieceTable). */
export const PIECE_HASH_BASE = 0x01000193;

/**
 * The check of packed pieces: each piece's hash chained in id order (see binary-file.ts), which
 * indexing them gives as it goes (at build time, and in tests).
 */
export function piecesCheck(units: Uint16Array): number {
  let check = CHECK_BASIS;
  let hash = 0;
  for (const code of units) {
    if (code !== PIECE_END) {
      hash = (Math.imul(hash, PIECE_HASH_BASE) + code) | 0;
      continue;
    }
    check = Math.imul(check ^ hash, CHECK_PRIME);
    hash = 0;
  }
  return check >>> 0;
}

/** The packed form of a vocabulary (at build time, and in tests). */
export function packSentencePieces({ pieces, added, first }: SentencePieceVocabulary): PackedSentencePieces {
  if (pieces.some((piece) => piece.length === 0 || piece.includes(String.fromCharCode(PIECE_END)))) throw new Error('a piece is empty or holds U+FFFF');
  const units = new Uint16Array(pieces.reduce((sum, piece) => sum + piece.length + 1, 0));
  let at = 0;
  for (const piece of pieces) {
    for (let i = 0; i < piece.length; i++) units[at++] = piece.charCodeAt(i);
    units[at++] = PIECE_END;
  }
  // In the order of their UTF-16 units, which a sort without a comparison gives (see AddedTokens).
  return { size: pieces.length, units, neighbours: neighboursOf(units), added: [...added].sort(), first };
}

/** The neighbouring characters in packed pieces (at build time). */
export function neighboursOf(units: Uint16Array): ShippedNeighbours {
  const ascii = new Uint8Array(128 * 128);
  const others = new Map<string, [number, number]>();
  let before = -1;
  for (let i = 0; i < units.length; i++) {
    if (units[i] === PIECE_END) {
      before = -1;
      continue;
    }
    let code = codePointAt(units[i], units[i + 1]);
    if (code > 0xffff) i++;
    // `▁` is filed under the space it stands for (the text's spaces are read as `▁`). A piece
    // holding a real space then only adds pairs: fewer cuts, never a wrong one.
    if (code === SPACE_CODE) code = 32;
    if (before >= 0) {
      if (before < 128 && code < 128) ascii[before * 128 + code] = 1;
      else others.set(`${before} ${code}`, [before, code]);
    }
    before = code;
  }
  const sorted = [...others.values()].sort(([a, b], [c, d]) => a - c || b - d);
  return { ascii, pairs: Int32Array.from(sorted.flat()) };
}

// The shipped file (dist/ranks/gemma3.bin), little-endian, every part 4-byte aligned (see binary-file.ts):
//   header      8 × u32: magic, version, pieces (N), units (U), the pieces' check (piecesCheck),
//               extras' length (E), pairs (P), a checksum of the neighbours and extras
//   units       U × u16: the packed pieces (PackedSentencePieces.units), then zeros up to a multiple of 4 bytes
//   neighbours  128 × 128 bytes: the ASCII pairs (ShippedNeighbours.ascii); then P × 2 × i32, the other pairs
//   extras      E bytes: the UTF-8 JSON of {added, first}, then spaces up to a multiple of 4
const MAGIC = 0x50535842; // "BXSP"
export const PIECE_FILE_VERSION = 2;
/** The header word that holds the checksum of the parts after the units. */
const REST_CHECKSUM_WORD = 7;
const PIECE_FILE = 'a SentencePiece vocabulary';

const ASCII_PAIRS = 128 * 128;

/** Where a file's parts start: the neighbours' two, the extras, and the end. */
function pieceFileParts(units: number, pairs: number, extras: number) {
  const asciiAt = 4 * HEADER_WORDS + Math.ceil(units / 2) * 4;
  const pairsAt = asciiAt + ASCII_PAIRS;
  const extrasAt = pairsAt + 8 * pairs;
  return { asciiAt, pairsAt, extrasAt, end: extrasAt + Math.ceil(extras / 4) * 4 };
}

/** The shipped file of a packed vocabulary (at build time). */
export function encodeSentencePieces({ size, units, neighbours, added, first }: PackedSentencePieces): Uint8Array {
  const extras = new TextEncoder().encode(JSON.stringify({ added, first }));
  const pairs = neighbours.pairs.length / 2;
  const { asciiAt, pairsAt, extrasAt, end } = pieceFileParts(units.length, pairs, extras.length);
  const file = new Uint8Array(end).fill(0x20, extrasAt);
  new Uint16Array(file.buffer, 4 * HEADER_WORDS, units.length).set(units);
  file.set(neighbours.ascii, asciiAt);
  new Int32Array(file.buffer, pairsAt, 2 * pairs).set(neighbours.pairs);
  file.set(extras, extrasAt);
  new Uint32Array(file.buffer).set([MAGIC, PIECE_FILE_VERSION, size, units.length, piecesCheck(units), extras.length, pairs, 0]);
  sealPieceFile(file);
  return file;
}

/** Writes the checksum of a file's parts after its units (the neighbours and extras) into its header. */
export function sealPieceFile(file: Uint8Array): void {
  const words = new Uint32Array(file.buffer, file.byteOffset, file.byteLength / 4);
  words[REST_CHECKSUM_WORD] = restChecksum(words);
}

/** The checksum of the parts after the units, in the words of a file whose size has been checked. */
function restChecksum(words: Uint32Array): number {
  const [, , , units, , extras, pairs] = words;
  return checksumOf(words, pieceFileParts(units, pairs, extras).asciiAt / 4, words.length);
}

/**
 * Reads the shipped file: its units as a view into `data` (copied only when it is not 4-byte aligned),
 * its added tokens and merge groups parsed. Throws, saying what is wrong, when it is not one: too
 * short, another format or version, sizes that do not add up, a failed checksum of the parts after the
 * units, or extras of the wrong shape. The pieces themselves are checked as they are indexed (see
 * PieceTable), against the `check` this gives. `checked`: another thread has read this very file and
 * checked it, which is then not done again.
 */
export function readSentencePieces(data: Uint8Array, checked = false): PackedSentencePieces {
  data = aligned(data);
  const header = fileHeader(data, PIECE_FILE, MAGIC, PIECE_FILE_VERSION);
  const [, , size, unitCount, , extrasLength, pairs] = header;
  const { asciiAt, pairsAt, extrasAt, end } = pieceFileParts(unitCount, pairs, extrasLength);
  checkFileSize(data, end);
  if (!checked) {
    checkPadding(data, 4 * HEADER_WORDS + 2 * unitCount, asciiAt);
    checkMatches(restChecksum(new Uint32Array(data.buffer, data.byteOffset, end / 4)), header[REST_CHECKSUM_WORD]);
  }
  const units = new Uint16Array(data.buffer, data.byteOffset + 4 * HEADER_WORDS, unitCount);
  const neighbours = { ascii: new Uint8Array(data.buffer, data.byteOffset + asciiAt, ASCII_PAIRS), pairs: new Int32Array(data.buffer, data.byteOffset + pairsAt, 2 * pairs) };
  let extras: Partial<PackedSentencePieces> | null;
  try {
    // (A TextDecoder does not read shared memory: slice() copies these few kilobytes out of it.)
    extras = JSON.parse(new TextDecoder().decode(data.slice(extrasAt, extrasAt + extrasLength)));
  } catch {
    throw new Error('its added tokens and merge groups are not JSON');
  }
  if (!Array.isArray(extras?.added) || !extras.added.every((s) => typeof s === 'string')) throw new Error('it has no list of added tokens');
  if (!Array.isArray(extras.first) || !extras.first.every((group) => Array.isArray(group) && group.every((id) => Number.isInteger(id) && id >= 0))) {
    throw new Error('its merge groups are not lists of piece ids');
  }
  return { size, units, neighbours, added: extras.added, first: extras.first, check: checked ? undefined : header[CHECK_WORD] };
}

