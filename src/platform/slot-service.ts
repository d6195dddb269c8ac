import * as vscode from 'vscode';
import { locateSlots, LocateResult, SlotScope } from '../core/locate';
import { Log } from './log';

/**
 * The model slots of each open document, computed once per document version and shared by
 * completion and hover. Entries are dropped when documents close.
 */
export class SlotService implements vscode.Disposable {
  private readonly cache = new Map<string, { version: number; scope: SlotScope; result: LocateResult }>();
  private readonly subscriptions: vscode.Disposable[];
  private readonly reportedSkips = new Set<string>();

  constructor(private readonly log: Log) {
    this.subscriptions = [vscode.workspace.onDidCloseTextDocument((doc) => this.cache.delete(doc.uri.toString()))];
  }

  slots(document: vscode.TextDocument): LocateResult {
    const key = document.uri.toString();
    const config = vscode.workspace.getConfiguration('boxAiModels', document);
    const scope = config.get<SlotScope>('slotScope', 'boxOverrides');
    const cached = this.cache.get(key);
    if (cached && cached.version === document.version && cached.scope === scope) return cached.result;
    const maxLength = Math.max(0, config.get<number>('maxFileSizeKB', 5120)) * 1024;
    const result = locateSlots(document.getText(), document.languageId, { scope, maxLength });
    if (result.skipped && result.skipped !== 'unsupported-language' && !this.reportedSkips.has(key)) {
      this.reportedSkips.add(key);
      const why = result.skipped === 'binary' ? 'it looks binary' : `it is larger than boxAiModels.maxFileSizeKB (${maxLength / 1024} KB)`;
      this.log.info(`not scanning ${document.uri.fsPath || key}: ${why}`);
    }
    this.cache.set(key, { version: document.version, scope, result });
    return result;
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.cache.clear();
  }
}
