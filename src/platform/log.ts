import * as vscode from 'vscode';

/** The extension's one log channel, created on first use; shown once (without focus) on the first error. */
export class Log implements vscode.Disposable {
  private channel: vscode.LogOutputChannel | undefined;
  private shownError = false;

  private get out(): vscode.LogOutputChannel {
    this.channel ??= vscode.window.createOutputChannel('Box AI Models', { log: true });
    return this.channel;
  }

  trace(message: string): void {
    this.out.trace(message);
  }

  info(message: string): void {
    this.out.info(message);
  }

  warn(message: string): void {
    this.out.warn(message);
  }

  error(message: string, cause?: unknown): void {
    this.out.error(cause instanceof Error ? `${message}: ${cause.stack ?? cause.message}` : cause !== undefined ? `${message}: ${String(cause)}` : message);
    if (!this.shownError) {
      this.shownError = true;
      this.out.show(true);
    }
  }

  show(): void {
    this.out.show();
  }

  dispose(): void {
    this.channel?.dispose();
  }
}

/** Runs a provider body; an unexpected error is logged and the provider answers `fallback` instead of throwing. */
export function guarded<T>(log: Log, what: string, fallback: T, body: () => T): T {
  try {
    return body();
  } catch (error) {
    log.error(`${what} failed`, error);
    return fallback;
  }
}

/** `guarded` for a body that awaits: a rejection is logged and answered with `fallback` too. */
export async function guardedAsync<T>(log: Log, what: string, fallback: T, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    log.error(`${what} failed`, error);
    return fallback;
  }
}
