import * as vscode from 'vscode';
import { SUPPORTED_LANGUAGES } from '../core/locate';
import { nameLiteralAt } from '../core/locate/literal';
import { modelCardMarkdown } from '../core/present/card';
import { escapeMarkdown, inlineCode } from '../core/present/format';
import { Catalog, describeOrigin } from '../core/catalog/catalog';
import { API_ID } from '../core/catalog/validate';
import { familyOf } from '../core/check/model-checks';
import { UPDATE_COMMAND } from './catalog-update';
import { CatalogService } from '../platform/catalog-service';
import { guardedAsync, Log } from '../platform/log';
import { SlotService } from '../platform/slot-service';

/**
 * Shows a model's card when hovering its id in a `model` slot, or any string literal that is exactly a
 * known id or alias (models are often kept in constants). An unknown name in a slot says so.
 */
/** The hover of a name the catalog does not know: what it is not, and how Box may have added it since. */
function unknownModelHover(value: string, catalog: Catalog): vscode.MarkdownString {
  if (!API_ID.test(value)) {
    return new vscode.MarkdownString(`${inlineCode(value)} is not a Box AI model name: Box names models ${inlineCode('provider__model')}. Trigger completion inside the quotes to pick one.`);
  }
  const family = familyOf(value, catalog);
  const origin = escapeMarkdown(describeOrigin(catalog.origin));
  const update = `[Update the model catalog](command:${UPDATE_COMMAND} "Read Box's model docs now")`;
  const text = family
    ? `${inlineCode(value)} is not in the model catalog (${origin}), but it is named like Box's ${inlineCode(`${family}…`)} models: Box may have added it after ${escapeMarkdown(catalog.origin?.asOf ?? 'the catalog was read')}. ${update} to learn of it; its facts are unknown until then.`
    : `${inlineCode(value)} is not in the model catalog (${origin}). Trigger completion inside the quotes to pick one, or ${update} if Box added it since.`;
  const markdown = new vscode.MarkdownString(text);
  markdown.isTrusted = { enabledCommands: [UPDATE_COMMAND] };
  return markdown;
}

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
          return new vscode.Hover(unknownModelHover(slot.value, catalog), range);
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
