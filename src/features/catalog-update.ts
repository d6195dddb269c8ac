import * as vscode from 'vscode';
import { describeOrigin } from '../core/catalog/catalog';
import { describeChanges, hasChanges, summariseChanges, weeklyCheckDue } from '../core/catalog/update/changes';
import { describeRead, prepareUpdate } from '../core/catalog/update/prepare';
import { catalogUnchanged, DEFAULT_DOCS_SOURCE, docsReader, UpdateError } from '../core/catalog/update/read-source';
import { CatalogService } from '../platform/catalog-service';
import type { Host } from '../platform/host';
import { Log } from '../platform/log';
import { shownUri, userPathUri } from '../platform/user-path';

/** data/corrections.yaml as JSON, put into the bundle by the build: the importer applies it. */
declare const BUNDLED_CORRECTIONS_JSON: string;

export const UPDATE_COMMAND = 'boxAiModels.updateCatalog';
const LAST_CHECK_KEY = 'catalog.lastCheck';

/** How an update ended; the command returns it (for scripts and tests) after telling the user. */
export interface UpdateOutcome {
  outcome: 'applied' | 'unchanged' | 'declined' | 'cancelled' | 'failed';
  message: string;
}

/**
 * `Box AI: Update Model Catalog`: reads Box's model docs (the configured source), shows what would
 * change, and on the user's word keeps the new catalog in global storage. `Box AI: Use Bundled Model
 * Catalog` forgets it. No network use unless one of these runs, or the user turned the weekly check on.
 */
export function registerCatalogUpdate(context: vscode.ExtensionContext, catalogs: CatalogService, host: Host, log: Log): vscode.Disposable {
  let running: Promise<UpdateOutcome> | undefined;
  const update = (interactive: boolean): Promise<UpdateOutcome> => {
    // One update at a time: a second request joins the one under way.
    running ??= runUpdate(catalogs, host, log, interactive)
      .then(async (result) => {
        if (result.outcome !== 'failed' && result.outcome !== 'cancelled') await context.globalState.update(LAST_CHECK_KEY, Date.now());
        return result;
      })
      .finally(() => (running = undefined));
    return running;
  };

  // The weekly check, when the user turned it on: a while after start-up, so as not to slow it.
  let weekly: ReturnType<typeof setTimeout> | undefined;
  const scheduleWeekly = () => {
    clearTimeout(weekly);
    if (!vscode.workspace.getConfiguration('boxAiModels').get<boolean>('catalog.checkWeekly', false)) return;
    weekly = setTimeout(() => {
      if (weeklyCheckDue(context.globalState.get<number>(LAST_CHECK_KEY), Date.now())) void update(false);
    }, 20_000);
  };
  scheduleWeekly();

  return vscode.Disposable.from(
    vscode.commands.registerCommand(UPDATE_COMMAND, () => update(true)),
    vscode.commands.registerCommand('boxAiModels.useBundledCatalog', async () => {
      await catalogs.forgetStored();
      const message = `Box AI Models now uses the bundled model catalog (${describeOrigin(catalogs.base().origin)}).`;
      log.info(message);
      void vscode.window.showInformationMessage(message);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('boxAiModels.catalog.checkWeekly') && scheduleWeekly()),
    { dispose: () => clearTimeout(weekly) },
  );
}

async function runUpdate(catalogs: CatalogService, host: Host, log: Log, interactive: boolean): Promise<UpdateOutcome> {
  const settings = vscode.workspace.getConfiguration('boxAiModels');
  const source = settings.get<string>('catalog.source', DEFAULT_DOCS_SOURCE).trim() || DEFAULT_DOCS_SOURCE;
  const timeoutMs = Math.max(1, settings.get<number>('catalog.timeoutSeconds', 30)) * 1000;
  const cancel = new AbortController();
  const checkedOn = new Date().toISOString().slice(0, 10);
  let fetched;
  try {
    fetched = await vscode.window.withProgress(
      { location: interactive ? vscode.ProgressLocation.Notification : vscode.ProgressLocation.Window, title: "Box AI: reading Box's model docs", cancellable: true },
      async (progress, token) => {
        token.onCancellationRequested(() => cancel.abort());
        const { read, where, label, indexFile } = docsReaderFor(source, host, timeoutMs, cancel.signal, (file) => progress.report({ message: file }));
        const base = catalogs.base();
        const prepared = await prepareUpdate({ read, where, indexFile, label, base, corrections: JSON.parse(BUNDLED_CORRECTIONS_JSON), checkedOn });
        for (const warning of prepared.warnings) log.info(`catalog update: ${warning}`);
        return { ...prepared, where, base };
      },
    );
  } catch (error) {
    if (cancel.signal.aborted) return tell(log, interactive, 'cancelled', catalogUnchanged('Box AI model catalog update cancelled.'));
    const message = error instanceof UpdateError ? error.message : catalogUnchanged(`The model catalog could not be updated: ${(error as Error).message}.`);
    if (!(error instanceof UpdateError)) log.error('catalog update failed', error);
    return tell(log, interactive, 'failed', message);
  }

  const { data, next, where, base, changes, read } = fetched;
  if (!hasChanges(changes)) {
    return tell(log, interactive, 'unchanged', `Box AI model catalog: no changes. ${where} lists ${describeRead(read)}: the same models as the catalog in use (${describeOrigin(base.origin)}).`);
  }
  const lines = describeChanges(changes);
  log.info(`catalog update from ${where}: ${summariseChanges(changes)}\n${lines.join('\n')}`);
  const question = `Box's model docs differ from the catalog in use (${describeOrigin(base.origin)}): ${summariseChanges(changes)}.`;
  const review = interactive || (await vscode.window.showInformationMessage(`Box AI Models: ${question}`, 'Review…')) === 'Review…';
  const apply = review && (await confirmChanges(question, `${where} (${describeRead(read)})`, lines));
  if (!apply) return tell(log, false, 'declined', catalogUnchanged('Box AI model catalog update not applied.'));
  try {
    await catalogs.store(data, next);
  } catch (error) {
    log.error('the updated catalog could not be stored', error);
    return tell(log, true, 'failed', catalogUnchanged(`The updated model catalog could not be stored (${(error as Error).message}).`));
  }
  return tell(log, true, 'applied', `Box AI model catalog updated from ${where}: ${summariseChanges(changes)}. It lists ${describeRead(read)}.`);
}

/**
 * Shows the changes and asks whether to apply them: a picker whose first items answer and whose other
 * items are the changes, one per model (filterable, however many there are).
 */
async function confirmChanges(question: string, where: string, lines: string[]): Promise<boolean> {
  type Item = vscode.QuickPickItem & { apply?: boolean };
  const picker = vscode.window.createQuickPick<Item>();
  picker.title = question;
  picker.placeholder = 'Apply the changes, or press Escape to keep the catalog in use';
  picker.ignoreFocusOut = true;
  picker.items = [
    { label: '$(check) Apply', description: `use the catalog read from ${where}`, apply: true, alwaysShow: true },
    { label: '$(close) Keep the catalog in use', apply: false, alwaysShow: true },
    { label: 'Changes', kind: vscode.QuickPickItemKind.Separator },
    ...lines.map((line) => ({ label: line })),
  ];
  const answer = await new Promise<boolean>((resolve) => {
    picker.onDidAccept(() => {
      const picked = picker.selectedItems[0];
      if (picked?.apply !== undefined) resolve(picked.apply); // a change line only shows what changes
    });
    picker.onDidHide(() => resolve(false));
    picker.show();
  });
  picker.dispose();
  return answer;
}

/** Logs the outcome and, when the user is waiting for it, shows it: one message per update. */
function tell(log: Log, show: boolean, outcome: UpdateOutcome['outcome'], message: string): UpdateOutcome {
  log[outcome === 'failed' ? 'warn' : 'info'](message);
  if (show) {
    if (outcome === 'failed') {
      void vscode.window.showErrorMessage(message, 'Show Log').then((choice) => choice && log.show());
    } else void vscode.window.showInformationMessage(message);
  }
  return { outcome, message };
}

/**
 * A reader of the docs the source names: a URL (files fetched through the host, with its proxy
 * support), or a folder (a path, relative to the first workspace folder, or a URI).
 */
function docsReaderFor(source: string, host: Host, timeoutMs: number, cancel: AbortSignal, onFile: (name: string) => void): ReturnType<typeof docsReader> {
  return docsReader(source, {
    fetch: (url) => host.fetchText(url, timeoutMs, cancel),
    folder: (path) => {
      const folder = userPathUri(path);
      const readFile = async (name: string) => {
        try {
          return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, name)));
        } catch (error) {
          if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return undefined;
          throw error;
        }
      };
      return { where: `${shownUri(folder)}/`, readFile };
    },
    proxyHint: "VS Code's proxy settings (http.proxy)",
    onFile,
  });
}
