import * as vscode from 'vscode';
import { documentLength, textChanges } from './document-length';
import type { Host, WorkerHandle, WorkerScript, Workers } from './host';

type In<S extends WorkerScript> = Workers[S]['in'];
type Out<S extends WorkerScript> = Workers[S]['out'];

export interface WorkerLinkEvents<S extends WorkerScript> {
  onMessage(message: Out<S>): void;
  /**
   * The worker is gone (`error` undefined when it stopped normally, or never started): it holds no
   * document any more, and the next message starts another.
   */
  onGone(error: Error | undefined): void;
  /** The worker cannot start here: what to send its messages to instead, if anything (else it is gone). */
  onCannotStart(error: Error): WorkerHandle<In<S>> | undefined;
  /** Awaited before a message is posted, the worker started; false drops the message. */
  beforePost?(message: In<S>, worker: WorkerHandle<In<S>>): Promise<boolean>;
  /** A message could not be posted. */
  onPostFailed?(message: In<S>, error: unknown): void;
  /** The worker was told to drop this document (by `documentKey`): it answers nothing more about it. */
  onForget?(doc: string): void;
}

/**
 * A worker of the extension's and the documents it keeps copies of. The worker starts on the first
 * message and again after it is gone; messages reach it in the order posted. A document's text is sent
 * once (`sync`), then its edits and its closing are forwarded, so the worker's copy stays in step.
 */
export class WorkerLink<S extends WorkerScript> implements vscode.Disposable {
  private worker: Promise<WorkerHandle<In<S>>> | undefined;
  private queue: Promise<void> = Promise.resolve();
  /** Documents the worker holds, by URI: the document object sent and a tag for how it was sent. */
  private readonly synced = new Map<string, { document: vscode.TextDocument; tag: string }>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly host: Pick<Host, 'startWorker'>,
    private readonly script: S,
    private readonly events: WorkerLinkEvents<S>,
  ) {
    this.subscriptions = [
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (!this.holds(e.document) || e.contentChanges.length === 0) return;
        this.post({ type: 'edit', doc: documentKey(e.document), changes: textChanges(e), length: documentLength(e.document) } as In<S>);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document)),
      // VS Code keeps a document open for minutes after its last tab closes: the copy goes with the tab
      // (a later request sends the text again).
      vscode.window.tabGroups.onDidChangeTabs(({ closed }) => {
        for (const uri of closed.flatMap(tabUris)) {
          const held = this.synced.get(uri.toString())?.document;
          if (held && !shownInATab(uri)) this.forget(held);
        }
      }),
    ];
  }

  /** Whether the worker is running (or starting). */
  get running(): boolean {
    return this.worker !== undefined;
  }

  /** Whether the worker holds this document's text (sent with `tag`, when one is given). */
  holds(document: vscode.TextDocument, tag?: string): boolean {
    const synced = this.synced.get(documentKey(document));
    return synced?.document === document && (tag === undefined || synced.tag === tag);
  }

  /** Sends the document's text (the messages `open` makes) unless the worker holds it, sent with `tag`. */
  sync(document: vscode.TextDocument, tag: string, open: () => In<S>[]): void {
    if (this.holds(document, tag)) return;
    this.synced.set(documentKey(document), { document, tag });
    for (const message of open()) this.post(message);
  }

  /** Drops the worker's copy of the document. */
  forget(document: vscode.TextDocument): void {
    if (!this.holds(document)) return;
    const doc = documentKey(document);
    this.synced.delete(doc);
    this.post({ type: 'close', doc } as In<S>);
    this.events.onForget?.(doc);
  }

  /** The worker lost its copy (an edit it could not follow): the next `sync` sends it again. */
  lost(doc: string): vscode.TextDocument | undefined {
    const document = this.synced.get(doc)?.document;
    this.synced.delete(doc);
    return document;
  }

  post(message: In<S>): void {
    const worker = this.ensureWorker();
    this.queue = this.queue.then(async () => {
      try {
        const started = await worker;
        // Each slice of a large text in a turn of its own, so that copying it never holds the host long.
        if (message.type === 'append') await new Promise((resolve) => setTimeout(resolve, 0));
        if (this.events.beforePost && !(await this.events.beforePost(message, started))) return;
        started.post(message);
      } catch (error) {
        this.events.onPostFailed?.(message, error);
      }
    });
  }

  private ensureWorker(): Promise<WorkerHandle<In<S>>> {
    if (this.worker) return this.worker;
    const worker: Promise<WorkerHandle<In<S>>> = this.host
      .startWorker(this.script, {
        onMessage: (message) => this.events.onMessage(message),
        onGone: (error) => this.gone(worker, error),
      })
      .catch((error: Error) => {
        const standIn = this.events.onCannotStart(error);
        if (standIn) return standIn;
        this.gone(worker, undefined);
        throw error;
      });
    this.worker = worker;
    return worker;
  }

  private gone(worker: Promise<WorkerHandle<In<S>>>, error: Error | undefined): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    this.synced.clear();
    this.events.onGone(error);
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    const worker = this.worker;
    this.worker = undefined;
    void worker?.then((w) => w.terminate(), () => undefined);
  }
}

/** The documents a tab shows. */
function tabUris(tab: vscode.Tab): vscode.Uri[] {
  const { input } = tab;
  if (input instanceof vscode.TabInputText) return [input.uri];
  if (input instanceof vscode.TabInputTextDiff) return [input.original, input.modified];
  return [];
}

function shownInATab(uri: vscode.Uri): boolean {
  const key = uri.toString();
  return vscode.window.tabGroups.all.some((group) => group.tabs.some((tab) => tabUris(tab).some((shown) => shown.toString() === key)));
}

export function documentKey(document: vscode.TextDocument): string {
  return document.uri.toString();
}
