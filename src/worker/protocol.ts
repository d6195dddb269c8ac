// Messages between the extension host and the token-counting worker. The worker owns a copy of each
// counted document's text, kept current by edits, so that a keystroke never ships the whole text.
import type { Count, Crossing } from '../core/tokens/count';
import type { ByteCut, Span, TextChange } from '../core/tokens/document';
import type { EncodingName } from '../core/tokens/encodings';

/**
 * A document's text goes to the worker in slices of this many characters, one per turn of the host's
 * event loop: copying 19 MB into a message at once holds the extension host for about 20 ms.
 */
export const TEXT_SLICE = 4 * 1024 * 1024;

export type ToWorker =
  /** An encoding's vocabulary file (dist/ranks/, see vocabularyFile), sent before its first count. */
  | { type: 'ranks'; encoding: EncodingName; data: Uint8Array }
  | { type: 'open'; doc: string; text: string }
  /** More of a document's text, right after its `open`: a large text goes in slices (TEXT_SLICE). */
  | { type: 'append'; doc: string; text: string }
  | { type: 'edit'; doc: string; changes: TextChange[]; length: number }
  | { type: 'close'; doc: string }
  /** How many threads count a large cold count, this worker included, from how much uncounted text (tests, benchmarks). */
  | { type: 'parallelism'; threads: number; minChars: number }
  /**
   * Count `spans` (the whole text when empty); with `limit`, also find where it is crossed; with
   * `byteLimit`, where a reader that takes only that many UTF-8 bytes (Box) stops.
   */
  | { type: 'count'; id: number; doc: string; encoding: EncodingName; spans: Span[]; limit?: number; byteLimit?: number };

/** The messages that send a document's text: `open` with its first slice, then an `append` per slice. */
export function textMessages(doc: string, text: string): ToWorker[] {
  const messages: ToWorker[] = [{ type: 'open', doc, text: text.slice(0, TEXT_SLICE) }];
  for (let at = TEXT_SLICE; at < text.length; at += TEXT_SLICE) messages.push({ type: 'append', doc, text: text.slice(at, at + TEXT_SLICE) });
  return messages;
}

export type FromWorker =
  | { type: 'progress'; id: number; share: number }
  /** `helpedBlocks`: how many of the document's block counts helper threads made (for tests and benchmarks). */
  | { type: 'result'; id: number; count: Count; crossing?: Crossing; cut?: ByteCut; documentTokens: number; helpedBlocks: number }
  /** The worker's copy went out of step (an edit it could not apply): send the text again. */
  | { type: 'resync'; doc: string }
  /** `encoding` is set when the failure was its rank table (missing or not a table): that encoding is unusable. */
  | { type: 'error'; id: number; message: string; encoding?: EncodingName };
