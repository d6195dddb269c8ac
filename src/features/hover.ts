import * as vscode from 'vscode';
import { SUPPORTED_LANGUAGES } from '../core/locate';
import { nameLiteralAt } from '../core/locate/literal';
import { modelCardMarkdown } from '../core/present/card';
import { escapeMarkdown, inlineCode } from '../core/present/format';
import { describeOrigin } from '../core/catalog/catalog';
import { API_ID } from '../core/catalog/validate';
import { CatalogService } from '../platform/catalog-service';
import { guardedAsync, Log } from '../platform/log';
import { SlotService } from '../platform/slot-service';

/**
 * Shows a model's card when hovering its id in a `model` slot, or any string literal that is exactly a
 * known id or alias (models are often kept in constants). An unknown name in a slot says so.
 */
export function registerHover(catalogs: CatalogService, slotService: SlotService, log: Log): vscode.Disposable {
  const provider: vscode.HoverProvider = {
    provideHover(document, position) {
      return guardedAsync(log, 'hover', undefined, async () => {
        const version = document.version;
        const slot = await slotService.slotAt(document, position);
        if (document.version !== version) return undefined;
        const catalog = catalogs.get();
        if (slot && slot.value !== '') {
          const range = new vscode.Range(document.positionAt(slot.start), document.positionAt(slot.end));
          const hit = catalog.lookup(slot.value);
          if (hit) return new vscode.Hover(new vscode.MarkdownString(modelCardMarkdown(hit.model, catalog, slot.value)), range);
          const text = API_ID.test(slot.value)
            ? `${inlineCode(slot.value)} is not in the model catalog (${escapeMarkdown(describeOrigin(catalog.origin))}). Trigger completion inside the quotes to pick one, or run *Box AI: Update Model Catalog* if Box added it since.`
            : `${inlineCode(slot.value)} is not a Box AI model name: Box names models ${inlineCode('provider__model')}. Trigger completion inside the quotes to pick one.`;
          return new vscode.Hover(new vscode.MarkdownString(text), range);
        }
        const literal = nameLiteralAt(document.lineAt(position.line).text, position.character);
        const hit = literal && catalog.lookup(literal.value);
        if (!literal || !hit) return undefined;
        const range = new vscode.Range(position.line, literal.start, position.line, literal.end);
        return new vscode.Hover(new vscode.MarkdownString(modelCardMarkdown(hit.model, catalog, literal.value)), range);
      });
    },
  };
  return vscode.languages.registerHoverProvider(SUPPORTED_LANGUAGES.map((language) => ({ language })), provider);
}
