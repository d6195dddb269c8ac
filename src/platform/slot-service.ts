import * as vscode from 'vscode';
import type { Catalog } from '../core/catalog/catalog';
import type { Finding } from '../core/check';
import { SkipReason, SUPPORTED_LANGUAGES, Slot, SlotScope } from '../core/locate';
import { FromScanner, ScanOptions, ScanQuestion, ScanRequest, Scanning, ToScanner } from '../worker/scanning';
import { documentLength, textChanges } from './document-length';
import type { Host, WorkerHandle } from './host';
import { Log } from './log';

interface Waiting {
  document: vscode.TextDocument;
  request: ScanRequest;
  resolve: (answer: FromScanner | undefined) => void;
  /** Asked again once already after the worker said it held no text for the document. */
  retried: boolean;
}

/**
 * Finds the model slot at a position (completion, hover), the checks' findings (diagnostics) and the
 * chat models a document names (the token counter), in the scanning worker: a thread on Node, a Web
 * Worker on the web, started on first use. The worker keeps a copy of each served document, sent once
 * and then kept in step with its edits, so the extension host never reads a document whole on its own
 * thread, and never copies its text again after the first time. Where no worker can start, the same
 * scanning runs in the extension host.
 */
export class SlotService implements vscode.Disposable {
  private worker: Promise<WorkerHandle<ToScanner>> | undefined;
  /** The scanning, run here instead, once it is known that no worker can start. */
  private inProcess: Scanning | undefined;
  /** Messages reach the worker in the order posted, after its start. */
  private queue: Promise<void> = Promise.resolve();
  /** Documents whose text the worker holds, by URI, with the options it was sent. */
  private readonly synced = new Map<string, { document: vscode.TextDocument; options: ScanOptions }>();
  private readonly waiting = new Map<number, Waiting>();
  private readonly reportedSkips = new Set<string>();
  private readonly subscriptions: vscode.Disposable[];
  private nextId = 1;

  constructor(
    private readonly host: Host,
    private readonly log: Log,
  ) {
    this.subscriptions = [
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.synced.get(key(e.document))?.document !== e.document || e.contentChanges.length === 0) return;
        this.post({ type: 'edit', doc: key(e.document), changes: textChanges(e), length: documentLength(e.document) });
      }),
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (this.synced.get(key(document))?.document !== document) return;
        this.synced.delete(key(document));
        this.post({ type: 'close', doc: key(document) });
      }),
    ];
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

  /** Asks the worker about the document's current text; undefined when the document is not scanned. */
  private ask(document: vscode.TextDocument, question: DistributiveOmit<ScanQuestion, 'doc'>): Promise<FromScanner | undefined> {
    if (!SUPPORTED_LANGUAGES.includes(document.languageId)) return Promise.resolve(undefined);
    const options = settings(document);
    // An oversized document is not scanned; do not copy its text to find out.
    if (documentLength(document) > options.maxLength) {
      this.reportSkip(document, 'too-large');
      return Promise.resolve(undefined);
    }
    this.sync(document, options);
    const request = { ...question, id: this.nextId++, doc: key(document) } as ScanRequest;
    return new Promise((resolve) => {
      this.waiting.set(request.id, { document, request, resolve, retried: false });
      this.post(request);
    });
  }

  private sync(document: vscode.TextDocument, options: ScanOptions): void {
    const synced = this.synced.get(key(document));
    if (synced?.document === document && sameOptions(synced.options, options)) return;
    this.synced.set(key(document), { document, options });
    this.post({ type: 'open', doc: key(document), text: document.getText(), ...options });
  }

  private onAnswer(answer: FromScanner): void {
    const waiting = this.waiting.get(answer.id);
    if (!waiting) return;
    this.waiting.delete(answer.id);
    if (answer.missing && !waiting.retried && !waiting.document.isClosed) {
      // The worker lost the text (an edit it could not follow): send it again, then the request.
      this.synced.delete(key(waiting.document));
      this.sync(waiting.document, settings(waiting.document));
      this.waiting.set(answer.id, { ...waiting, retried: true });
      return this.post(waiting.request);
    }
    if (answer.skipped) this.reportSkip(waiting.document, answer.skipped);
    waiting.resolve(answer);
  }

  private post(message: ToScanner): void {
    const scanning = this.inProcess;
    if (scanning) {
      this.queue = this.queue.then(() => scanning.onMessage(message));
      return;
    }
    const worker = this.ensureWorker();
    this.queue = this.queue.then(async () => (await worker).post(message)).catch(() => undefined); // the worker's failure is handled where it is seen
  }

  private ensureWorker(): Promise<WorkerHandle<ToScanner>> {
    if (this.worker) return this.worker;
    const worker = this.host.startWorker('scan-worker', {
      onMessage: (answer) => this.onAnswer(answer),
      onGone: (error) => {
        if (this.worker !== worker) return;
        this.worker = undefined; // the next message starts it again
        if (error) this.log.error('the scanning worker stopped; it is started again', error);
        this.resend();
      },
    });
    worker.catch((error: Error) => {
      this.log.warn(`documents are scanned on the extension host: the scanning worker cannot run here (${error.message})`);
      this.inProcess = new Scanning((answer) => this.onAnswer(answer));
      this.worker = undefined;
      this.resend();
    });
    this.worker = worker;
    return worker;
  }

  /** After the worker is gone (or never came): every document is sent again with the requests still waiting. */
  private resend(): void {
    this.synced.clear();
    for (const waiting of this.waiting.values()) {
      if (waiting.document.isClosed) {
        this.waiting.delete(waiting.request.id);
        waiting.resolve(undefined);
        continue;
      }
      this.sync(waiting.document, settings(waiting.document));
      this.post(waiting.request);
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
    this.subscriptions.forEach((s) => s.dispose());
    const worker = this.worker;
    this.worker = undefined;
    void worker?.then((w) => w.terminate(), () => undefined);
    for (const waiting of this.waiting.values()) waiting.resolve(undefined);
    this.waiting.clear();
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

function key(document: vscode.TextDocument): string {
  return document.uri.toString();
}

function settings(document: vscode.TextDocument): ScanOptions {
  const config = vscode.workspace.getConfiguration('boxAiModels', document);
  return {
    languageId: document.languageId,
    scope: config.get<SlotScope>('slotScope', 'boxOverrides'),
    maxLength: Math.max(0, config.get<number>('maxFileSizeKB', 5120)) * 1024,
  };
}

function sameOptions(a: ScanOptions, b: ScanOptions): boolean {
  return a.languageId === b.languageId && a.scope === b.scope && a.maxLength === b.maxLength;
}
