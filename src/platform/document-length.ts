import type * as vscode from 'vscode';
import type { TextChange } from '../core/tokens/document';

/** A document's length in characters, without copying its text. */
export function documentLength(document: vscode.TextDocument): number {
  return document.offsetAt(document.lineAt(document.lineCount - 1).range.end);
}

/** An edit event's changes as the workers apply them to their copies. */
export function textChanges(event: vscode.TextDocumentChangeEvent): TextChange[] {
  return event.contentChanges.map((c) => ({ offset: c.rangeOffset, removed: c.rangeLength, inserted: c.text }));
}
