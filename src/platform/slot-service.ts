import * as vscode from 'vscode';
import type { Catalog } from '../core/catalog/catalog';
import type { Finding } from '../core/check';
import { SkipReason, SUPPORTED_LANGUAGES, Slot, SlotScope } from '../core/locate';
import { FromScanner, ScanOptions, ScanQuestion, ScanRequest, Scanning } from '../worker/scanning';
import { documentLength } from './document-length';
import type { Host } from './host';
import { Log } from './log';
import { documentKey as key, WorkerLink } from './worker-link';

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
  private readonly link: WorkerLink<'scan-worker'>;
  private readonly waiting = new Map<number, Waiting>();
  private readonly reportedSkips = new Set<string>();
  private nextId = 1;

  constructor(
    host: Host,
    private readonly log: Log,
  ) {
    this.link = new WorkerLink(host, 'scan-worker', {
      onMessage: (answer) => this.onAnswer(answer),
      onGone: (error) => {
        if (error) this.log.error('the scanning worker stopped; it is started again', error);
        this.resend();
      },
      onCannotStart: (error) => {
        this.log.warn(`documents are scanned on the extension host: the scanning worker cannot run here (${error.message})`);
        const scanning = new Scanning((answer) => this.onAnswer(answer));
        return { post: (message) => scanning.onMessage(message), terminate: () => undefined };
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
      this.link.post(request);
    });
  }

  /** Sends the document, with the settings it is scanned under, unless the worker holds it so. */
  private sync(document: vscode.TextDocument, options = settings(document)): void {
    this.link.sync(document, JSON.stringify(options), () => [{ type: 'open', doc: key(document), text: document.getText(), ...options }]);
  }

  private onAnswer(answer: FromScanner): void {
    const waiting = this.waiting.get(answer.id);
    if (!waiting) return;
    this.waiting.delete(answer.id);
    if (answer.missing && !waiting.retried && !waiting.document.isClosed) {
      // The worker lost the text (an edit it could not follow): send it again, then the request.
      this.link.lost(key(waiting.document));
      this.sync(waiting.document);
      this.waiting.set(answer.id, { ...waiting, retried: true });
      return this.link.post(waiting.request);
    }
    if (answer.skipped) this.reportSkip(waiting.document, answer.skipped);
    waiting.resolve(answer);
  }

  /** After the worker is gone: every document is sent again with the requests still waiting. */
  private resend(): void {
    for (const waiting of this.waiting.values()) {
      if (waiting.document.isClosed) {
        this.waiting.delete(waiting.request.id);
        waiting.resolve(undefined);
        continue;
      }
      this.sync(waiting.document);
      this.link.post(waiting.request);
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
    this.link.dispose();
    for (const waiting of this.waiting.values()) waiting.resolve(undefined);
    this.waiting.clear();
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
