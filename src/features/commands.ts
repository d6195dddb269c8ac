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
      const editor = vscode.window.activeTextEditor;
      if (!picked) return;
      if (!editor) {
        await vscode.env.clipboard.writeText(picked.model.id);
        void vscode.window.showInformationMessage(`Copied ${picked.model.id} to the clipboard.`);
        return;
      }
      await editor.edit((edit) => editor.selections.forEach((s) => edit.replace(s, picked.model.id)));
    }),
    vscode.commands.registerCommand('boxAiModels.showLog', () => log.show()),
  );
}
