import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SUPPORTED_LANGUAGES } from '../../src/core/locate';
import type { TestingApi } from '../../src/extension';
import { ui } from './ui-protocol';

export const EXTENSION_ID = 'box-ai-models.box-ai-models';

/** How messages name the bundled catalog (data/models.yaml's source and date). */
export const BUNDLED_CATALOG = 'Box developer docs (box/box-mintlify main, 9d553316), 2026-01-30';

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** What the extension gives its tests (it runs in VS Code's test mode here); activate it first. */
export function testingApi(): TestingApi {
  const api = vscode.extensions.getExtension<TestingApi | undefined>(EXTENSION_ID)?.exports;
  assert.ok(api, 'the extension gave no testing API: is it active, and run for tests?');
  return api;
}

/** Activates the extension under test, failing after a timeout instead of hanging. */
export async function activateExtension(timeoutMs = 20_000): Promise<vscode.Extension<unknown>> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not loaded`);
  await Promise.race([
    extension.activate(),
    new Promise((_, reject) => setTimeout(() => reject(new Error('activation timed out')), timeoutMs)),
  ]);
  // Built-in language contributions arrive asynchronously in the web workbench; a document opened
  // before its language is known stays plaintext there, and no language provider is asked about it.
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const known = await vscode.languages.getLanguages();
    const missing = SUPPORTED_LANGUAGES.filter((l) => !known.includes(l));
    if (missing.length === 0) break;
    if (Date.now() > deadline) throw new Error(`languages never registered: ${missing.join(', ')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return extension;
}

/** Waits (up to 10 s, however loaded the machine) for what is asynchronous to have happened. */
export async function until(check: () => boolean, what: string): Promise<void> {
  for (const deadline = Date.now() + 10_000; !check(); ) {
    if (Date.now() > deadline) assert.fail(`never: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

let untitledCount = 0;
/** Names this run's untitled documents apart from an earlier run's (Node and web hosts alike). */
const RUN = Date.now().toString(36);

/**
 * Opens a new untitled document holding `content` in `language`. Each gets a name of its own: VS Code
 * gives a new `Untitled-N` the backed-up text of a closed one that had the same name.
 */
export async function openUntitled(language: string, content: string): Promise<vscode.TextDocument> {
  const uri = vscode.Uri.from({ scheme: 'untitled', path: `box-ai-models-test-${RUN}-${++untitledCount}` });
  // Pin the language on the workbench's side too (see activateExtension).
  const doc = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(uri), language);
  const edit = new vscode.WorkspaceEdit();
  edit.insert(uri, new vscode.Position(0, 0), content);
  assert.ok(await vscode.workspace.applyEdit(edit), `could not fill ${uri}`);
  assert.equal(doc.getText(), content, `${uri} does not hold the requested text`);
  return doc;
}

/** Shows a file of the test workspace in an editor, with the cursor at its start. */
export async function showWorkspaceFile(...path: string[]): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, ...path));
  const editor = await vscode.window.showTextDocument(document);
  editor.selection = new vscode.Selection(0, 0, 0, 0); // VS Code restores a reopened file's last selection
  return editor;
}

/** Opens an untitled document from text with a `|` cursor marker; returns the document and the cursor. */
export async function openMarked(language: string, marked: string): Promise<{ doc: vscode.TextDocument; position: vscode.Position }> {
  const offset = marked.indexOf('|');
  assert.ok(offset >= 0, 'no | cursor marker');
  const doc = await openUntitled(language, marked.slice(0, offset) + marked.slice(offset + 1));
  return { doc, position: doc.positionAt(offset) };
}

/** Completion items at a position, as VS Code's own API returns them (all providers). */
export async function completionsAt(doc: vscode.TextDocument, position: vscode.Position, trigger?: string): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, position, trigger, 200);
  return list?.items ?? [];
}

/**
 * Completion items once `ready` holds for them, asking again for up to `timeoutMs`, so that a slow
 * first answer on a loaded machine is not taken for a wrong one. A provider that never answers
 * still fails the test.
 */
export async function completionsWhen(
  doc: vscode.TextDocument,
  position: vscode.Position,
  ready: (items: vscode.CompletionItem[]) => boolean,
  trigger?: string,
  timeoutMs = 10_000,
): Promise<vscode.CompletionItem[]> {
  const deadline = Date.now() + timeoutMs;
  let items = await completionsAt(doc, position, trigger);
  while (!ready(items) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    items = await completionsAt(doc, position, trigger);
  }
  return items;
}

export function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

/** Model-id-shaped labels only (provider__name), so other providers' items do not interfere. */
export function modelLabels(items: vscode.CompletionItem[]): string[] {
  return items.map(labelOf).filter((l) => /^[a-z0-9]+__[a-z0-9_.]+$/.test(l));
}

/** Applies a completion item the way the editor does: its range (or the word) replaced by its insert text. */
export async function accept(doc: vscode.TextDocument, position: vscode.Position, item: vscode.CompletionItem): Promise<string> {
  const range = item.range instanceof vscode.Range ? item.range : item.range ? item.range.replacing : doc.getWordRangeAtPosition(position) ?? new vscode.Range(position, position);
  const text = typeof item.insertText === 'string' ? item.insertText : item.insertText?.value ?? labelOf(item);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, range, text);
  assert.ok(await vscode.workspace.applyEdit(edit), 'edit was not applied');
  return doc.getText();
}

/** Hover contents as Markdown source, with backslash escapes removed so tests can match the shown text. */
export async function hoverText(doc: vscode.TextDocument, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position);
  return (hovers ?? [])
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n---\n')
    .replace(/\\(.)/g, '$1');
}

/**
 * Closes every editor and reverts the untitled documents the tests made, so that they (and their
 * backups) do not pile up over a run.
 */
export async function closeAll(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments.filter((d) => d.isUntitled && !d.isClosed)) {
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/**
 * A document's diagnostics from one source (the extension's by default) once `ready` holds for them,
 * asked again for up to `timeoutMs`.
 */
export async function diagnosticsWhen(
  uri: vscode.Uri,
  ready: (d: vscode.Diagnostic[]) => boolean,
  fromSource: (source: string | undefined) => boolean = (source) => source === 'box-ai-models',
  timeoutMs = 20_000,
): Promise<vscode.Diagnostic[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = vscode.languages.getDiagnostics(uri).filter((d) => fromSource(d.source));
    if (ready(found) || Date.now() > deadline) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The extension's diagnostics for the document's current text, besides the one on `sentinel` (a
 * deliberately unknown model id written after everything the test edits). No diagnostics cannot tell
 * "checked and clean" from "not checked yet"; the sentinel's diagnostic at its current range can, as
 * every edit before it moves it and each check covers the whole document.
 */
export async function diagnosticsBesides(doc: vscode.TextDocument, sentinel: string): Promise<vscode.Diagnostic[]> {
  const onSentinel = (d: vscode.Diagnostic) => d.range.isEqual(rangeOf(doc, sentinel));
  const found = await diagnosticsWhen(doc.uri, (d) => d.some(onSentinel));
  assert.ok(found.some(onSentinel), `the sentinel ${sentinel} was never reported where it now stands`);
  return found.filter((d) => !onSentinel(d));
}

/** The range of the n-th (from 0) occurrence of `text` in the document. */
export function rangeOf(doc: vscode.TextDocument, text: string, occurrence = 0): vscode.Range {
  let offset = -1;
  for (let i = 0; i <= occurrence; i++) offset = doc.getText().indexOf(text, offset + 1);
  assert.ok(offset >= 0, `${text} not in ${doc.uri}`);
  return new vscode.Range(doc.positionAt(offset), doc.positionAt(offset + text.length));
}

/** Applies the preferred quick fix VS Code offers for a diagnostic of the extension. */
export async function applyPreferredFix(doc: vscode.TextDocument, diagnostic: vscode.Diagnostic): Promise<void> {
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
  // (The command does not return the actions' diagnostics; the range picks the one asked about.)
  const fix = (actions ?? []).find((a) => a.isPreferred);
  assert.ok(fix?.edit, `no preferred quick fix for ${diagnostic.code}: ${(actions ?? []).map((a) => a.title).join(', ')}`);
  assert.ok(await vscode.workspace.applyEdit(fix.edit));
}

export const TOKEN_STATUS_ID = 'boxAiModels.tokenCount';

/** The token count's status bar item, text and class, read from the workbench once `ready` holds for the text (asked again for up to 20 s). */
export async function statusWhen(ready: (text: string) => boolean, what: string, timeoutMs = 20_000): Promise<{ text: string; className: string }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await ui({ action: 'statusbar', id: TOKEN_STATUS_ID });
    const last = { text: (response.texts ?? [])[0] ?? '', className: response.className ?? '' };
    if (ready(last.text)) return last;
    if (Date.now() > deadline) assert.fail(`status bar never showed ${what}; last: "${last.text}"`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
