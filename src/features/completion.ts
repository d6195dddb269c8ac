import * as vscode from 'vscode';
import { SUPPORTED_LANGUAGES } from '../core/locate';
import { completionSortText, modelCardMarkdown, modelDetail } from '../core/present/card';
import type { ModelCard } from '../core/catalog/model';
import { CatalogService } from '../platform/catalog-service';
import { guarded, Log } from '../platform/log';
import { SlotService } from '../platform/slot-service';

class ModelCompletionItem extends vscode.CompletionItem {
  constructor(readonly model: ModelCard) {
    super({ label: model.id, description: model.name }, vscode.CompletionItemKind.EnumMember);
  }
}

/** Completes Box AI model ids in `model` slots: chat models, or embedding models under `embeddings`. */
export function registerCompletion(catalogs: CatalogService, slotService: SlotService, log: Log): vscode.Disposable {
  const provider: vscode.CompletionItemProvider<ModelCompletionItem> = {
    provideCompletionItems(document, position) {
      return guarded(log, 'completion', undefined, () => {
        const slot = slotService.slotAt(document, position);
        if (!slot) return undefined;
        const showPreview = vscode.workspace.getConfiguration('boxAiModels', document).get<boolean>('completion.showPreviewModels', true);
        const models = catalogs.get().offered(slot.kind, showPreview);

        const quoted = slot.quote !== '';
        const start = quoted ? document.positionAt(slot.start) : position;
        // One range over the whole string content: accepting replaces it all, whatever the insert mode.
        const range = new vscode.Range(start, quoted ? document.positionAt(slot.end) : position);
        // Outside a string the item brings its own quotes; an unterminated string gets its closing quote.
        const openQuote = quoted ? '' : document.languageId.startsWith('json') ? '"' : "'";
        const closeQuote = quoted ? (slot.terminated ? '' : slot.quote) : openQuote;

        return models.map((model) => {
          const item = new ModelCompletionItem(model);
          item.detail = modelDetail(model);
          item.sortText = completionSortText(model);
          item.insertText = `${openQuote}${model.id}${closeQuote}`;
          item.filterText = `${openQuote}${model.id}`;
          item.range = range;
          return item;
        });
      });
    },
    resolveCompletionItem(item) {
      return guarded(log, 'completion details', item, () => {
        item.documentation = new vscode.MarkdownString(modelCardMarkdown(item.model, catalogs.get()));
        return item;
      });
    },
  };
  const selector = SUPPORTED_LANGUAGES.map((language) => ({ language }));
  return vscode.languages.registerCompletionItemProvider(selector, provider, '"', "'", '`');
}
