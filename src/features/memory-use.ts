import * as vscode from 'vscode';
import type { SlotService } from '../platform/slot-service';
import type { TokenService } from '../platform/token-service';
import type { Log } from '../platform/log';
import type { HeapFigures } from '../worker/heap';

/** What the "Show Memory Use" command reports, and returns (for the memory benchmark). */
export interface MemoryUse {
  /** The extension host's resident memory, MB (all its extensions, and VS Code's own part); undefined on the web. */
  extensionHostMB: number | undefined;
  /** The workers' heaps; undefined for a worker that is not running (or, on the web, cannot tell). */
  counting: HeapFigures | undefined;
  scanning: HeapFigures | undefined;
}

const MB = 1024 * 1024;

/**
 * `Box AI: Show Memory Use`: what the extension's workers hold, in the log. Asks only workers already
 * running; `{ show: false }` leaves the log closed.
 */
export function registerMemoryUse(slots: SlotService, tokens: TokenService, log: Log): vscode.Disposable {
  return vscode.commands.registerCommand('boxAiModels.showMemoryUse', async (options?: { show?: boolean }): Promise<MemoryUse> => {
    const [counting, scanning] = await Promise.all([tokens.heap(), slots.heap()]);
    const rss = globalThis.process?.memoryUsage?.().rss;
    const use: MemoryUse = { extensionHostMB: rss === undefined ? undefined : rss / MB, counting, scanning };
    log.info(describeMemoryUse(use));
    if (options?.show !== false) log.show();
    return use;
  });
}

function describeMemoryUse(use: MemoryUse): string {
  const heap = (name: string, figures: HeapFigures | undefined) =>
    figures ? `${name}: heap ${figures.usedMB.toFixed(1)} MB used of ${figures.totalMB.toFixed(1)} MB, ${figures.externalMB.toFixed(1)} MB outside it` : `${name}: no figures (not running, or a browser's worker, which gives none)`;
  const host = use.extensionHostMB === undefined ? '' : `extension host (every extension, and VS Code's part): ${use.extensionHostMB.toFixed(0)} MB resident; `;
  return `memory use: ${host}${heap('token counting worker', use.counting)}; ${heap('scanning worker', use.scanning)}`;
}
