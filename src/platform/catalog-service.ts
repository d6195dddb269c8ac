import * as vscode from 'vscode';
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { Catalog, catalogFromData, formatProblem } from '../core/catalog/catalog';
import { Log } from './log';

/**
 * Owns the model catalog: the bundled one plus the user's extra catalog files
 * (`boxAiModels.extraCatalogFiles`). Nothing is read until a feature first asks. Broken user entries
 * are reported and skipped; the rest stay.
 */
export class CatalogService implements vscode.Disposable {
  private catalog: Catalog | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  private reportedProblems = new Set<string>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the catalog must be read again (the user's catalog files changed). */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly extensionPath: string,
    private readonly log: Log,
  ) {
    this.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('boxAiModels.extraCatalogFiles')) this.reset();
      }),
      vscode.workspace.onDidSaveTextDocument((doc) => {
        if (this.userFiles().includes(doc.uri.fsPath)) this.reset();
      }),
    );
  }

  private reset(): void {
    this.catalog = undefined;
    this.changed.fire();
  }

  get(): Catalog {
    this.catalog ??= this.load();
    return this.catalog;
  }

  private load(): Catalog {
    const started = Date.now();
    let catalog = this.readBundled();
    const userFiles = this.userFiles();
    if (userFiles.length) {
      // The YAML reader is its own bundle, loaded only when the user has extra catalog files.
      const { parseCatalog } = require(join(this.extensionPath, 'dist', 'catalog-yaml.js')) as typeof import('../core/catalog/yaml');
      for (const path of userFiles) {
        const text = this.readText(path);
        if (text !== undefined) catalog = catalog.merge(parseCatalog(text, path), path);
      }
    }
    this.log.info(`catalog loaded: ${catalog.models.length} models in ${Date.now() - started} ms`);
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
    return catalog;
  }

  /** The catalog shipped with the extension: data/models.yaml, converted to JSON at build time. */
  private readBundled(): Catalog {
    const path = join(this.extensionPath, 'dist', 'models.json');
    const text = this.readText(path);
    if (text === undefined) return new Catalog([]);
    try {
      return catalogFromData(JSON.parse(text), path);
    } catch (error) {
      this.log.error(`the bundled catalog ${path} is not valid JSON`, error);
      return new Catalog([]);
    }
  }

  private readText(path: string): string | undefined {
    try {
      return readFileSync(path, 'utf8');
    } catch (error) {
      this.log.error(`cannot read catalog file ${path}`, error);
      void vscode.window.showErrorMessage(`Box AI Models: cannot read catalog file ${path}.`);
      return undefined;
    }
  }

  /** Absolute paths of the user's extra catalog files (relative ones resolve against the first workspace folder). */
  private userFiles(): string[] {
    const configured = vscode.workspace.getConfiguration('boxAiModels').get<string[]>('extraCatalogFiles', []);
    const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    return configured
      .filter((p) => typeof p === 'string' && p.trim() !== '')
      .map((p) => (isAbsolute(p) || !root ? p : join(root, p)));
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.changed.dispose();
  }
}
