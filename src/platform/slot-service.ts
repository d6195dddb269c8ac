import * as vscode from 'vscode';
import type { Catalog } from '../core/catalog/catalog';
import type { Finding } from '../core/check';
import { SkipReason, SUPPORTED_LANGUAGES, Slot, SlotScope } from '../core/locate';
import { FromScanner, ScanOptions, ScanQuestion, ScanRequest, Scanning } from '../worker/scanning';
import type { HeapFigures } from '../worker/heap';
import { documentLength } from './document-length';
import { HOST_SCAN_MAX_CHARS } from './host-sizes';
import { HeapRequests } from './heap-requests';
import type { Host } from './host';
import { Log } from './log';
import { documentKey as key, hostOrWorker, inProcessLink, WorkerLink } from './worker-link';

type ScanLink = WorkerLink<'scan-worker'>;

interface Waiting {
  document: vscode.TextDocument;
  /** Where the request went: the scanning worker, or the scanning on the extension host. */
  link: ScanLink;
  request: ScanRequest;
  resolve: (answer: FromScanner | undefined) => void;
  /** Asked again once already after the worker said it held no text for the document. */
  retried: boolean;
}

/**
 * Finds the model slot at a position (completion, hover), the checks' findings (diagnostics) and the
 * chat models a document names (the token counter). A small document is scanned on the extension host;
 * a larger one in the scanning worker (a thread on Node, a Web Worker on the web), started on first
 * use, so the host never reads a large document whole on its own thread. Either keeps a copy of each
 * served document, sent once and then kept in step with its edits, through the same link. Where no
 * worker can start, every document is scanned on the host.
 */
export class SlotService implements vscode.Disposable {
  private readonly worker: ScanLink;
  private readonly onHost: ScanLink;
  private readonly waiting = new Map<number, Waiting>();
  private readonly reportedSkips = new Set<string>();
  private readonly heapRequests = new HeapRequests();
  private nextId = 1;

  /** `hostScanMaxChars`: the longest document scanned on the extension host (tests set 0 to use the worker for all). */
  constructor(
    host: Host,
    private readonly log: Log,
    private readonly hostScanMaxChars = HOST_SCAN_MAX_CHARS,
  ) {
    const scanning = new Scanning((answer) => this.onAnswer(answer));
    this.onHost = inProcessLink('scan-worker', (message) => scanning.onMessage(message));
    this.worker = new WorkerLink(host, 'scan-worker', {
      onMessage: (answer) => this.onAnswer(answer),
      onGone: (error) => {
        if (error) this.log.error('the scanning worker stopped; it is started again', error);
        this.heapRequests.answerAllWithNothing();
        this.resend();
      },
      onCannotStart: (error) => {
        this.log.warn(`documents are scanned on the extension host: the scanning worker cannot run here (${error.message})`);
        const standIn = new Scanning((answer) => this.onAnswer(answer));
        return { post: (message) => standIn.onMessage(message), terminate: () => undefined };
      },
    });
  }

  async slotAt(document: vscode.TextDocument, position: vscode.Position): Promise<Slot | undefined> {
    return (await this.ask(document, { type: 'slotAt', offset: document.offsetAt(position) }))?.slot;
  }

  /** What the checks find in the document's Box overrides, against `catalog`. */
  async findings(document: vscode.TextDocument, catalog: Catalog): Promise<Finding[]> {
    return (await this.ask(document, { type: 'check', models: catalog.models, origin: catalog.origin }))?.findings ?? [];
  }

  /** The chat model names written in the document's Box slots, for the token counter's automatic choice. */
  async chatModelNames(document: vscode.TextDocument): Promise<string[]> {
    return (await this.ask(document, { type: 'chatModels' }))?.names ?? [];
  }

  /** The scanning worker's heap figures; undefined when it is not running (it is not started to ask). */
  heap(): Promise<HeapFigures | undefined> {
    return this.heapRequests.ask(this.worker, this.nextId++);
  }

  /** Asks the worker about the document's current text; undefined when the document is not scanned. */
  private ask(document: vscode.TextDocument, question: DistributiveOmit<ScanQuestion, 'doc'>): Promise<FromScanner | undefined> {
    if (!SUPPORTED_LANGUAGES.includes(document.languageId)) return Promise.resolve(undefined);
    const options = settings(document);
    const length = documentLength(document);
    // An oversized document is not scanned; do not copy its text to find out.
    if (length > options.maxLength) {
      this.reportSkip(document, 'too-large');
      return Promise.resolve(undefined);
    }
    const link = this.sync(document, options, length);
    const request = { ...question, id: this.nextId++, doc: key(document) } as ScanRequest;
    return new Promise((resolve) => {
      this.waiting.set(request.id, { document, link, request, resolve, retried: false });
      link.post(request);
    });
  }

  /**
   * Sends the document, with the settings it is scanned under, unless its scanner holds it so; returns
   * that scanner: the host's while the document is small, the worker's once it is not (or was not).
   */
  private sync(document: vscode.TextDocument, options = settings(document), length = documentLength(document)): ScanLink {
    const link = hostOrWorker(this.onHost, this.worker, document, length <= this.hostScanMaxChars);
    link.sync(document, JSON.stringify(options), (text) => ({ type: 'open', doc: key(document), text, ...options }));
    return link;
  }

  private onAnswer(answer: FromScanner): void {
    if (this.heapRequests.answer(answer.id, answer.heap)) return;
    const waiting = this.waiting.get(answer.id);
    if (!waiting) return;
    this.waiting.delete(answer.id);
    if (answer.missing && !waiting.retried && !waiting.document.isClosed) {
      // The scanner lost the text (an edit it could not follow): send it again, then the request.
      waiting.link.lost(key(waiting.document));
      const link = this.sync(waiting.document);
      this.waiting.set(answer.id, { ...waiting, link, retried: true });
      return link.post(waiting.request);
    }
    if (answer.skipped) this.reportSkip(waiting.document, answer.skipped);
    waiting.resolve(answer);
  }

  /** After the worker is gone: its documents are sent again with the requests still waiting on it. */
  private resend(): void {
    for (const waiting of this.waiting.values()) {
      if (waiting.link !== this.worker) continue;
      if (waiting.document.isClosed) {
        this.waiting.delete(waiting.request.id);
        waiting.resolve(undefined);
        continue;
      }
      const link = this.sync(waiting.document);
      this.waiting.set(waiting.request.id, { ...waiting, link });
      link.post(waiting.request);
    }
  }

  private reportSkip(document: vscode.TextDocument, reason: SkipReason): void {
    const id = key(document);
    if (reason === 'unsupported-language' || this.reportedSkips.has(id)) return;
    this.reportedSkips.add(id);
    const why =
      reason === 'binary' ? 'it looks binary'
      : reason === 'too-large-to-parse' ? 'YAML over 512 KB is not parsed, to keep typing smooth'
      : 'it is larger than boxAiModels.maxFileSizeKB';
    this.log.info(`not scanning ${document.uri.fsPath || id}: ${why}`);
  }

  dispose(): void {
    this.worker.dispose();
    this.onHost.dispose();
    for (const waiting of this.waiting.values()) waiting.resolve(undefined);
    this.waiting.clear();
    this.heapRequests.answerAllWithNothing();
  }

}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

function settings(document: vscode.TextDocument): ScanOptions {
  const config = vscode.workspace.getConfiguration('boxAiModels', document);
  return {
    languageId: document.languageId,
    scope: config.get<SlotScope>('slotScope', 'boxOverrides'),
    maxLength: Math.max(0, config.get<number>('maxFileSizeKB', 5120)) * 1024,
  };
}
