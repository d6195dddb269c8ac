// The host's side of the workers (src/platform/worker-link.ts, and the two services on it) in a real
// VS Code, with real documents and edits, and a host whose workers the test controls: one that records
// what it is sent, goes away when told, or cannot start at all.
import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { Host, WorkerEvents, WorkerHandle, WorkerScript, Workers } from '../../src/platform/host';
import { Log } from '../../src/platform/log';
import { SlotService } from '../../src/platform/slot-service';
import { TokenService } from '../../src/platform/token-service';
import { WorkerLink, WorkerLinkEvents } from '../../src/platform/worker-link';
import { Counting } from '../../src/worker/counting';
import { joinParts, MESSAGE_PARTS, TEXT_SLICE, type TextParts, ToWorker, TURN_MESSAGES } from '../../src/worker/protocol';
import type { EncodingName } from '../../src/core/tokens/encodings';
import { referenceEngine } from '../unit/engines';
import { Scanning, ToScanner } from '../../src/worker/scanning';
import { applyTextChanges } from '../../src/core/tokens/document';
import { activateExtension, closeAll, EXTENSION_ID, openUntitled, until } from './helpers';

type AnyIn = Workers[WorkerScript]['in'];

class StandInWorker implements WorkerHandle<AnyIn> {
  readonly received: AnyIn[] = [];
  terminated = false;
  constructor(
    readonly events: WorkerEvents<never>,
    private readonly onPost?: (message: AnyIn, worker: StandInWorker) => void,
  ) {}
  post(message: AnyIn): void {
    this.received.push(message);
    this.onPost?.(message, this);
  }
  terminate(): void {
    this.terminated = true;
  }
}

/** Starts stand-in workers, or fails to while `cannotStart` is set. */
class StandInHost implements Host {
  readonly started: StandInWorker[] = [];
  cannotStart: Error | undefined;
  constructor(private readonly onPost?: (message: AnyIn, worker: StandInWorker) => void) {}
  async startWorker<S extends WorkerScript>(_script: S, events: WorkerEvents<Workers[S]['out']>): Promise<WorkerHandle<Workers[S]['in']>> {
    if (this.cannotStart) throw this.cannotStart;
    const worker = new StandInWorker(events as WorkerEvents<never>, this.onPost);
    this.started.push(worker);
    return worker;
  }
  catalogReader(): never {
    throw new Error('not used here');
  }
  fetchText(): never {
    throw new Error('not used here');
  }
  async readExtensionFile(...path: string[]): Promise<Uint8Array> {
    return vscode.workspace.fs.readFile(vscode.Uri.joinPath(vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri, ...path));
  }
}

const types = (worker: StandInWorker | undefined) => worker?.received.map((m) => m.type) ?? [];

/** Applies an insertion, and returns once the extension host has taken the change (and told its listeners). */
async function insert(doc: vscode.TextDocument, offset: number, text: string): Promise<void> {
  const version = doc.version;
  const edit = new vscode.WorkspaceEdit();
  edit.insert(doc.uri, doc.positionAt(offset), text);
  assert.ok(await vscode.workspace.applyEdit(edit));
  await until(() => doc.version > version, 'the edit reached the extension host');
}

/** A message posted last: once the worker has it, it has everything posted before it. */
async function drained(link: WorkerLink<'scan-worker'>, worker: () => StandInWorker | undefined): Promise<void> {
  const id = Math.floor(Math.random() * 1e9);
  link.post({ type: 'chatModels', id, doc: 'marker' });
  await until(() => worker()?.received.some((m) => m.type === 'chatModels' && m.id === id) ?? false, 'the last message arrived');
  worker()!.received.pop();
}

function linkEvents(overrides: Partial<WorkerLinkEvents<'scan-worker'>> = {}) {
  const seen = { gone: [] as (Error | undefined)[], failed: [] as string[] };
  const events: WorkerLinkEvents<'scan-worker'> = {
    onMessage: () => undefined,
    onGone: (error) => seen.gone.push(error),
    onCannotStart: () => undefined,
    onPostFailed: (message) => seen.failed.push(message.type),
    ...overrides,
  };
  return { events, seen };
}

const openMessage =
  (document: vscode.TextDocument) =>
  (text: TextParts): ToScanner => ({ type: 'open', doc: document.uri.toString(), text, languageId: document.languageId, scope: 'boxOverrides', maxLength: 1 << 20 });

/** The text a worker holds after the messages it was sent (open, append, edit), by document. */
function copies(worker: StandInWorker): Map<string, string> {
  const texts = new Map<string, string>();
  for (const message of worker.received) {
    if (message.type === 'open') texts.set(message.doc, joinParts(message.text));
    if (message.type === 'append') texts.set(message.doc, texts.get(message.doc)! + joinParts(message.text));
    if (message.type === 'edit') texts.set(message.doc, applyTextChanges(texts.get(message.doc)!, message.changes, message.length)!);
  }
  return texts;
}

describe('the host side of the workers, in a real VS Code', () => {
  // What the services log, kept here rather than shown in the workbench's output panel.
  const logged: string[] = [];
  const log = { trace: () => undefined, info: (m: string) => logged.push(m), warn: (m: string) => logged.push(m), error: (m: string) => logged.push(m), show: () => undefined, dispose: () => undefined } as unknown as Log;
  before(async () => {
    await activateExtension();
  });
  afterEach(closeAll);

  it("drops its copy when the document's last tab closes, though VS Code keeps the document open", async () => {
    const host = new StandInHost();
    const link = new WorkerLink(host, 'scan-worker', linkEvents().events);
    try {
      // A saved file: closing its last tab asks nothing.
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'tokens', 'prompt.md'));
      const first = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
      await vscode.window.showTextDocument(doc, vscode.ViewColumn.Two);
      link.sync(doc, 'x', openMessage(doc));
      await drained(link, () => host.started[0]);
      // One of two tabs closed: the copy stays.
      await vscode.window.showTextDocument(first.document, first.viewColumn);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await drained(link, () => host.started[0]);
      assert.deepEqual(types(host.started[0]), ['open']);
      assert.ok(link.holds(doc));
      // The last one: the copy goes, and the document is still open in VS Code.
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await until(() => !link.holds(doc), 'the copy was dropped');
      await drained(link, () => host.started[0]);
      assert.deepEqual(types(host.started[0]), ['open', 'close']);
      assert.equal(doc.isClosed, false);
    } finally {
      link.dispose();
    }
  });

  it('sends a document once, then its edits in order, and nothing after it is forgotten', async () => {
    const host = new StandInHost();
    const { events } = linkEvents();
    const link = new WorkerLink(host, 'scan-worker', events);
    try {
      const doc = await openUntitled('json', '{"a": 1}');
      link.sync(doc, 'x', openMessage(doc));
      link.sync(doc, 'x', openMessage(doc));
      await insert(doc, 1, ' ');
      await drained(link, () => host.started[0]);
      assert.equal(host.started.length, 1);
      const worker = host.started[0];
      assert.deepEqual(types(worker), ['open', 'edit']);
      assert.deepEqual(worker.received[1], { type: 'edit', doc: doc.uri.toString(), changes: [{ offset: 1, removed: 0, inserted: ' ' }], length: doc.getText().length });
      // Sent again under another tag (other settings), then forgotten before its turn: only a close, and no more edits.
      link.sync(doc, 'y', openMessage(doc));
      link.forget(doc);
      await insert(doc, 1, ' ');
      await drained(link, () => worker);
      assert.deepEqual(types(worker), ['open', 'edit', 'close']);
    } finally {
      link.dispose();
    }
  });

  it("sends a large text as the document's lines, a part at a time, and its copy stays exact when an edit lands between two turns", async () => {
    // A CRLF file of short lines with one line longer than a turn's worth in the middle.
    const line = `${'x'.repeat(15)}\r\n`;
    const long = 'y'.repeat(1.5 * TEXT_SLICE);
    const file = join(mkdtempSync(join(tmpdir(), 'box-ai-models-slices-')), 'large.txt');
    writeFileSync(file, `${line.repeat(70_000)}${long}\r\n${line.repeat(70_000)}`);
    const doc = await vscode.workspace.openTextDocument(file);
    assert.equal(doc.eol, vscode.EndOfLine.CRLF);
    let editAtTurn: (() => Promise<void>) | undefined;
    const messagesAtTurns: number[] = [];
    const host = new StandInHost();
    const link = new WorkerLink(host, 'scan-worker', linkEvents().events, async () => {
      messagesAtTurns.push(host.started[0].received.length);
      const edit = editAtTurn;
      editAtTurn = undefined;
      await edit?.();
    });
    const textsOf = (messages: AnyIn[]) => messages.map((m) => (m.type === 'open' || m.type === 'append' ? m.text : ''));
    try {
      link.sync(doc, 'x', openMessage(doc));
      await drained(link, () => host.started[0]);
      const worker = host.started[0];
      assert.equal(copies(worker).get(doc.uri.toString()), doc.getText());
      const sent = textsOf(worker.received);
      assert.deepEqual(types(worker), ['open', ...sent.slice(1).map(() => 'append')]);
      // Each message: the document's own lines and line breaks (the long line in slices), at most
      // MESSAGE_PARTS of them and TEXT_SLICE characters.
      for (const parts of sent) {
        assert.ok(Array.isArray(parts));
        assert.ok(parts.length <= MESSAGE_PARTS);
        assert.ok(parts.join('').length <= TEXT_SLICE);
        for (const part of parts) assert.ok(part === '\r\n' || part === 'x'.repeat(15) || /^y+$/.test(part), JSON.stringify(part.slice(0, 20)));
      }
      assert.deepEqual(
        sent.flat().filter((part) => part.startsWith('y')).map((part) => part.length),
        [TEXT_SLICE, 0.5 * TEXT_SLICE],
      );
      // A turn of the host's event loop after each TEXT_SLICE characters or TURN_MESSAGES messages.
      const ends = [...messagesAtTurns, sent.length];
      const lengthAt = (count: number) => sent.slice(0, count).join('').length;
      assert.ok(ends.length >= 3);
      for (const [i, end] of ends.entries()) {
        const start = i > 0 ? ends[i - 1] : 0;
        const turn = lengthAt(end) - lengthAt(start);
        const full = turn >= TEXT_SLICE || end - start === TURN_MESSAGES;
        assert.ok(turn < 2 * TEXT_SLICE && end - start <= TURN_MESSAGES && (full || (i === ends.length - 1 && turn > 0)), `turn ${i}: ${turn} characters`);
      }

      // Sent again, and edited after its first turn: the rest would mix two versions, so the text goes
      // again from one read, and the edit it holds is not sent on top of it.
      const before = worker.received.length;
      messagesAtTurns.length = 0;
      editAtTurn = () => insert(doc, 10, 'edited');
      link.forget(doc);
      link.sync(doc, 'x', openMessage(doc));
      await drained(link, () => worker);
      const again = types(worker).slice(before);
      const firstTurn = messagesAtTurns[0] - before - 1;
      assert.deepEqual(again.slice(0, 2 + firstTurn), ['close', 'open', ...Array(firstTurn - 1).fill('append'), 'open']);
      assert.deepEqual(again.slice(2 + firstTurn), Array(Math.ceil(doc.getText().length / TEXT_SLICE) - 1).fill('append'));
      assert.ok(doc.getText().startsWith(`${'x'.repeat(10)}edited`));
      assert.equal(copies(worker).get(doc.uri.toString()), doc.getText());
      // Later edits go on top of it as before.
      const edited = worker.received.length;
      await insert(doc, doc.getText().length, 'end');
      await drained(link, () => worker);
      assert.deepEqual(types(worker).slice(edited), ['edit']);
      assert.equal(copies(worker).get(doc.uri.toString()), doc.getText());
    } finally {
      link.dispose();
      await doc.save(); // a temporary file: saved rather than left dirty
    }
  });

  it('an edit made before the text is read is not sent on top of it', async () => {
    // A worker that starts only when the test says: the text waits for its turn, and the edit is made meanwhile.
    let start!: () => void;
    const started = new Promise<void>((resolve) => (start = resolve));
    const host = new StandInHost();
    const slowHost: Pick<Host, 'startWorker'> = {
      startWorker: async (script, events) => {
        await started;
        return host.startWorker(script, events);
      },
    };
    const link = new WorkerLink(slowHost, 'scan-worker', linkEvents().events);
    try {
      const doc = await openUntitled('json', '{"a": 1}');
      link.sync(doc, 'x', openMessage(doc));
      await insert(doc, 1, ' ');
      start();
      await drained(link, () => host.started[0]);
      assert.deepEqual(types(host.started[0]), ['open']);
      assert.equal(copies(host.started[0]).get(doc.uri.toString()), '{ "a": 1}');
    } finally {
      link.dispose();
    }
  });

  it('starts a new worker after one is gone, and sends the documents again', async () => {
    const host = new StandInHost();
    const { events, seen } = linkEvents();
    const link = new WorkerLink(host, 'scan-worker', events);
    try {
      const doc = await openUntitled('json', '{}');
      link.sync(doc, 'x', openMessage(doc));
      await drained(link, () => host.started[0]);
      const crash = new Error('out of memory');
      host.started[0].events.onGone(crash);
      assert.deepEqual(seen.gone, [crash]);
      assert.equal(link.holds(doc), false);
      link.sync(doc, 'x', openMessage(doc));
      await drained(link, () => host.started[1]);
      assert.equal(host.started.length, 2);
      assert.deepEqual(types(host.started[1]), ['open']);
      // A late word from the old worker changes nothing.
      host.started[0].events.onGone(undefined);
      assert.equal(seen.gone.length, 1);
      link.dispose();
      await until(() => host.started[1].terminated, 'the worker was stopped');
    } finally {
      link.dispose();
    }
  });

  it('where no worker can start: messages go to a stand-in in order, or fail and the next one tries again', async () => {
    const host = new StandInHost();
    host.cannotStart = new Error('no workers here');
    const standIn = new StandInWorker({ onMessage: () => undefined, onGone: () => undefined });
    const withStandIn = new WorkerLink(host, 'scan-worker', linkEvents({ onCannotStart: () => standIn }).events);
    const { events, seen } = linkEvents();
    const without = new WorkerLink(host, 'scan-worker', events);
    try {
      const doc = await openUntitled('json', '{}');
      withStandIn.sync(doc, 'x', openMessage(doc));
      withStandIn.post({ type: 'chatModels', id: 1, doc: doc.uri.toString() });
      without.sync(doc, 'x', openMessage(doc));
      without.post({ type: 'chatModels', id: 2, doc: doc.uri.toString() });
      await until(() => standIn.received.length === 2 && seen.failed.length === 2, 'both messages went to the stand-in, and both failed without one');
      assert.deepEqual(types(standIn), ['open', 'chatModels']);
      assert.deepEqual(seen.failed, ['open', 'chatModels']);
      assert.deepEqual(seen.gone, [undefined]);
      assert.equal(without.holds(doc), false, 'a worker that never started holds nothing');
      host.cannotStart = undefined;
      without.post({ type: 'chatModels', id: 3, doc: doc.uri.toString() });
      await until(() => types(host.started[0]).length === 1, 'the message reached a worker started now');
      assert.equal(host.started.length, 1);
      assert.deepEqual(types(host.started[0]), ['chatModels']);
    } finally {
      withStandIn.dispose();
      without.dispose();
    }
  });

  it('a message its beforePost step declines is not sent, and the next one is', async () => {
    const host = new StandInHost();
    const link = new WorkerLink(host, 'scan-worker', linkEvents({ beforePost: async (message) => message.type !== 'close' }).events);
    try {
      link.post({ type: 'close', doc: 'a' });
      link.post({ type: 'chatModels', id: 1, doc: 'a' });
      await until(() => types(host.started[0]).length > 0, 'a message was sent');
      await drained(link, () => host.started[0]);
      assert.deepEqual(types(host.started[0]), ['chatModels']);
    } finally {
      link.dispose();
    }
  });

  it('the slot service scans small documents on the extension host, and starts its worker for the first larger one', async () => {
    const host = new StandInHost((message, worker) => {
      const scanning = ((worker as StandInWorker & { scanning?: Scanning }).scanning ??= new Scanning((answer) => worker.events.onMessage(answer as never)));
      scanning.onMessage(message as ToScanner);
    });
    const slots = new SlotService(host, log, 200);
    const override = (model: string) => `{"ai_agent": {"type": "ai_agent_ask", "basic_text": {"model": "${model}"}}}`;
    try {
      const small = await openUntitled('json', override('aws__claude_3_7_sonnet'));
      assert.deepEqual(await slots.chatModelNames(small), ['aws__claude_3_7_sonnet']);
      await insert(small, small.getText().indexOf('aws__'), 'x');
      assert.deepEqual(await slots.chatModelNames(small), ['xaws__claude_3_7_sonnet'], 'the host copy follows edits');
      assert.equal(host.started.length, 0, 'no worker for a small document');

      const large = await openUntitled('json', `${override('azure__openai__gpt_4o_mini')}${' '.repeat(300)}`);
      assert.deepEqual(await slots.chatModelNames(large), ['azure__openai__gpt_4o_mini']);
      assert.equal(host.started.length, 1);
      assert.deepEqual(types(host.started[0]), ['open', 'chatModels']);

      // The small one grows past the size: from then on the worker scans it, from its text as it is now.
      await insert(small, small.getText().length, ' '.repeat(300));
      assert.deepEqual(await slots.chatModelNames(small), ['xaws__claude_3_7_sonnet']);
      assert.deepEqual(types(host.started[0]), ['open', 'chatModels', 'open', 'chatModels']);
      await insert(small, small.getText().indexOf('xaws__'), 'y');
      assert.deepEqual(await slots.chatModelNames(small), ['yxaws__claude_3_7_sonnet']);
      assert.equal(host.started.length, 1);
    } finally {
      slots.dispose();
    }
  });

  it('the slot service scans on the extension host where no worker can start', async () => {
    const host = new StandInHost();
    host.cannotStart = new Error('no workers here');
    const slots = new SlotService(host, log, 0);
    try {
      const doc = await openUntitled('json', '{"ai_agent": {"type": "ai_agent_ask", "basic_text": {"model": "aws__claude_3_7_sonnet"}}}');
      assert.deepEqual(await slots.chatModelNames(doc), ['aws__claude_3_7_sonnet']);
      const slot = await slots.slotAt(doc, doc.positionAt(doc.getText().indexOf('aws__') + 3));
      assert.equal(slot?.value, 'aws__claude_3_7_sonnet');
      assert.equal(host.started.length, 0);
    } finally {
      slots.dispose();
    }
  });

  it('the slot service asks again, with the text, when its worker goes away before answering', async () => {
    // Each stand-in scans as the real worker does, except that the first one goes away when asked.
    let scanned = 0;
    const host = new StandInHost((message, worker) => {
      const scanning = ((worker as StandInWorker & { scanning?: Scanning }).scanning ??= new Scanning((answer) => worker.events.onMessage(answer as never)));
      if (message.type === 'chatModels' && host.started.indexOf(worker) === 0) return void setTimeout(() => worker.events.onGone(new Error('gone')), 10);
      scanning.onMessage(message as ToScanner);
      if (message.type === 'chatModels') scanned++;
    });
    const slots = new SlotService(host, log, 0);
    try {
      const doc = await openUntitled('json', '{"ai_agent": {"type": "ai_agent_ask", "basic_text": {"model": "aws__claude_3_7_sonnet"}}}');
      assert.deepEqual(await slots.chatModelNames(doc), ['aws__claude_3_7_sonnet']);
      assert.equal(host.started.length, 2);
      assert.deepEqual(types(host.started[1]), ['open', 'chatModels']);
      assert.equal(scanned, 1);
    } finally {
      slots.dispose();
    }
  });

  it("the token counter answers a count the worker dropped because the document's last tab closed", async () => {
    // The stand-in never answers, as the real worker drops a closed document's count unanswered.
    const host = new StandInHost();
    const tokens = new TokenService(host, log, 0);
    try {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'tokens', 'prompt.md'));
      await vscode.window.showTextDocument(doc);
      let answer: unknown = 'nothing yet';
      void tokens.count(doc, 'o200k_base', []).then((result) => (answer = result));
      await until(() => types(host.started[0]).includes('count'), 'the count was sent');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await until(() => types(host.started[0]).includes('close'), 'the worker was told to drop the document');
      await until(() => answer === undefined, 'the count was answered with nothing');
      assert.equal(doc.isClosed, false);
    } finally {
      tokens.dispose();
    }
  });

  it('the token counter counts small documents on the extension host, and starts its worker for the first larger one or for Gemma 3', async () => {
    // Each stand-in counts as the real worker does (without helpers).
    const host = new StandInHost((message, worker) => {
      const counting = ((worker as StandInWorker & { counting?: Counting }).counting ??= new Counting(
        (answer) => worker.events.onMessage(answer as never),
        () => new Promise((resolve) => setTimeout(resolve, 0)),
      ));
      counting.onMessage(message as ToWorker);
    });
    const tokens = new TokenService(host, log, 200);
    const counted = async (doc: vscode.TextDocument, encoding: EncodingName) => (await tokens.count(doc, encoding, []))?.documentTokens;
    try {
      const small = await openUntitled('plaintext', 'Summarize the attached contract in three sentences.');
      assert.equal(await counted(small, 'o200k_base'), referenceEngine('o200k_base').count(small.getText()));
      await insert(small, 0, 'Please: ');
      assert.equal(await counted(small, 'o200k_base'), referenceEngine('o200k_base').count(small.getText()), 'the host copy follows edits');
      assert.equal(await counted(small, 'claude'), referenceEngine('claude').count(small.getText()));
      assert.equal(host.started.length, 0, 'no worker for a small document in byte-pair vocabularies');

      const large = await openUntitled('plaintext', 'word '.repeat(60));
      assert.equal(await counted(large, 'o200k_base'), referenceEngine('o200k_base').count(large.getText()));
      assert.equal(host.started.length, 1);
      assert.deepEqual(types(host.started[0]), ['open', 'ranks', 'count']);

      // Gemma 3's vocabulary is counted in the worker, whatever the size; the document stays there.
      assert.equal(await counted(small, 'gemma3'), referenceEngine('gemma3').count(small.getText()));
      assert.deepEqual(types(host.started[0]).slice(3), ['open', 'ranks', 'count']);
      assert.equal(await counted(small, 'o200k_base'), referenceEngine('o200k_base').count(small.getText()));
      assert.deepEqual(types(host.started[0]).slice(6), ['count']);

      // A small document that grows past the size moves to the worker, from its text as it is now, and keeps following edits.
      const growing = await openUntitled('plaintext', 'short text');
      assert.equal(await counted(growing, 'o200k_base'), referenceEngine('o200k_base').count(growing.getText()));
      await insert(growing, growing.getText().length, ' grows'.repeat(50));
      assert.equal(await counted(growing, 'o200k_base'), referenceEngine('o200k_base').count(growing.getText()));
      await insert(growing, 0, 'It ');
      assert.equal(await counted(growing, 'o200k_base'), referenceEngine('o200k_base').count(growing.getText()));
      assert.deepEqual(types(host.started[0]).slice(7), ['open', 'count', 'edit', 'count']);
      assert.equal(host.started.length, 1);
    } finally {
      tokens.dispose();
    }
  });

  it('the token counter says why it cannot count where no worker can start, and tries again on the next count', async () => {
    const host = new StandInHost();
    host.cannotStart = new Error('no workers here');
    const tokens = new TokenService(host, log, 0);
    try {
      const doc = await openUntitled('plaintext', 'hello world');
      assert.equal(await tokens.count(doc, 'o200k_base', []), undefined);
      assert.equal(tokens.unavailable, 'no workers here');
      assert.ok(logged.includes('token counting is not available in this extension host: no workers here'));
      host.cannotStart = undefined;
      // The stand-in never answers; what matters is what it is sent, in order.
      void tokens.count(doc, 'o200k_base', []);
      await until(() => types(host.started[0]).length >= 3, 'the text, the rank table and the count were sent');
      assert.deepEqual(types(host.started[0]), ['open', 'ranks', 'count']);
      assert.equal(tokens.unavailable, undefined);
    } finally {
      tokens.dispose();
    }
  });
});
