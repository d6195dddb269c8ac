import * as vscode from 'vscode';
import type { Count, Crossing } from '../core/tokens/count';
import type { ByteCut, Span } from '../core/tokens/document';
import type { EncodingName } from '../core/tokens/encodings';
import { vocabularyFile } from '../core/tokens/engine';
import { GENERAL_ESTIMATE } from '../core/tokens/methods';
import { BYTE_PAIR_TABLES } from '../core/tokens/rank-table';
import type { Vocabulary } from '../worker/engines';
import { Counting, HOST_SLICE_MS } from '../worker/counting';
import type { HeapFigures } from '../worker/heap';
import { turnTaker } from '../worker/turns';
import type { FromWorker, ToWorker } from '../worker/protocol';
import { documentLength } from './document-length';
import { HOST_COUNT_MAX_CHARS } from './host-sizes';
import type { Host, TokenWorker } from './host';
import { HeapRequests } from './heap-requests';
import { Log } from './log';
import { documentKey as key, hostOrWorker, inProcessLink, WorkerLink } from './worker-link';

type CountLink = WorkerLink<'token-worker'>;

export interface TokenResult {
  count: Count;
  crossing?: Crossing;
  /** Where Box's text limit cuts the counted text, when it is longer (asked with `byteLimit`). */
  cut?: ByteCut;
  /** The whole document's count, whatever was asked. */
  documentTokens: number;
  /** The encoding counted with: the one asked for, or FALLBACK_ENCODING when that one's vocabulary could not be used. */
  encoding: EncodingName;
  /** Why the encoding asked for could not be used, when it could not. */
  unusable?: string;
}

export interface CountOptions {
  /** Also find where the count passes this many tokens. */
  limit?: number;
  /** Also find where a reader of only this many UTF-8 bytes (Box) stops, when the text is longer. */
  byteLimit?: number;
  /** Told the share counted so far, while a long count runs. */
  onProgress?: (share: number) => void;
}

/** What a count falls back to when its encoding's vocabulary is missing or broken: the general estimate's. */
const FALLBACK_ENCODING: EncodingName = GENERAL_ESTIMATE.encoding;

interface Waiting {
  request: Extract<ToWorker, { type: 'count' }>;
  resolve: (result: TokenResult | undefined) => void;
  onProgress?: (share: number) => void;
  document: vscode.TextDocument;
  /** The encoding the caller asked for (the request may use the fallback). */
  wanted: EncodingName;
  /** Where the request went: the counting worker, or the counting on the extension host. */
  link: CountLink;
}

/**
 * Counts tokens: a small document on the extension host, a larger one in the counting worker (a thread
 * on Node, a Web Worker on the web), started on its first count, so the host never encodes much at
 * once. Either is sent an encoding's rank table before the first count that needs it; each counted
 * document's text is sent once and then kept in step with its edits, through the same link. A newer
 * request for a document supersedes the older one, which resolves to undefined; so does every request
 * if the worker fails (it is started again on the next).
 */
export class TokenService implements vscode.Disposable {
  private readonly link: CountLink;
  private readonly onHost: CountLink;
  /** The host's own counting (small documents), whose loaded tables the worker is given rather than reading and indexing its own. */
  private readonly hostCounting: Counting;
  /**
   * Byte-pair vocabularies the counting worker read and indexed itself, in shared memory (a window whose
   * first document was large): the host's own counting uses them rather than indexing the file again.
   */
  private readonly workerVocabularies = new Map<EncodingName, Vocabulary>();
  /** The rank tables each started worker has been sent. */
  private readonly ranksSent = new WeakMap<TokenWorker, Set<EncodingName>>();
  /** Why the worker cannot start here, once that is known (reported once). */
  private unavailableReason: string | undefined;
  private readonly waiting = new Map<number, Waiting>();
  /** Encodings whose vocabulary could not be loaded, with why (logged once each). */
  private readonly unusable = new Map<EncodingName, string>();
  private nextId = 1;
  private readonly heapRequests = new HeapRequests();
  /** Results held back while a test holds them (see `holdResults`). */
  private held: [FromWorker, CountLink][] | undefined;

  /** `hostCountMaxChars`: the longest document counted on the extension host (tests set 0 to use the worker for all). */
  constructor(
    private readonly host: Host,
    private readonly log: Log,
    private readonly hostCountMaxChars = HOST_COUNT_MAX_CHARS,
  ) {
    // No helpers on the host (its documents are too small to split), and shorter stretches of work than a thread's.
    const counting = (this.hostCounting = new Counting(
      (message) => this.onMessage(message, this.onHost),
      turnTaker(),
      { sliceMs: HOST_SLICE_MS },
    ));
    this.onHost = inProcessLink('token-worker', (message) => counting.onMessage(message), {
      beforePost: (message, worker) => this.beforePost(message, worker, false),
      onForget: (doc) => this.dropWaiting(doc),
    });
    this.link = new WorkerLink(host, 'token-worker', {
      onMessage: (message) => this.onMessage(message, this.link),
      onGone: (error) => {
        if (error) this.log.error('token counter worker stopped', error);
        this.answerNothing(this.link);
      },
      onCannotStart: (error) => {
        if (this.unavailableReason === undefined) this.log.warn(`token counting is not available in this extension host: ${error.message}`);
        this.unavailableReason = error.message;
        return undefined;
      },
      beforePost: (message, worker) => {
        this.unavailableReason = undefined; // it started
        return this.beforePost(message, worker, true);
      },
      // The worker drops a closed document's count unanswered: its callers hear nothing will come.
      onForget: (doc) => this.dropWaiting(doc),
      onPostFailed: (message, error) => {
        if (message.type === 'heap') return void this.heapRequests.answer(message.id, undefined);
        if (message.type !== 'count') return; // the worker is gone; the next count starts it again
        const waiting = this.waiting.get(message.id);
        this.waiting.delete(message.id);
        // A worker that cannot start here was reported once already.
        if (this.unavailableReason === undefined) this.log.error('token count failed', error);
        waiting?.resolve(undefined);
      },
    });
  }

  count(document: vscode.TextDocument, encoding: EncodingName, spans: Span[], { limit, byteLimit, onProgress }: CountOptions = {}): Promise<TokenResult | undefined> {
    this.dropWaiting(key(document));
    const used = this.unusable.has(encoding) ? FALLBACK_ENCODING : encoding;
    const link = this.sync(document, used);
    const request = { type: 'count', id: this.nextId++, doc: key(document), encoding: used, spans, limit, byteLimit } as const;
    return new Promise((resolve) => {
      this.waiting.set(request.id, { request, resolve, onProgress, document, wanted: encoding, link });
      link.post(request);
    });
  }

  /** Resolves the document's waiting requests to undefined: superseded, or the worker dropped them. */
  private dropWaiting(doc: string): void {
    for (const [id, waiting] of this.waiting) {
      if (waiting.request.doc !== doc) continue;
      this.waiting.delete(id);
      waiting.resolve(undefined);
    }
  }

  /**
   * A vocabulary that cannot be used: said once in the log, and the counts waiting on it are asked
   * again with the fallback encoding (the other encodings keep counting as before).
   */
  private vocabularyUnusable(encoding: EncodingName, why: string): void {
    if (!this.unusable.has(encoding)) {
      this.unusable.set(encoding, why);
      this.log.error(`the ${encoding} vocabulary cannot be used, so counts for its models are estimated with ${FALLBACK_ENCODING}: ${why}`);
    }
    for (const [id, waiting] of this.waiting) {
      if (waiting.request.encoding !== encoding) continue;
      this.waiting.delete(id);
      if (encoding === FALLBACK_ENCODING) {
        waiting.resolve(undefined); // nothing left to fall back to
        continue;
      }
      const { spans, limit, byteLimit } = waiting.request;
      void this.count(waiting.document, waiting.wanted, spans, { limit, byteLimit, onProgress: waiting.onProgress }).then(waiting.resolve);
    }
  }

  /** The counting worker's heap figures; undefined when it is not running (it is not started to ask). */
  heap(): Promise<HeapFigures | undefined> {
    return this.heapRequests.ask(this.link, this.nextId++);
  }

  /** Forgets a document (closed, or no longer counted). */
  forget(document: vscode.TextDocument): void {
    this.link.forget(document);
    this.onHost.forget(document);
  }

  /**
   * Sends the document to where it is counted in `encoding`, unless that one holds it; returns that one:
   * the host's while the document is small and the encoding's table loads in steps, the worker's once
   * it is not (or was not).
   */
  private sync(document: vscode.TextDocument, encoding: EncodingName): CountLink {
    const small = documentLength(document) <= this.hostCountMaxChars && (BYTE_PAIR_TABLES as readonly string[]).includes(encoding);
    const link = hostOrWorker(this.onHost, this.link, document, small);
    link.sync(document, '', (text) => ({ type: 'open', doc: key(document), text, encoding }));
    return link;
  }

  /** Why counting cannot run in this extension host, if it cannot. */
  get unavailable(): string | undefined {
    return this.unavailableReason;
  }

  /**
   * What goes before a message: the rank table before the first count in an encoding. `hostTables`: the
   * worker is given a table the host has loaded, with its index, rather than reading and indexing its own.
   */
  private async beforePost(message: ToWorker, worker: TokenWorker, hostTables: boolean): Promise<boolean> {
    const sent = this.ranksSent.get(worker) ?? new Set();
    if (message.type !== 'count' || sent.has(message.encoding)) return true;
    const file = vocabularyFile(message.encoding);
    // With its index, in memory both threads read, on Node: the host's to the worker, or the worker's to the host.
    const loaded = hostTables ? this.hostCounting.vocabulary(message.encoding) : this.workerVocabularies.get(message.encoding);
    const data =
      loaded?.data ??
      (await this.host.readExtensionFile('dist', 'ranks', file).catch((error: Error) => this.vocabularyUnusable(message.encoding, `cannot read dist/ranks/${file} (${error.message})`)));
    if (data === undefined) return false;
    worker.post({ type: 'ranks', encoding: message.encoding, data, index: loaded?.index });
    this.ranksSent.set(worker, sent.add(message.encoding));
    return true;
  }

  /**
   * Holds back the worker's results (progress still passes) until the returned function is called,
   * which delivers them in order. For tests: what a count shows while it runs can then be seen
   * however fast the machine counts.
   */
  holdResults(): () => void {
    const held: [FromWorker, CountLink][] = (this.held = []);
    return () => {
      if (this.held === held) this.held = undefined;
      held.splice(0).forEach(([message, from]) => this.onMessage(message, from));
    };
  }

  /** A message from the counting on `from` (the worker, or the host's). */
  private onMessage(message: FromWorker, from: CountLink): void {
    if (this.held && message.type === 'result') {
      this.held.push([message, from]);
      return;
    }
    switch (message.type) {
      case 'progress':
        this.waiting.get(message.id)?.onProgress?.(message.share);
        break;
      case 'heap':
        this.heapRequests.answer(message.id, message.heap);
        break;
      case 'vocabulary':
        if (from === this.link && !this.hostCounting.vocabulary(message.encoding)) this.workerVocabularies.set(message.encoding, { data: message.data, index: message.index });
        break;
      case 'result': {
        const waiting = this.waiting.get(message.id);
        this.waiting.delete(message.id);
        if (!waiting) break;
        const { encoding } = waiting.request;
        const unusable = encoding !== waiting.wanted ? this.unusable.get(waiting.wanted) : undefined;
        waiting.resolve({ count: message.count, crossing: message.crossing, cut: message.cut, documentTokens: message.documentTokens, encoding, unusable });
        break;
      }
      case 'error': {
        if (message.encoding) return this.vocabularyUnusable(message.encoding, message.message);
        const waiting = this.waiting.get(message.id);
        this.waiting.delete(message.id);
        this.log.error('token count failed', message.message);
        waiting?.resolve(undefined);
        break;
      }
      case 'resync': {
        // The worker lost step with an edit: send the text again, then the requests still waiting.
        const document = from.lost(message.doc);
        this.log.warn(`token counter: resending ${message.doc} after an edit it could not follow`);
        if (!document || document.isClosed) break;
        for (const waiting of this.waiting.values()) {
          if (waiting.request.doc !== message.doc) continue;
          waiting.link = this.sync(document, waiting.request.encoding);
          waiting.link.post(waiting.request);
        }
        break;
      }
    }
  }

  dispose(): void {
    this.link.dispose();
    this.onHost.dispose();
    this.answerNothing();
  }

  /** Every request waiting on the worker (on `link`; on either when not given) resolves to undefined: it is gone. */
  private answerNothing(link?: CountLink): void {
    for (const [id, waiting] of this.waiting) {
      if (link && waiting.link !== link) continue;
      this.waiting.delete(id);
      waiting.resolve(undefined);
    }
    this.heapRequests.answerAllWithNothing();
  }
}
