// What the shipped vocabulary files (dist/ranks/*.bin) have in common: a header of 8 little-endian
// 32-bit words (magic, version, sizes of the file's own, its check and, where it has one, a checksum),
// then parts that are each 4-byte aligned. A file's tokens are checked as they are indexed: each
// token's hash, which the index needs anyway, is chained into the check (FNV-1a over the hashes, in
// token order), so reading a file needs no pass over its tokens of its own (in a fresh thread, such a
// pass over `o200k_base`'s 1.8 MB took 10–20 ms of a 50–60 ms load).

export const HEADER_WORDS = 8;
/** The header word that holds the tokens' check. */
export const CHECK_WORD = 4;

/**
 * How much of a file's reading is done between two pauses: 16K offsets summed or words of an index
 * first written. Sized for a fresh thread, whose first pass runs the code before it is compiled: about
 * 2 ms a step there, a tenth of that once compiled.
 */
export const WORDS_PER_STEP = 1 << 14;

/** How many slots an open-addressing index of `entries` has: the least power of two (at least 2) that keeps it at most half full. */
export function indexSlots(entries: number): number {
  let slots = 2;
  while (slots < entries * 2) slots *= 2;
  return slots;
}

/** A stepped computation run to its end at once. */
export function runSteps<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** `data`, or a 4-byte aligned copy of it when it is not (a Buffer's slice() is a view at any offset). */
export function aligned(data: Uint8Array): Uint8Array {
  return data.byteOffset % 4 === 0 ? data : new Uint8Array(data);
}

/**
 * The header of a file of `kind` ("a rank table"), after checking that `data` (4-byte aligned) is long
 * enough for one and has the kind's magic and version. Throws, saying what is wrong.
 */
export function fileHeader(data: Uint8Array, kind: string, magic: number, version: number): Uint32Array {
  if (data.byteLength < 4 * HEADER_WORDS) throw new Error(`it is ${data.byteLength} bytes long, too short for ${kind}`);
  const header = new Uint32Array(data.buffer, data.byteOffset, HEADER_WORDS);
  if (header[0] !== magic) throw new Error(`it is not ${kind}`);
  if (header[1] !== version) throw new Error(`it is ${kind} of version ${header[1]}, and this version reads only ${version}`);
  return header;
}

/** Throws unless `data` is as long as its header says (`expected`). */
export function checkFileSize(data: Uint8Array, expected: number): void {
  if (data.byteLength !== expected) {
    throw new Error(`its sizes do not add up (${data.byteLength} bytes; ${expected} expected from its header): it is truncated or damaged`);
  }
}

/** Where a check starts (FNV-1a's offset basis). */
export const CHECK_BASIS = 0x811c9dc5;

/** A check goes on from `check` with a token's `hash` as Math.imul(check ^ hash, CHECK_PRIME) (FNV-1a's prime). */
export const CHECK_PRIME = 0x01000193;

/** Throws unless the check a file's tokens gave as they were indexed is the one in its header. */
export function checkMatches(found: number, expected: number): void {
  if (found >>> 0 !== expected >>> 0) throw new Error('its checksum does not match: it is damaged');
}

/** Throws unless data[from, to), a part's padding up to a multiple of 4 bytes, is zeros (no check covers it). */
export function checkPadding(data: Uint8Array, from: number, to: number): void {
  for (let i = from; i < to; i++) if (data[i] !== 0) throw new Error('its padding is not zeros: it is damaged');
}

/** A checksum of words[from, to): FNV-1a over 32-bit words, in four lanes (a quarter of the turns of one). */
export function checksumOf(words: Uint32Array, from: number, to: number): number {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  let c = 0x2f4a7c15;
  let d = 0x1b873593;
  let i = from;
  for (; i + 3 < to; i += 4) {
    a = Math.imul(a ^ words[i], CHECK_PRIME);
    b = Math.imul(b ^ words[i + 1], CHECK_PRIME);
    c = Math.imul(c ^ words[i + 2], CHECK_PRIME);
    d = Math.imul(d ^ words[i + 3], CHECK_PRIME);
  }
  for (; i < to; i++) a = Math.imul(a ^ words[i], CHECK_PRIME);
  return (Math.imul(a, 3) ^ Math.imul(b, 5) ^ Math.imul(c, 7) ^ d) >>> 0;
}
