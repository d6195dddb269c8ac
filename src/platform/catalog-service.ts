import * as vscode from 'vscode';
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { Catalog } from '../core/catalog/catalog';
import { Log } from './log';

/**
 * Owns the model catalog: the bundled data/models.yaml plus the user's extra catalog files
 * (`boxAiModels.extraCatalogFiles`). Nothing is read or parsed until a feature first asks, and the
 * YAML parser itself is only loaded then. Broken user entries are reported and skipped; the rest stay.
 */
export class CatalogService implements vscode.Disposable {
  private catalog: Catalog | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  private reportedProblems = new Set<string>();

  constructor(
    private readonly extensionPath: string,
    private readonly log: Log,
  ) {
    this.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('boxAiModels.extraCatalogFiles')) this.catalog = undefined;
      }),
      vscode.workspace.onDidSaveTextDocument((doc) => {
        if (this.userFiles().includes(doc.uri.fsPath)) this.catalog = undefined;
      }),
    );
  }

  get(): Catalog {
    this.catalog ??= this.load();
    return this.catalog;
  }

  private load(): Catalog {
    // Loaded here rather than imported at the top so that activation does not pay for the YAML parser.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Catalog: CatalogClass, parseCatalog, formatProblem } = require('../core/catalog/catalog') as typeof import('../core/catalog/catalog');
    const started = Date.now();
    const bundledPath = join(this.extensionPath, 'data', 'models.yaml');
    let catalog = this.read(bundledPath, parseCatalog) ?? new CatalogClass([]);
    for (const path of this.userFiles()) {
      const extra = this.read(path, parseCatalog);
      if (extra) catalog = catalog.merge(extra, path);
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

  private read(path: string, parse: (text: string, source: string) => Catalog): Catalog | undefined {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      this.log.error(`cannot read catalog file ${path}`, error);
      void vscode.window.showErrorMessage(`Box AI Models: cannot read catalog file ${path}.`);
      return undefined;
    }
    return parse(text, path);
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
  }
}
