import * as vscode from 'vscode';
import { Catalog, describeOrigin } from '../core/catalog/catalog';
import { ModelCard } from '../core/catalog/model';
import { completionSortText, modelCardMarkdown, modelViewDescription } from '../core/present/card';
import { CatalogService } from '../platform/catalog-service';
import { guarded, Log } from '../platform/log';
import { copyModelId, insertModelId } from './commands';

const MODELS_VIEW_ID = 'boxAiModels.models';
const FILTERED_CONTEXT = 'boxAiModels.modelsFiltered';

type Node =
  | { type: 'group'; label: string; models: ModelCard[]; retired: boolean }
  | { type: 'model'; model: ModelCard };

/**
 * The "Box AI Models" view in the Explorer: current models by provider, retired ones in a collapsed
 * group, each with its tier, status, window, output limit and whether counts are exact; a filter; and
 * per model: insert, copy, count the active file against it, open Box's card. Its description names
 * the catalog in use (source and date).
 */
export function registerModelsView(catalogs: CatalogService, log: Log): vscode.Disposable {
  let filter = '';
  const changed = new vscode.EventEmitter<void>();
  const provider: vscode.TreeDataProvider<Node> = {
    onDidChangeTreeData: changed.event,
    getChildren: (node) =>
      guarded(log, 'models view', [], (): Node[] => {
        if (!node) return groups(matching(catalogs.get(), filter));
        return node.type === 'group' ? node.models.map((model) => ({ type: 'model', model })) : [];
      }),
    getTreeItem: (node) => (node.type === 'group' ? groupItem(node) : modelItem(node.model, catalogs.get())),
  };
  const view = vscode.window.createTreeView(MODELS_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  const refresh = () => {
    if (!view.visible) return; // read when shown (onDidChangeVisibility): activation stays cheap
    const catalog = catalogs.get();
    view.description = describeOrigin(catalog.origin);
    view.message = filter ? `Filter "${filter}": ${matching(catalog, filter).length} of ${catalog.models.length} models` : undefined;
    changed.fire();
  };
  const setFilter = (text: string) => {
    filter = text.trim();
    void vscode.commands.executeCommand('setContext', FILTERED_CONTEXT, filter !== '');
    refresh();
  };
  refresh();

  return vscode.Disposable.from(
    view,
    changed,
    catalogs.onDidChange(refresh),
    view.onDidChangeVisibility(refresh),
    vscode.commands.registerCommand('boxAiModels.models.filter', async (text?: unknown) => {
      const value = typeof text === 'string' ? text : await vscode.window.showInputBox({ title: 'Filter Box AI models', prompt: 'Words in the id, name, provider, tier or status', value: filter });
      if (value !== undefined) setFilter(value);
    }),
    vscode.commands.registerCommand('boxAiModels.models.clearFilter', () => setFilter('')),
    vscode.commands.registerCommand('boxAiModels.models.insert', (node?: unknown) => {
      const model = modelOf(node);
      return model && insertModelId(model.id);
    }),
    vscode.commands.registerCommand('boxAiModels.models.copy', (node?: unknown) => {
      const model = modelOf(node);
      return model && copyModelId(model.id);
    }),
    vscode.commands.registerCommand('boxAiModels.models.count', (node?: unknown) => {
      const model = modelOf(node);
      return model && vscode.commands.executeCommand('boxAiModels.selectTokenModel', model.id);
    }),
    vscode.commands.registerCommand('boxAiModels.models.openCard', (node?: unknown) => {
      const model = modelOf(node);
      return model && vscode.env.openExternal(vscode.Uri.parse(model.cardUrl));
    }),
  );
}

/** The model of a view item that a menu command was run on. */
function modelOf(node: unknown): ModelCard | undefined {
  const given = node as Node | undefined;
  return given?.type === 'model' ? given.model : undefined;
}

/** The models whose id, name, provider, hosting, tier, status or kind hold every word of the filter, in completion order. */
function matching(catalog: Catalog, filter: string): ModelCard[] {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  return catalog.models
    .filter((m) => {
      const text = [m.id, m.name, m.provider, m.hosting, m.tier, m.status, m.kind].join(' ').toLowerCase();
      return words.every((w) => text.includes(w));
    })
    .sort((a, b) => completionSortText(a).localeCompare(completionSortText(b)));
}

/** Current models by provider (providers by name), then the retired ones. */
function groups(kept: ModelCard[]): Node[] {
  const byProvider = new Map<string, ModelCard[]>();
  for (const model of kept.filter((m) => m.status !== 'retired')) byProvider.set(model.provider, [...(byProvider.get(model.provider) ?? []), model]);
  const nodes: Node[] = [...byProvider.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([provider, models]) => ({ type: 'group', label: provider, models, retired: false }));
  const retired = kept.filter((m) => m.status === 'retired');
  if (retired.length) nodes.push({ type: 'group', label: 'Retired', models: retired, retired: true });
  return nodes;
}

function groupItem(node: Extract<Node, { type: 'group' }>): vscode.TreeItem {
  const item = new vscode.TreeItem(node.label, node.retired ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded);
  item.id = `group:${node.label}`;
  item.description = `${node.models.length}`;
  item.iconPath = new vscode.ThemeIcon(node.retired ? 'archive' : 'organization');
  item.contextValue = 'boxAiModelGroup';
  return item;
}

function modelItem(model: ModelCard, catalog: Catalog): vscode.TreeItem {
  const item = new vscode.TreeItem(model.id, vscode.TreeItemCollapsibleState.None);
  item.id = `model:${model.id}`;
  item.description = modelViewDescription(model);
  item.tooltip = new vscode.MarkdownString(modelCardMarkdown(model, catalog));
  item.iconPath = new vscode.ThemeIcon(model.status === 'retired' ? 'circle-slash' : model.kind === 'embedding' ? 'symbol-array' : 'hubot');
  item.contextValue = 'boxAiModel';
  item.accessibilityInformation = { label: `${model.id}, ${model.name}: ${item.description}` };
  return item;
}
