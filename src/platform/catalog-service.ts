import * as vscode from 'vscode';
import { Catalog, catalogFromData, describeOrigin, formatProblem, withCatalogFile } from '../core/catalog/catalog';
import type { Host } from './host';
import { Log } from './log';
import { shownUri, userPathUri } from './user-path';

/** data/models.yaml as JSON, put into the bundle by the build (scripts/build.mjs). */
declare const BUNDLED_CATALOG_JSON: string;
const BUNDLED_SOURCE = 'the bundled catalog';

/** The catalog a user's update stored, in the extension's global storage. */
const STORED_FILE = 'catalog.json';

/**
 * Owns the model catalog: a base (the bundled catalog, or the one `Box AI: Update Model Catalog`
 * stored in global storage) plus the user's extra catalog files (`boxAiModels.extraCatalogFiles`).
 * The bundled one is there from the first request; the stored copy and users' files are read (through
 * `workspace.fs`, in every extension host) after it, and `onDidChange` fires when they are in. Broken
 * user entries are reported and skipped; the rest stay.
 */
export class CatalogService implements vscode.Disposable {
  private bundled: Catalog | undefined;
  /** The stored update, once read; null when there is none (or it is unreadable). */
  private stored: Catalog | null | undefined;
  private catalog: Catalog | undefined;
  /** Bumped by every reload: a read of users' files that an older reload started is dropped. */
  private generation = 0;
  private loading: Promise<void> | undefined;
  private loadedGeneration = -1;
  private readonly subscriptions: vscode.Disposable[] = [];
  private reportedProblems = new Set<string>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the catalog changed (the stored copy or the user's catalog files were read, or changed). */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly host: Host,
    private readonly storage: vscode.Uri,
    private readonly log: Log,
  ) {
    this.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('boxAiModels.extraCatalogFiles')) this.reload();
      }),
      vscode.workspace.onDidSaveTextDocument((doc) => {
        if (this.userFiles().some((uri) => uri.toString() === doc.uri.toString())) this.reload();
      }),
    );
  }

  /** Drops the catalog in use: the next request reads the user's files again, and listeners are told. */
  reload(): void {
    this.catalog = undefined;
    this.loading = undefined;
    this.generation++;
    this.changed.fire();
  }

  /** The catalog in use. Until the stored copy and users' files are read, the bundled or stored base alone. */
  get(): Catalog {
    if (!this.catalog) {
      this.catalog = this.base();
      this.loading = this.load(this.generation);
    }
    return this.catalog;
  }

  /** Resolves once the catalog in use includes the stored copy and the user's files. */
  async whenLoaded(): Promise<Catalog> {
    while (!this.loaded()) await this.loading;
    return this.get();
  }

  /** Whether the catalog in use already includes the stored copy and the user's files. */
  loaded(): boolean {
    this.get();
    return this.loadedGeneration === this.generation;
  }

  /** The catalog without the user's files: the stored update when there is one, else the bundled one. */
  base(): Catalog {
    this.bundled ??= this.readBundled();
    return this.stored ?? this.bundled;
  }

  /** Keeps an updated catalog (`data`, already read into `catalog`) in global storage and uses it from now on, and after a restart. */
  async store(data: unknown, catalog: Catalog): Promise<void> {
    await vscode.workspace.fs.createDirectory(this.storage);
    await vscode.workspace.fs.writeFile(this.storedUri(), new TextEncoder().encode(JSON.stringify(data, null, 1)));
    this.stored = catalog;
    this.reload();
  }

  /** Forgets the stored update: the bundled catalog is used again. */
  async forgetStored(): Promise<void> {
    await vscode.workspace.fs.delete(this.storedUri()).then(undefined, () => undefined);
    this.stored = null;
    this.reload();
  }

  storedUri(): vscode.Uri {
    return vscode.Uri.joinPath(this.storage, STORED_FILE);
  }

  private async load(generation: number): Promise<void> {
    try {
      await this.loadBaseAndUserFiles(generation);
    } finally {
      if (generation === this.generation) this.loadedGeneration = generation;
    }
  }

  private async loadBaseAndUserFiles(generation: number): Promise<void> {
    if (this.stored === undefined) {
      const stored = await this.readStored();
      if (generation !== this.generation) return;
      this.stored = stored;
    }
    const files = this.userFiles();
    if (this.stored === null && files.length === 0) return;
    let catalog = this.base();
    for (const uri of files) {
      const text = await this.readText(uri);
      if (text === undefined) continue;
      catalog = withCatalogFile(catalog, this.host.catalogReader().parseCatalog(text, shownUri(uri)), shownUri(uri));
    }
    if (generation !== this.generation) return;
    this.catalog = catalog;
    this.log.info(`catalog in use: ${catalog.models.length} models (${describeOrigin(catalog.origin)}${files.length ? `, with ${files.length} user file(s)` : ''})`);
    this.reportProblems(catalog);
    this.changed.fire();
  }

  /** The stored update, or null when there is none or it cannot be used (then the bundled one is). */
  private async readStored(): Promise<Catalog | null> {
    let bytes: Uint8Array;
    try {
      bytes = await vscode.workspace.fs.readFile(this.storedUri());
    } catch {
      return null;
    }
    try {
      const catalog = catalogFromData(JSON.parse(new TextDecoder().decode(bytes)), this.storedUri().toString());
      if (catalog.models.length === 0 || !catalog.origin) throw new Error(catalog.problems.map(formatProblem).join('; ') || 'no models');
      return catalog;
    } catch (error) {
      this.log.error(`the stored model catalog ${this.storedUri().toString()} cannot be used; the bundled catalog is`, error);
      return null;
    }
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
      this.log.error(`cannot read catalog file ${shownUri(uri)}`, error);
      void vscode.window.showErrorMessage(`Box AI Models: cannot read catalog file ${shownUri(uri)}.`);
      return undefined;
    }
  }

  /** The user's extra catalog files (`boxAiModels.extraCatalogFiles`), as URIs. */
  userFiles(): vscode.Uri[] {
    const configured = vscode.workspace.getConfiguration('boxAiModels').get<string[]>('extraCatalogFiles', []);
    return configured.filter((p) => typeof p === 'string' && p.trim() !== '').map(userPathUri);
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.changed.dispose();
  }
}
