// What the shipped vocabulary files (dist/ranks/*.bin) have in common: a header of 8 little-endian
// 32-bit words (magic, version, three sizes of the file's own, a checksum of everything after the
// header, two zeros), then parts that are each 4-byte aligned. Reading one checks it in steps, so that
// a thread that must stay responsive can read it between other work.

export const HEADER_WORDS = 8;
/** The header word that holds the checksum. */
const CHECKSUM_WORD = 4;

/**
 * How much of a file's reading is done between two pauses: 16K words checked or summed. Sized for a
 * fresh thread, whose first pass runs the code before it is compiled: about 2 ms a step there, a
 * tenth of that once compiled.
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

/** Throws unless the checksum in the header matches the rest of `data` (4-byte aligned, of a size checked before). */
export function* checkFileChecksum(data: Uint8Array): Generator<void, void> {
  const words = new Uint32Array(data.buffer, data.byteOffset, data.byteLength / 4);
  if ((yield* checksumOf(words, HEADER_WORDS)) !== words[CHECKSUM_WORD]) throw new Error('its checksum does not match: it is damaged');
}

/** Writes the checksum of the words after the header into the header (at build time). */
export function sealFile(words: Uint32Array): void {
  words[CHECKSUM_WORD] = runSteps(checksumOf(words, HEADER_WORDS));
}

/** FNV-1a over 32-bit words, in four lanes (a quarter of the turns of one: a file is checked on every load); a pause every WORDS_PER_STEP words. */
function* checksumOf(words: Uint32Array, from: number): Generator<void, number> {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  let c = 0x2f4a7c15;
  let d = 0x1b873593;
  let i = from;
  while (i + 3 < words.length) {
    for (const stepEnd = Math.min(words.length - 3, i + WORDS_PER_STEP); i < stepEnd; i += 4) {
      a = Math.imul(a ^ words[i], 0x01000193);
      b = Math.imul(b ^ words[i + 1], 0x01000193);
      c = Math.imul(c ^ words[i + 2], 0x01000193);
      d = Math.imul(d ^ words[i + 3], 0x01000193);
    }
    yield;
  }
  for (; i < words.length; i++) a = Math.imul(a ^ words[i], 0x01000193);
  return (Math.imul(a, 3) ^ Math.imul(b, 5) ^ Math.imul(c, 7) ^ d) >>> 0;
}
