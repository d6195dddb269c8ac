// How the engines hold text: pieces they remember, and bytes they merge.

/**
 * A piece cut from a text can be a view into all of it (V8 slices longer strings that way), and a
 * remembered view would keep a closed document alive: what an engine remembers is a copy.
 */
export function ownCopy(piece: string): string {
  return piece.length < 13 ? piece : `${piece} `.slice(0, -1);
}

const utf8Encoder = new TextEncoder();
/** `ignoreBOM`: a text's leading U+FEFF is a character of it (decoding would drop it otherwise). */
const utf8Decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * A copy of `text` of its own, held as compactly as the engine allows. A text that arrives in large
 * slices is held as views into them, and V8 keeps a whole slice at two bytes a character when any one
 * character in it needs two; a copy decoded from UTF-8 takes one byte a character wherever every
 * character fits in one, and lets the slice go. A text with a lone surrogate, which UTF-8 cannot carry,
 * is returned as it is.
 */
export function compactCopy(text: string): string {
  return isWellFormed(text) ? utf8Decoder.decode(utf8Encoder.encode(text)) : text;
}

/** Above this, V8 holds a string at two bytes a character. */
const ONE_BYTE_MAX = 0xff;
/** Characters per `String.fromCharCode` call (its arguments go on the stack). */
const FROM_CHAR_CODE_CHUNK = 8192;

/**
 * `text`'s UTF-8 bytes held as a string of one byte a character (U+0000–U+00FF), when that is smaller
 * than `text` as V8 holds it: a text with any character above U+00FF takes two bytes for every
 * character, so mostly-ASCII text with a few quotes, dashes, emoji or CJK characters in it takes
 * nearly half as much held this way. `utf8Bytes`: the text's UTF-8 length, where it is known. Undefined
 * when the text is held at one byte a character already, when its UTF-8 is not smaller, or when it
 * holds a lone surrogate, which UTF-8 cannot carry. `fromUtf8Held` gives the text back.
 */
export function utf8Held(text: string, utf8Bytes?: number): string | undefined {
  if (!hasTwoByteCharacter(text) || (utf8Bytes ?? utf8Length(text)) >= 2 * text.length || !isWellFormed(text)) return undefined;
  const bytes = utf8Encoder.encode(text);
  let held = '';
  for (let i = 0; i < bytes.length; i += FROM_CHAR_CODE_CHUNK) held += String.fromCharCode.apply(null, bytes.subarray(i, i + FROM_CHAR_CODE_CHUNK) as unknown as number[]);
  return held;
}

/** A block's text, from what is kept of it: its UTF-8 when `heldAsUtf8` (utf8Held), else the text itself. */
export function keptText(kept: string, heldAsUtf8: boolean): string {
  return heldAsUtf8 ? fromUtf8Held(kept) : kept;
}

/** The text `utf8Held` held. */
export function fromUtf8Held(held: string): string {
  const bytes = new Uint8Array(held.length);
  for (let i = 0; i < held.length; i++) bytes[i] = held.charCodeAt(i);
  return utf8Decoder.decode(bytes);
}

/** The length in UTF-16 units of the text `utf8Held` held, without reading it back. */
export function heldTextLength(held: string): number {
  let length = 0;
  for (let i = 0; i < held.length; i++) {
    const byte = held.charCodeAt(i);
    if ((byte & 0xc0) !== 0x80) length += byte >= 0xf0 ? 2 : 1; // a lead byte; four bytes make a surrogate pair
  }
  return length;
}

function hasTwoByteCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > ONE_BYTE_MAX) return true;
  return false;
}

const loneSurrogate = /\p{Cs}/u;

/** Whether `text` holds no lone surrogate (String.prototype.isWellFormed where the engine has it). */
function isWellFormed(text: string): boolean {
  const own = (text as { isWellFormed?: () => boolean }).isWellFormed;
  return own ? own.call(text) : !loneSurrogate.test(text);
}

/**
 * `text`'s UTF-8 bytes as the characters U+0000–U+00FF (a lone surrogate is U+FFFD's, as TextEncoder
 * has it); ASCII text is returned as it is. Written out rather than TextEncoder's bytes spread into
 * a string, which took twice as long to read a vocabulary.
 */
export function byteString(text: string): string {
  let i = 0;
  while (i < text.length && text.charCodeAt(i) < 0x80) i++;
  if (i === text.length) return text;
  const bytes: number[] = [];
  for (let j = 0; j < i; j++) bytes.push(text.charCodeAt(j));
  for (; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code < 0x80) bytes.push(code);
    else if (code < 0x800) bytes.push(0xc0 | (code >> 6), 0x80 | (code & 0x3f));
    else {
      const low = text.charCodeAt(i + 1);
      if (code >= 0xd800 && code < 0xdc00 && low >= 0xdc00 && low < 0xe000) {
        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        i++;
        bytes.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 0x3f), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
        continue;
      }
      if (code >= 0xd800 && code < 0xe000) code = 0xfffd;
      bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
    }
  }
  return String.fromCharCode(...bytes);
}

/** How many UTF-8 bytes `text[from, to)` takes (a lone surrogate as U+FFFD's three, as TextEncoder has it). */
export function utf8Length(text: string, from = 0, to = text.length): number {
  let bytes = 0;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes++;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code < 0xdc00 && i + 1 < to && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** The offset in `text`, from `from`, after the last whole character that fits in `bytes` UTF-8 bytes. */
export function offsetAfterUtf8(text: string, bytes: number, from = 0): number {
  let used = 0;
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const pair = code >= 0xd800 && code < 0xdc00 && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : pair ? 4 : 3;
    if (used + size > bytes) return i;
    used += size;
    if (pair) i++;
  }
  return text.length;
}

export function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

export function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** The code point of a UTF-16 unit and the unit after it: the pair's when they are a surrogate pair, else the first unit's. */
export function codePointAt(unit: number, next: number): number {
  return isHighSurrogate(unit) && isLowSurrogate(next) ? 0x10000 + ((unit - 0xd800) << 10) + (next - 0xdc00) : unit;
}
