import type { FetchedFile } from '../core/catalog/update/read-source';
import type { HttpRequest } from '../core/tokens/anthropic';
import type { FromWorker, ToWorker } from '../worker/protocol';

/** A running token-counting worker, whichever kind the extension host makes. */
export interface TokenWorker {
  post(message: ToWorker): void;
  terminate(): void;
}

export interface TokenWorkerEvents {
  onMessage(message: FromWorker): void;
  /** The worker failed or stopped; `error` is undefined when it stopped normally. */
  onGone(error: Error | undefined): void;
}

/**
 * What differs between VS Code's extension hosts: Node (desktop, remote) and the browser's web worker
 * (VS Code for the Web). Everything else is one code path; files are read with `workspace.fs`.
 */
export interface Host {
  /** Starts the token-counting worker shipped in the extension's `dist/`. */
  startTokenWorker(events: TokenWorkerEvents): Promise<TokenWorker>;
  /** The reader of users' YAML catalog files, loaded on first use. */
  catalogReader(): typeof import('../core/catalog/yaml');
  /**
   * GETs a URL as text (or sends `request`), through VS Code's proxy settings where the host has them.
   * Rejects with an Error whose message says what happened (unreachable, timed out, cancelled); an
   * HTTP error status is an answer, not a rejection.
   */
  fetchText(url: string, timeoutMs: number, cancel: AbortSignal, request?: HttpRequest): Promise<FetchedFile>;
}
