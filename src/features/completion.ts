import * as vscode from 'vscode';
import { SUPPORTED_LANGUAGES } from '../core/locate';
import { completionSortText, modelCardMarkdown, modelDetail } from '../core/present/card';
import type { ModelCard } from '../core/catalog/model';
import { CatalogService } from '../platform/catalog-service';
import { guarded, guardedAsync, Log } from '../platform/log';
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
      return guardedAsync(log, 'completion', undefined, async () => {
        const version = document.version;
        const slot = await slotService.slotAt(document, position);
        // Offsets read from an older version would point at the wrong text: VS Code asks again.
        if (!slot || document.version !== version) return undefined;
        const showPreview = vscode.workspace.getConfiguration('boxAiModels', document).get<boolean>('completion.showPreviewModels', true);
        const models = catalogs.get().offered(slot.kind, showPreview);

        // A written value (a string, or a YAML plain scalar) is replaced whole, whatever the insert mode;
        // with no value yet the item is inserted at the cursor and brings the language's quotes.
        const written = slot.quote !== '' || (slot.newQuote === '' && slot.value !== '');
        const range = written
          ? new vscode.Range(document.positionAt(slot.start), document.positionAt(slot.end))
          : new vscode.Range(position, position);
        const openQuote = slot.quote === '' ? slot.newQuote : '';
        const closeQuote = slot.quote === '' ? slot.newQuote : slot.terminated ? '' : slot.quote;
        // `model:|` in YAML needs a space before the value.
        const space = slot.newQuote === '' && !written && document.getText(new vscode.Range(position.translate(0, -Math.min(1, position.character)), position)) === ':' ? ' ' : '';

        return models.map((model) => {
          const item = new ModelCompletionItem(model);
          item.detail = modelDetail(model);
          item.sortText = completionSortText(model);
          item.insertText = `${space}${openQuote}${model.id}${closeQuote}`;
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
