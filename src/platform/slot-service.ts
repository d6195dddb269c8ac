import * as vscode from 'vscode';
import { IncrementalLocator, locatorFor, locateSlots, modelSlots, SkipReason, SUPPORTED_LANGUAGES, skipReason, Slot, slotAt, SlotScope } from '../core/locate';
import { documentLength } from './document-length';
import { Log } from './log';

interface Tracked {
  /** The document object itself: a new document can reuse a closed one's URI (untitled files do). */
  document: vscode.TextDocument;
  locator: IncrementalLocator<unknown>;
  languageId: string;
  scope: SlotScope;
  /** The document version the locator's snapshots agree with. */
  version: number;
  /** That version's text, so repeated requests (hover after completion) do not copy it again. */
  text: string | undefined;
  /** That version is not scanned (too large, binary): its text is not kept. */
  skipped: boolean;
}

/**
 * Finds the model slot at a position for completion and hover, and every slot for the checks. Keeps
 * one incremental locator per open document of a token-scanned language and tells it where each edit
 * happened, so a request after typing re-reads only the text near the edit rather than the whole
 * document. Languages read whole (YAML, Markdown, `.http`) are read once per version, for all three.
 */
export class SlotService implements vscode.Disposable {
  private readonly tracked = new Map<string, Tracked>();
  private readonly subscriptions: vscode.Disposable[];
  private readonly reportedSkips = new Set<string>();
  private readonly slotsByDocument = new WeakMap<vscode.TextDocument, { key: string; slots: Slot[]; models?: Slot[] }>();

  constructor(private readonly log: Log) {
    this.subscriptions = [
      vscode.workspace.onDidCloseTextDocument((doc) => this.tracked.delete(doc.uri.toString())),
      vscode.workspace.onDidChangeTextDocument((e) => {
        const entry = this.tracked.get(e.document.uri.toString());
        if (!entry || e.contentChanges.length === 0) return;
        entry.locator.invalidateFrom(Math.min(...e.contentChanges.map((c) => c.rangeOffset)));
        entry.version = e.document.version;
        entry.text = undefined;
        entry.skipped = false;
      }),
    ];
  }

  slotAt(document: vscode.TextDocument, position: vscode.Position): Slot | undefined {
    const { scope, maxLength } = settings(document);
    const key = document.uri.toString();
    let entry = this.tracked.get(key);
    if (!entry || entry.document !== document || entry.languageId !== document.languageId || entry.scope !== scope) {
      const locator = locatorFor(document.languageId, scope);
      if (!locator) return this.slotFromWholeRead(document, position);
      entry = { document, locator, languageId: document.languageId, scope, version: document.version, text: undefined, skipped: false };
      this.tracked.set(key, entry);
    } else if (entry.version !== document.version) {
      entry.locator.reset(); // an edit we were not told about: start over rather than trust old snapshots
      entry.version = document.version;
      entry.text = undefined;
      entry.skipped = false;
    }
    if (entry.text === undefined && !entry.skipped) {
      entry.text = this.textToScan(document, maxLength);
      entry.skipped = entry.text === undefined;
    }
    return entry.text === undefined ? undefined : entry.locator.slotAt(entry.text, document.offsetAt(position));
  }

  /** Every slot and reported setting in the document (none when it is not served or too large), kept per version. */
  allSlots(document: vscode.TextDocument): Slot[] {
    return this.read(document).slots;
  }

  private slotFromWholeRead(document: vscode.TextDocument, position: vscode.Position): Slot | undefined {
    const read = this.read(document);
    read.models ??= modelSlots(read.slots);
    return slotAt(read.models, document.offsetAt(position));
  }

  private read(document: vscode.TextDocument): { slots: Slot[]; models?: Slot[] } {
    const { scope, maxLength } = settings(document);
    const key = `${document.version}:${document.languageId}:${scope}:${maxLength}`;
    const cached = this.slotsByDocument.get(document);
    if (cached?.key === key) return cached;
    const read = { key, slots: this.locate(document, scope, maxLength) };
    this.slotsByDocument.set(document, read);
    return read;
  }

  private locate(document: vscode.TextDocument, scope: SlotScope, maxLength: number): Slot[] {
    const text = this.textToScan(document, maxLength);
    return text === undefined ? [] : locateSlots(text, document.languageId, scope, maxLength);
  }

  /** The document's text when it is to be scanned; otherwise undefined, with the reason logged once. */
  private textToScan(document: vscode.TextDocument, maxLength: number): string | undefined {
    if (!SUPPORTED_LANGUAGES.includes(document.languageId)) return undefined;
    // An oversized document is not scanned; do not copy its text to find out.
    if (documentLength(document) > maxLength) {
      this.reportSkip(document, 'too-large');
      return undefined;
    }
    const text = document.getText();
    const skipped = skipReason(text, document.languageId, maxLength);
    if (skipped) this.reportSkip(document, skipped);
    return skipped ? undefined : text;
  }

  /** The chat model names written in the document's Box slots, for the token counter's automatic choice. */
  chatModelNames(document: vscode.TextDocument): string[] {
    return this.allSlots(document).filter((s) => s.key === 'model' && s.kind === 'chat').map((s) => s.value);
  }

  private reportSkip(document: vscode.TextDocument, reason: SkipReason): void {
    const key = document.uri.toString();
    if (reason === 'unsupported-language' || this.reportedSkips.has(key)) return;
    this.reportedSkips.add(key);
    const why =
      reason === 'binary' ? 'it looks binary'
      : reason === 'too-large-to-parse' ? 'YAML over 512 KB is not parsed, to keep typing smooth'
      : 'it is larger than boxAiModels.maxFileSizeKB';
    this.log.info(`not scanning ${document.uri.fsPath || key}: ${why}`);
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.tracked.clear();
  }
}

function settings(document: vscode.TextDocument): { scope: SlotScope; maxLength: number } {
  const config = vscode.workspace.getConfiguration('boxAiModels', document);
  return { scope: config.get<SlotScope>('slotScope', 'boxOverrides'), maxLength: Math.max(0, config.get<number>('maxFileSizeKB', 5120)) * 1024 };
}
