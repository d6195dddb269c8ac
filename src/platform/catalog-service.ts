import * as vscode from 'vscode';
import { Catalog, catalogFromData, formatProblem } from '../core/catalog/catalog';
import type { Host } from './host';
import { Log } from './log';

/** data/models.yaml as JSON, put into the bundle by the build (scripts/build.mjs). */
declare const BUNDLED_CATALOG_JSON: string;
const BUNDLED_SOURCE = 'the bundled catalog';

/**
 * Owns the model catalog: the bundled one plus the user's extra catalog files
 * (`boxAiModels.extraCatalogFiles`). The bundled one is there from the first request; users' files are
 * read (through `workspace.fs`, in every extension host) after it, and `onDidChange` fires when they
 * are in. Broken user entries are reported and skipped; the rest stay.
 */
export class CatalogService implements vscode.Disposable {
  private bundled: Catalog | undefined;
  private catalog: Catalog | undefined;
  /** Bumped by every reset: a read of users' files that an older reset started is dropped. */
  private generation = 0;
  private readonly subscriptions: vscode.Disposable[] = [];
  private reportedProblems = new Set<string>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the catalog changed (the user's catalog files were read, or changed). */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly host: Host,
    private readonly log: Log,
  ) {
    this.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('boxAiModels.extraCatalogFiles')) this.reset();
      }),
      vscode.workspace.onDidSaveTextDocument((doc) => {
        if (this.userFiles().some((uri) => uri.toString() === doc.uri.toString())) this.reset();
      }),
    );
  }

  private reset(): void {
    this.catalog = undefined;
    this.generation++;
    this.changed.fire();
  }

  get(): Catalog {
    if (!this.catalog) {
      this.bundled ??= this.readBundled();
      this.catalog = this.bundled;
      const files = this.userFiles();
      if (files.length > 0) void this.addUserFiles(files, this.generation);
    }
    return this.catalog;
  }

  private readBundled(): Catalog {
    const started = Date.now();
    try {
      const catalog = catalogFromData(JSON.parse(BUNDLED_CATALOG_JSON), BUNDLED_SOURCE);
      this.log.info(`catalog loaded: ${catalog.models.length} models in ${Date.now() - started} ms`);
      return catalog;
    } catch (error) {
      this.log.error('the bundled catalog is not valid JSON', error);
      return new Catalog([]);
    }
  }

  private async addUserFiles(files: vscode.Uri[], generation: number): Promise<void> {
    let catalog = this.bundled!;
    for (const uri of files) {
      const text = await this.readText(uri);
      if (text === undefined) continue;
      catalog = catalog.merge(this.host.catalogReader().parseCatalog(text, shown(uri)), shown(uri));
    }
    if (generation !== this.generation) return;
    this.catalog = catalog;
    this.log.info(`catalog with users' files: ${catalog.models.length} models`);
    this.reportProblems(catalog);
    this.changed.fire();
  }

  private reportProblems(catalog: Catalog): void {
    const fresh = catalog.problems.map(formatProblem).filter((p) => !this.reportedProblems.has(p));
    for (const problem of fresh) {
      this.reportedProblems.add(problem);
      this.log.warn(problem);
    }
    if (fresh.length) {
      void vscode.window
        .showWarningMessage(`Box AI Models: ${fresh.length} catalog problem(s); the entries concerned were skipped. ${fresh[0]}`, 'Show Log')
        .then((choice) => choice && this.log.show());
    }
  }

  private async readText(uri: vscode.Uri): Promise<string | undefined> {
    try {
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch (error) {
      this.log.error(`cannot read catalog file ${shown(uri)}`, error);
      void vscode.window.showErrorMessage(`Box AI Models: cannot read catalog file ${shown(uri)}.`);
      return undefined;
    }
  }

  /**
   * The user's extra catalog files. A relative path resolves against the first workspace folder; an
   * absolute one lies on the workspace's file system (so it also works in a remote or virtual
   * workspace on the web).
   */
  private userFiles(): vscode.Uri[] {
    const configured = vscode.workspace.getConfiguration('boxAiModels').get<string[]>('extraCatalogFiles', []);
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    return configured
      .filter((p) => typeof p === 'string' && p.trim() !== '')
      .map((p) => {
        if (/^[a-z][a-z0-9+.-]+:\/\//i.test(p)) return vscode.Uri.parse(p);
        const absolute = p.startsWith('/') || /^[a-z]:[\\/]/i.test(p);
        if (!folder) return vscode.Uri.file(p);
        if (absolute) return folder.scheme === 'file' ? vscode.Uri.file(p) : folder.with({ path: p });
        return vscode.Uri.joinPath(folder, p);
      });
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.changed.dispose();
  }
}

/** A catalog file as users name it: a path on their disk, or the URI of a remote or virtual one. */
function shown(uri: vscode.Uri): string {
  return uri.scheme === 'file' ? uri.fsPath : uri.toString();
}
