import * as vscode from 'vscode';
import { registerCatalogUpdate } from './features/catalog-update';
import { registerCommands } from './features/commands';
import { registerCompletion } from './features/completion';
import { registerDiagnostics } from './features/diagnostics';
import { registerHover } from './features/hover';
import { registerModelsView } from './features/models-view';
import { registerTokenStatus } from './features/token-status';
import { registerWorkspaceCatalog } from './features/workspace-catalog';
import { CatalogService } from './platform/catalog-service';
import type { Host } from './platform/host';
import { Log } from './platform/log';
import { AnthropicCounts } from './platform/anthropic-counts';
import { SlotService } from './platform/slot-service';
import { TokenService } from './platform/token-service';
import { registerMemoryUse } from './features/memory-use';

/**
 * What the extension's own integration tests may reach inside it; given only when VS Code runs the
 * extension for tests (`ExtensionMode.Test`), never to users' other extensions.
 */
export interface TestingApi {
  /** Holds back token counts until the returned function is called (see TokenService.holdResults). */
  holdTokenResults(): () => void;
  /** The version of a document whose diagnostics are published, once it has been checked. */
  checkedVersion(document: vscode.TextDocument): number | undefined;
}

/**
 * Wires the features together, the same in every extension host (`src/node/main.ts`,
 * `src/web/main.ts` supply the `host`). Nothing is read or parsed here: the catalog loads on first
 * use, and the token counter's worker and encoder on the first count.
 */
export function startExtension(context: vscode.ExtensionContext, host: Host): TestingApi | undefined {
  const log = new Log();
  const catalogs = new CatalogService(host, context.globalStorageUri, log);
  const slots = new SlotService(host, log);
  const tokens = new TokenService(host, log);
  const diagnostics = registerDiagnostics(catalogs, slots, log);
  context.subscriptions.push(
    log,
    catalogs,
    slots,
    tokens,
    registerCompletion(catalogs, slots, log),
    registerHover(catalogs, slots, log),
    diagnostics,
    registerCommands(catalogs, log),
    registerTokenStatus(context, catalogs, slots, tokens, new AnthropicCounts(context.secrets, context.globalState, host, log), log),
    registerCatalogUpdate(context, catalogs, host, log),
    registerWorkspaceCatalog(catalogs, log),
    registerModelsView(catalogs, log),
    registerMemoryUse(slots, tokens, log),
  );
  if (context.extensionMode !== vscode.ExtensionMode.Test) return undefined;
  return { holdTokenResults: () => tokens.holdResults(), checkedVersion: (document) => diagnostics.checkedVersion(document) };
}
