import * as vscode from 'vscode';
import { describeOrigin } from '../core/catalog/catalog';
import { completionSortText, modelDetail } from '../core/present/card';
import { CatalogService } from '../platform/catalog-service';
import { Log } from '../platform/log';

/** Palette commands: pick a model and insert its id; open the log. */
export function registerCommands(catalogs: CatalogService, log: Log): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('boxAiModels.insertModelId', async () => {
      const catalog = catalogs.get();
      const models = catalog.models
        .filter((m) => m.status !== 'retired')
        .sort((a, b) => completionSortText(a).localeCompare(completionSortText(b)));
      const picked = await vscode.window.showQuickPick(
        models.map((model) => ({ label: model.id, description: modelDetail(model), detail: `${model.kind === 'embedding' ? 'Embedding' : 'Chat'} model · ${model.provider}`, model })),
        { title: 'Insert Box AI model id', matchOnDescription: true, placeHolder: `Type to filter by id or name · catalog: ${describeOrigin(catalog.origin)}` },
      );
      if (picked) await insertModelId(picked.model.id);
    }),
    vscode.commands.registerCommand('boxAiModels.showLog', () => log.show()),
  );
}

/** Puts a model id at every cursor of the active editor, or on the clipboard when no editor is open. */
export async function insertModelId(id: string): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return copyModelId(id);
  await editor.edit((edit) => editor.selections.forEach((s) => edit.replace(s, id)));
}

export async function copyModelId(id: string): Promise<void> {
  await vscode.env.clipboard.writeText(id);
  void vscode.window.setStatusBarMessage(`Copied ${id} to the clipboard`, 3000);
}
