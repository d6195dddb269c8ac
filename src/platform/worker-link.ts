import * as vscode from 'vscode';
import { lineTurns, textSlices, type TextParts } from '../worker/protocol';
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

/** The first message of a document's text: the worker's `open`, holding the text's first part. */
export type OpenMessage<S extends WorkerScript> = (first: TextParts) => In<S>;

interface Synced {
  document: vscode.TextDocument;
  /** How the text was sent (the settings it goes with): sent again under another tag. */
  tag: string;
  /** The document version the worker's copy was read at, once its text is sent: earlier edits are in it. */
  sentVersion?: number;
}

/**
 * A worker of the extension's and the documents it keeps copies of. The worker starts on the first
 * message and again after it is gone; messages reach it in the order posted. A document's text is sent
 * once (`sync`), then its edits and its closing are forwarded, so the worker's copy stays in step.
 *
 * A text goes as the document's own lines and line breaks, a turn's worth at a time
 * (lineTurns), so the host never copies a large text, nor holds its thread long to post one.
 */
export class WorkerLink<S extends WorkerScript> implements vscode.Disposable {
  private worker: Promise<WorkerHandle<In<S>>> | undefined;
  private queue: Promise<void> = Promise.resolve();
  /** Documents the worker holds (or is being sent), by URI. */
  private readonly synced = new Map<string, Synced>();
  private readonly subscriptions: vscode.Disposable[];

  /** `nextTurn`: what the link waits for between two turns' parts of a text (tests make edits land there). */
  constructor(
    private readonly host: Pick<Host, 'startWorker'>,
    private readonly script: S,
    private readonly events: WorkerLinkEvents<S>,
    private readonly nextTurn: () => Promise<void> = () => new Promise((resolve) => setTimeout(resolve, 0)),
  ) {
    this.subscriptions = [
      vscode.workspace.onDidChangeTextDocument((e) => {
        const synced = this.synced.get(documentKey(e.document));
        if (synced?.document !== e.document || e.contentChanges.length === 0) return;
        const { version } = e.document;
        const edit = { type: 'edit', doc: documentKey(e.document), changes: textChanges(e), length: documentLength(e.document) } as In<S>;
        this.enqueue(async (worker) => {
          // Sent only on top of the text sent, and only if that text was read before the edit.
          if (synced.sentVersion !== undefined && version > synced.sentVersion) await this.send(edit, worker);
        }, () => edit);
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

  /**
   * Sends the document's text unless the worker holds it, sent with `tag`: `open` with its first part,
   * then an `append` per part. Not sent at all when the document is forgotten before its turn.
   */
  sync(document: vscode.TextDocument, tag: string, open: OpenMessage<S>): void {
    if (this.holds(document, tag)) return;
    const synced: Synced = { document, tag };
    this.synced.set(documentKey(document), synced);
    this.enqueue(async (worker) => {
      if (this.current(synced)) synced.sentVersion = await this.sendText(synced, open, worker);
    }, () => open(''));
  }

  /** Whether `synced` is still what the worker is to hold of its document (not forgotten, lost or sent anew since). */
  private current(synced: Synced): boolean {
    return this.synced.get(documentKey(synced.document)) === synced;
  }

  /**
   * Posts the document's text, its lines a turn's worth at a time (lineTurns); returns the version it
   * was read at. An edit between two turns would leave the parts from two versions: the text is then
   * read whole, once, and posted in slices of that read. A document dropped meanwhile is sent no
   * further (its `close`, or its new `open`, is queued behind).
   */
  private async sendText(synced: Synced, open: OpenMessage<S>, worker: WorkerHandle<In<S>>): Promise<number> {
    const { document } = synced;
    const doc = documentKey(document);
    const post = (text: TextParts, first: boolean) => worker.post(first ? open(text) : ({ type: 'append', doc, text } as In<S>));
    const version = document.version;
    const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
    let first = true;
    for (const turn of lineTurns(document.lineCount, (line) => document.lineAt(line).text, eol)) {
      if (!first) {
        await this.nextTurn();
        if (!this.current(synced)) return version;
        if (document.version !== version) return this.sendWhole(synced, post);
      }
      turn.forEach((parts, i) => post(parts, first && i === 0));
      first = false;
    }
    return version;
  }

  /** Posts the document's text anew from one read, a slice a turn (after an edit in the middle of a send). */
  private async sendWhole(synced: Synced, post: (text: TextParts, first: boolean) => void): Promise<number> {
    const readAt = synced.document.version;
    for (const [i, slice] of textSlices(synced.document.getText()).entries()) {
      if (i > 0) await this.nextTurn();
      if (i > 0 && !this.current(synced)) break;
      post(slice, i === 0);
    }
    return readAt;
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
    this.enqueue((worker) => this.send(message, worker), () => message);
  }

  /** Posts the message unless its beforePost step declines it; whether it was posted. */
  private async send(message: In<S>, worker: WorkerHandle<In<S>>): Promise<boolean> {
    if (this.events.beforePost && !(await this.events.beforePost(message, worker))) return false;
    worker.post(message);
    return true;
  }

  /** Runs `step` with the worker, once every step queued before it has run; `failing` is the message reported if it fails. */
  private enqueue(step: (worker: WorkerHandle<In<S>>) => Promise<void | boolean>, failing: () => In<S>): void {
    const worker = this.ensureWorker();
    this.queue = this.queue.then(async () => {
      try {
        await step(await worker);
      } catch (error) {
        this.events.onPostFailed?.(failing(), error);
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

/**
 * A link whose "worker" is code running in the extension host itself (`post` hands it each message; it
 * answers through callbacks of its own), with the same document handling as a worker's link.
 */
export function inProcessLink<S extends WorkerScript>(
  script: S,
  post: (message: In<S>) => void,
  events: Pick<WorkerLinkEvents<S>, 'beforePost' | 'onForget'> = {},
): WorkerLink<S> {
  const inProcess: WorkerHandle<In<S>> = { post, terminate: () => undefined };
  return new WorkerLink({ startWorker: async () => inProcess }, script, {
    onMessage: () => undefined,
    onGone: () => undefined,
    onCannotStart: () => undefined,
    ...events,
  });
}

/**
 * Which of two links serves the document: `onHost` (the work done in the extension host itself) while
 * `small` holds, else `worker`. A document the host held and that is no longer small moves to the
 * worker, from its text as it is then; one the worker holds stays there.
 */
export function hostOrWorker<S extends WorkerScript>(onHost: WorkerLink<S>, worker: WorkerLink<S>, document: vscode.TextDocument, small: boolean): WorkerLink<S> {
  if (onHost.holds(document)) {
    if (small) return onHost;
    onHost.forget(document);
  }
  return small && !worker.holds(document) ? onHost : worker;
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
