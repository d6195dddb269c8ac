import * as vscode from 'vscode';
import { API_ID } from '../core/catalog/validate';
import { CatalogService } from '../platform/catalog-service';
import { Log } from '../platform/log';
import { shownUri } from '../platform/user-path';

export const ADD_TO_WORKSPACE_CATALOG_COMMAND = 'boxAiModels.addToWorkspaceCatalog';
/** Where a workspace catalog is created when the user has none. */
const NEW_CATALOG_PATH = '.vscode/box-ai-models.yaml';
const HOSTING: Record<string, string> = {
  aws: 'Amazon Web Services (AWS)', azure: 'Microsoft Azure', google: 'Google Cloud', ibm: 'IBM', openai: 'OpenAI', xai: 'xAI',
};

/**
 * Adds a model id the catalog does not know to a workspace catalog file (the first of
 * `boxAiModels.extraCatalogFiles`, or a new `.vscode/box-ai-models.yaml` that the setting then names),
 * as an entry with what the id itself tells, and opens it there for the user to complete.
 */
export function registerWorkspaceCatalog(catalogs: CatalogService, log: Log): vscode.Disposable {
  return vscode.commands.registerCommand(ADD_TO_WORKSPACE_CATALOG_COMMAND, async (id?: unknown) => {
    if (typeof id !== 'string' || !API_ID.test(id)) return;
    const folder = vscode.workspace.workspaceFolders?.[0];
    const configured = catalogs.userFiles();
    if (!folder && configured.length === 0) {
      void vscode.window.showErrorMessage('Box AI Models: open a folder first; a workspace catalog file lives in the workspace.');
      return;
    }
    const file = configured[0] ?? vscode.Uri.joinPath(folder!.uri, NEW_CATALOG_PATH);
    let text = await vscode.workspace.fs.readFile(file).then((b) => new TextDecoder().decode(b), () => undefined);
    if (text !== undefined && new RegExp(`^\\s*-?\\s*id:\\s*["']?${id.replace(/\./g, '\\.')}["']?\\s*$`, 'm').test(text)) {
      await reveal(file, id);
      return;
    }
    text = text === undefined || text.trim() === '' ? newCatalogText() : text.replace(/\s*$/, '\n');
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(text + entryText(id)));
    if (configured.length === 0) {
      await vscode.workspace.getConfiguration('boxAiModels').update('extraCatalogFiles', [NEW_CATALOG_PATH], vscode.ConfigurationTarget.Workspace);
    } else catalogs.reload();
    log.info(`added ${id} to the workspace catalog ${shownUri(file)}`);
    await reveal(file, id);
  });
}

function newCatalogText(): string {
  return [
    "# Models this workspace uses that the Box AI Models catalog does not know yet (same format as the",
    "# extension's data/models.yaml). Named in the boxAiModels.extraCatalogFiles setting.",
    'version: 1',
    'models:',
    '',
  ].join('\n');
}

/** An entry with what the id tells; the rest is for the user to take from Box's card. */
function entryText(id: string): string {
  const provider = id.split('__')[0];
  return [
    `  - id: ${id}`,
    `    name: ${id}`,
    '    provider: Not known yet (see Box\'s model card)',
    `    hosting: ${HOSTING[provider] ?? provider}`,
    `    kind: ${/embedding/.test(id) ? 'embedding' : 'chat'}`,
    '    status: available',
    '    tokenizer: estimate',
    '    cardUrl: https://developer.box.com/guides/box-ai/ai-models/',
    '    notes:',
    `      - Added by hand on ${new Date().toISOString().slice(0, 10)}; fill in contextWindow, maxOutputTokens and the rest from Box's card.`,
    '',
  ].join('\n');
}

async function reveal(file: vscode.Uri, id: string): Promise<void> {
  const document = await vscode.workspace.openTextDocument(file);
  const at = document.getText().lastIndexOf(`id: ${id}`);
  const position = document.positionAt(Math.max(0, at));
  await vscode.window.showTextDocument(document, { selection: new vscode.Range(position, position) });
}
