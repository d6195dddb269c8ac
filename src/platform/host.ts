import type { FetchedFile } from '../core/catalog/update/read-source';
import type { HttpRequest } from '../core/tokens/anthropic';
import type { FromWorker, ToWorker } from '../worker/protocol';
import type { FromScanner, ToScanner } from '../worker/scanning';

/** A running worker, whichever kind the extension host makes, taking messages of type In. */
export interface WorkerHandle<In> {
  post(message: In): void;
  terminate(): void;
}

export interface WorkerEvents<Out> {
  onMessage(message: Out): void;
  /** The worker failed or stopped; `error` is undefined when it stopped normally. */
  onGone(error: Error | undefined): void;
}

/** The workers the extension ships in `dist/` (and `dist/web/`), by script name, with their messages. */
export interface Workers {
  'token-worker': { in: ToWorker; out: FromWorker };
  'scan-worker': { in: ToScanner; out: FromScanner };
}
export type WorkerScript = keyof Workers;

export type TokenWorker = WorkerHandle<ToWorker>;

/**
 * What differs between VS Code's extension hosts: Node (desktop, remote) and the browser's web worker
 * (VS Code for the Web). Everything else is one code path; files are read with `workspace.fs`, the
 * extension's own through readExtensionFile.
 */
export interface Host {
  /** Starts one of the workers shipped in the extension's `dist/`. */
  startWorker<S extends WorkerScript>(script: S, events: WorkerEvents<Workers[S]['out']>): Promise<WorkerHandle<Workers[S]['in']>>;
  /** The reader of users' YAML catalog files, loaded on first use. */
  catalogReader(): typeof import('../core/catalog/yaml');
  /**
   * GETs a URL as text (or sends `request`), through VS Code's proxy settings where the host has them.
   * Rejects with an Error whose message says what happened (unreachable, timed out, cancelled); an
   * HTTP error status is an answer, not a rejection.
   */
  fetchText(url: string, timeoutMs: number, cancel: AbortSignal, request?: HttpRequest): Promise<FetchedFile>;
  /**
   * One of the extension's own files (its path in the extension). On Node it is read straight into
   * shared memory, so that the threads counting with a vocabulary share that one copy; on the web,
   * with `workspace.fs`.
   */
  readExtensionFile(...path: string[]): Promise<Uint8Array>;
}
