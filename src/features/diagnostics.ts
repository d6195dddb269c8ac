import * as vscode from 'vscode';
import { SUPPORTED_LANGUAGES } from '../core/locate';
import { CheckCode, Finding, FindingAction, severitiesFrom, Severity } from '../core/check';
import { CatalogService } from '../platform/catalog-service';
import { guarded, guardedAsync, Log } from '../platform/log';
import { SlotService } from '../platform/slot-service';
import { UPDATE_COMMAND } from './catalog-update';
import { ADD_TO_WORKSPACE_CATALOG_COMMAND } from './workspace-catalog';

const SOURCE = 'box-ai-models';
/** Pause after typing before the document is checked again. */
const CHECK_DELAY_MS = 250;

const SEVERITY: Record<Exclude<Severity, 'off'>, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/**
 * Problems in Box AI overrides as diagnostics, kept current while typing, with quick fixes: model
 * values (unknown, alias, retired, wrong kind) and the settings beside them (endpoint params type,
 * completion tokens, chunk size, prompt template). Only what the locators recognise as a Box override
 * is checked, so `model` keys elsewhere never get one.
 */
export function registerDiagnostics(catalogs: CatalogService, slotService: SlotService, log: Log): vscode.Disposable & { checkedVersion(document: vscode.TextDocument): number | undefined } {
  const collection = vscode.languages.createDiagnosticCollection(SOURCE);
  const timers = new Map<string, NodeJS.Timeout>();
  /** The findings behind each document's diagnostics, for the quick fixes. */
  const findings = new WeakMap<vscode.TextDocument, { version: number; findings: Finding[] }>();

  const severities = (document: vscode.TextDocument): Record<CheckCode, Severity> =>
    severitiesFrom(vscode.workspace.getConfiguration('boxAiModels', document).get('diagnostics.severity', {})).severity;

  const check = (document: vscode.TextDocument) =>
    guardedAsync(log, 'checking models', undefined, async () => {
      // Until the stored catalog and users' files are in, an id they add would be flagged for nothing.
      if (!catalogs.loaded()) return void catalogs.whenLoaded().then(() => schedule(document, 0));
      if (document.isClosed || !SUPPORTED_LANGUAGES.includes(document.languageId)) return collection.delete(document.uri);
      const version = document.version;
      const found = await slotService.findings(document, catalogs.get());
      // A newer version is checked when its own pause ends; a closed document keeps no diagnostics.
      if (document.version !== version || document.isClosed) return;
      findings.set(document, { version: document.version, findings: found });
      const severity = severities(document);
      const diagnostics = found
        .filter((f) => severity[f.code] !== 'off')
        .map((f) => {
          const range = new vscode.Range(document.positionAt(f.start), document.positionAt(f.end));
          const diagnostic = new vscode.Diagnostic(range, f.message, SEVERITY[severity[f.code] as Exclude<Severity, 'off'>] ?? vscode.DiagnosticSeverity.Warning);
          diagnostic.source = SOURCE;
          diagnostic.code = f.code;
          return diagnostic;
        });
      collection.set(document.uri, diagnostics);
    });

  const schedule = (document: vscode.TextDocument, delay = CHECK_DELAY_MS) => {
    const key = document.uri.toString();
    clearTimeout(timers.get(key));
    timers.set(key, setTimeout(() => {
      timers.delete(key);
      check(document);
    }, delay));
  };
  const checkAll = () => vscode.workspace.textDocuments.forEach((d) => schedule(d, 0));

  const fixes: vscode.CodeActionProvider = {
    provideCodeActions(document, _range, context) {
      return guarded(log, 'quick fixes', [], () => {
        const known = findings.get(document);
        if (!known || known.version !== document.version) return [];
        const actions: vscode.CodeAction[] = [];
        for (const diagnostic of context.diagnostics) {
          if (diagnostic.source !== SOURCE) continue;
          const start = document.offsetAt(diagnostic.range.start);
          const finding = known.findings.find((f) => f.start === start && f.code === diagnostic.code);
          if (!finding) continue;
          const edits = finding.fixes.map((fix) => {
            const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
            action.edit = new vscode.WorkspaceEdit();
            action.edit.replace(document.uri, diagnostic.range, fix.replacement);
            action.diagnostics = [diagnostic];
            action.isPreferred = fix.preferred;
            return action;
          });
          const commands = (finding.actions ?? []).map((kind) => catalogAction(kind, document.getText(diagnostic.range), diagnostic));
          actions.push(...(finding.actionsFirst ? [...commands, ...edits] : [...edits, ...commands]));
        }
        return actions;
      });
    },
  };

  checkAll();
  const registrations = vscode.Disposable.from(
    collection,
    vscode.workspace.onDidOpenTextDocument((d) => schedule(d, 0)),
    vscode.workspace.onDidChangeTextDocument((e) => e.contentChanges.length > 0 && schedule(e.document)),
    vscode.workspace.onDidCloseTextDocument((d) => {
      clearTimeout(timers.get(d.uri.toString()));
      collection.delete(d.uri);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('boxAiModels') && checkAll()),
    catalogs.onDidChange(checkAll),
    vscode.languages.registerCodeActionsProvider(SUPPORTED_LANGUAGES.map((language) => ({ language })), fixes, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
    { dispose: () => timers.forEach((t) => clearTimeout(t)) },
  );
  // The version whose diagnostics are published: "no problems" and "not checked yet" look alike otherwise.
  return Object.assign(registrations, { checkedVersion: (document: vscode.TextDocument) => findings.get(document)?.version });
}

/** A quick fix that runs one of the extension's catalog commands for the value under the diagnostic. */
function catalogAction(kind: FindingAction, value: string, diagnostic: vscode.Diagnostic): vscode.CodeAction {
  const [title, command, args] =
    kind === 'update-catalog'
      ? ["Update the model catalog from Box's docs…", UPDATE_COMMAND, []]
      : [`Add ${value} to the workspace model catalog`, ADD_TO_WORKSPACE_CATALOG_COMMAND, [value]];
  const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
  action.command = { title, command, arguments: args };
  action.diagnostics = [diagnostic];
  return action;
}
