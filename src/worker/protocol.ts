// Messages between the extension host and the token-counting worker. The worker owns a copy of each
// counted document's text, kept current by edits, so that a keystroke never ships the whole text.
import type { Count, Crossing } from '../core/tokens/count';
import type { ByteCut, Span, TextChange } from '../core/tokens/document';
import type { EncodingName } from '../core/tokens/encodings';
import type { VocabularyIndex } from '../core/tokens/engine';
import type { HeapFigures } from './heap';

/**
 * A document's text goes to a worker this many characters at a time, one such part per turn of the
 * host's event loop (WorkerLink, lineTurns): copying a large text into one message holds the extension
 * host for tens of milliseconds (19 MB at once: about 20 ms; 4 MB at a time: up to 25 ms on a busy
 * machine). Posted as a document's lines, a part costs more per character than one string (each line
 * is written on its own), so a turn takes half a megabyte of them, not the 1 MB a joined string took.
 */
export const TEXT_SLICE = 512 * 1024;

/** `text` in slices of TEXT_SLICE characters (one, empty, for an empty text). */
export function textSlices(text: string): string[] {
  const slices = [text.slice(0, TEXT_SLICE)];
  for (let at = TEXT_SLICE; at < text.length; at += TEXT_SLICE) slices.push(text.slice(at, at + TEXT_SLICE));
  return slices;
}

/**
 * Text as a message carries it: a string, or the strings it is the concatenation of. A document goes
 * as its own lines and line breaks, so the extension host posts the strings it already holds rather
 * than joining them into a copy of its text (tens of megabytes of garbage for a large file).
 */
export type TextParts = string | readonly string[];

export function joinParts(text: TextParts): string {
  return typeof text === 'string' ? text : text.join('');
}

/**
 * At most this many parts to a message: the array (64 KB of pointers, 75 KB as it grows) stays below
 * V8's large-object size (128 KB), so it is collected young with the rest of a turn's garbage.
 */
export const MESSAGE_PARTS = 8192;

/**
 * At most this many messages to a turn: posting costs about as much per part as per character, so a
 * file of very short lines (three characters each: 350,000 parts to half a megabyte) would otherwise
 * hold the host for tens of milliseconds a turn; and a window's first send runs this code before V8
 * has compiled it (two messages held the host 5.3–9.5 ms there, four 6.7–11.5).
 */
export const TURN_MESSAGES = 2;

/**
 * A text given as its lines, in the messages it goes in, grouped in the turns of the host's event loop
 * they are posted in. A message's parts are whole lines and line breaks, at most MESSAGE_PARTS of them
 * and TEXT_SLICE characters in all; a line longer than that is cut into slices (the only parts that
 * are copies). A turn ends once its messages hold TEXT_SLICE characters (so it holds less than twice
 * that), or once it holds TURN_MESSAGES messages. An empty text is one empty message. Plain loops
 * rather than a generator per level: a part is a few dozen characters, and a 19 MB text has about 1.2
 * million of them.
 */
export function* lineTurns(lineCount: number, lineText: (line: number) => string, eol: string): Generator<string[][]> {
  let turn: string[][] = [];
  let turnLength = 0;
  let parts: string[] = [];
  let length = 0;
  for (let line = 0; line < lineCount; line++) {
    const text = lineText(line);
    const slices = Math.ceil(text.length / TEXT_SLICE);
    for (let i = 0; i <= slices; i++) {
      // A line that fits is its own string: V8's slice of a whole string is that string, not a copy.
      const part = i < slices ? text.slice(i * TEXT_SLICE, (i + 1) * TEXT_SLICE) : line < lineCount - 1 ? eol : '';
      if (part.length === 0) continue;
      if (parts.length === MESSAGE_PARTS || length + part.length > TEXT_SLICE) {
        turn.push(parts);
        turnLength += length;
        [parts, length] = [[], 0];
      }
      parts.push(part);
      length += part.length;
      if (turnLength >= TEXT_SLICE || turn.length === TURN_MESSAGES) {
        yield turn;
        [turn, turnLength] = [[], 0];
      }
    }
  }
  // The last message: never empty unless the text is.
  if (parts.length > 0 || turn.length === 0) turn.push(parts);
  yield turn;
}

export type ToWorker =
  /**
   * An encoding's vocabulary file (dist/ranks/, see vocabularyFile), sent before its first count; with
   * the index the sender made of it on loading it (a rank table's offsets and index, Gemma 3's piece
   * index), when it has (no second index where they are shared memory).
   */
  | { type: 'ranks'; encoding: EncodingName; data: Uint8Array; index?: VocabularyIndex }
  /**
   * A document's text, or its first part. `encoding`: the one it is to be counted in first, whose
   * blocks the worker cuts as the text arrives.
   */
  | { type: 'open'; doc: string; text: TextParts; encoding?: EncodingName }
  /** More of a document's text, right after its `open`: a large text goes in several messages (lineTurns). */
  | { type: 'append'; doc: string; text: TextParts }
  | { type: 'edit'; doc: string; changes: TextChange[]; length: number }
  | { type: 'close'; doc: string }
  /** How many threads count a large cold count, this worker included, from how much uncounted text (tests, benchmarks). */
  | { type: 'parallelism'; threads: number; minChars: number }
  /**
   * Count `spans` (the whole text when empty); with `limit`, also find where it is crossed; with
   * `byteLimit`, where a reader that takes only that many UTF-8 bytes (Box) stops.
   */
  | { type: 'count'; id: number; doc: string; encoding: EncodingName; spans: Span[]; limit?: number; byteLimit?: number }
  /** The worker's heap figures (undefined where the platform gives none). */
  | { type: 'heap'; id: number };

export type FromWorker =
  | { type: 'progress'; id: number; share: number }
  /** `helpedBlocks`: how many of the document's block counts helper threads made (for tests and benchmarks). */
  | { type: 'result'; id: number; count: Count; crossing?: Crossing; cut?: ByteCut; documentTokens: number; helpedBlocks: number }
  /** The worker's copy went out of step (an edit it could not apply): send the text again. */
  | { type: 'resync'; doc: string }
  /** `encoding` is set when the failure was its rank table (missing or not a table): that encoding is unusable. */
  | { type: 'error'; id: number; message: string; encoding?: EncodingName }
  | { type: 'heap'; id: number; heap: HeapFigures | undefined }
  /**
   * A byte-pair vocabulary the worker read and indexed itself, both in shared memory: the extension host
   * counts its small documents with it rather than reading and indexing the file again.
   */
  | { type: 'vocabulary'; encoding: EncodingName; data: Uint8Array; index: VocabularyIndex };
