import * as vscode from 'vscode';
import { looksBinary } from '../core/locate';
import { describeOrigin } from '../core/catalog/catalog';
import { ModelCard } from '../core/catalog/model';
import { completionSortText, modelPickDetail } from '../core/present/card';
import { BOX_TEXT_LIMIT } from '../core/limits';
import { boxCutMessage, level, overflowMessage, statusText, tokenReport, tooltipMarkdown, TokenReport, windowLimit } from '../core/present/token-status';
import type { Span } from '../core/tokens/document';
import { countingMethod } from '../core/tokens/methods';
import { AUTOMATIC, fallbackModel, ModelChoice, resolveModel } from '../core/tokens/model-choice';
import { CatalogService } from '../platform/catalog-service';
import { documentLength } from '../platform/document-length';
import { Log } from '../platform/log';
import { SlotService } from '../platform/slot-service';
import { TokenService } from '../platform/token-service';
import { AnthropicCounts } from '../platform/anthropic-counts';

/** Larger files are not sent for an exact Claude count (a 200k-token window holds about 1 MB of text). */
const MAX_SENT_CHARS = 2 * 1024 * 1024;

const STATUS_ITEM_ID = 'boxAiModels.tokenCount';
const SELECT_MODEL_COMMAND = 'boxAiModels.selectTokenModel';
const CHOICE_KEY = 'boxAiModels.tokenCounter.model';
const DIAGNOSTIC_CODE = 'context-window-exceeded';
/** The marker where Box stops reading a text longer than its limit. */
const BOX_LIMIT_CODE = 'box-text-limit';
/** Pauses before recounting: typing settles first; selection changes are cheaper and answered sooner. */
const EDIT_DELAY_MS = 150;
const SELECTION_DELAY_MS = 60;

/**
 * The token count in the status bar for the active editor (file or selections) against the chosen
 * model's context window; a marker where the window is exceeded; the command to choose the model.
 */
export function registerTokenStatus(context: vscode.ExtensionContext, catalogs: CatalogService, slots: SlotService, tokens: TokenService, anthropic: AnthropicCounts, log: Log): vscode.Disposable {
  const status = new TokenStatus(context.workspaceState, catalogs, slots, tokens, anthropic, log);
  return vscode.Disposable.from(
    status,
    vscode.commands.registerCommand('boxAiModels.setAnthropicApiKey', async () => {
      const outcome = await anthropic.setUp();
      if (outcome === 'enabled') void status.refresh();
      return outcome;
    }),
    vscode.commands.registerCommand('boxAiModels.clearAnthropicApiKey', async () => {
      await anthropic.clear();
      void status.refresh();
    }),
    vscode.commands.registerCommand('boxAiModels.selectTokenModel', (modelId?: unknown) => status.selectModel(typeof modelId === 'string' ? modelId : undefined)),
  );
}

class TokenStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(STATUS_ITEM_ID, vscode.StatusBarAlignment.Right, 100);
  private readonly markers = vscode.languages.createDiagnosticCollection('box-ai-models.tokens');
  private readonly subscriptions: vscode.Disposable[];
  private timer: NodeJS.Timeout | undefined;
  /** Whether the item shows (it has no getter of its own). */
  private visible = false;
  private background: string | undefined;
  /** Bumped by every refresh: answers to older ones are dropped. */
  private generation = 0;

  constructor(
    private readonly state: vscode.Memento,
    private readonly catalogs: CatalogService,
    private readonly slots: SlotService,
    private readonly tokens: TokenService,
    private readonly anthropic: AnthropicCounts,
    private readonly log: Log,
  ) {
    this.item.name = 'Box AI Token Count';
    this.item.command = { title: 'Select Model for Token Count', command: SELECT_MODEL_COMMAND };
    const isActive = (document: vscode.TextDocument) => vscode.window.activeTextEditor?.document === document;
    this.subscriptions = [
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule(0)),
      vscode.window.onDidChangeTextEditorSelection((e) => e.textEditor === vscode.window.activeTextEditor && this.schedule(SELECTION_DELAY_MS)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length === 0) return;
        if (isActive(e.document)) this.schedule(EDIT_DELAY_MS);
        else this.markers.delete(e.document.uri); // no longer counted: its marker would go stale
      }),
      vscode.workspace.onDidCloseTextDocument((document) => this.markers.delete(document.uri)),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('boxAiModels') && this.schedule(0)),
    ];
    this.schedule(0);
  }

  private config(document?: vscode.TextDocument) {
    const config = vscode.workspace.getConfiguration('boxAiModels', document);
    return {
      enabled: config.get<boolean>('tokenCounter.enabled', true),
      defaultModel: config.get<string>('tokenCounter.defaultModel', AUTOMATIC) || AUTOMATIC,
      warningPercent: config.get<number>('tokenCounter.warningThreshold', 90),
      markOverflow: config.get<boolean>('tokenCounter.markOverflow', true),
      maxChars: Math.max(0, config.get<number>('tokenCounter.maxFileSizeMB', 32)) * 1024 * 1024,
    };
  }

  private choice(): ModelChoice {
    return this.state.get<string>(CHOICE_KEY) ?? this.config().defaultModel;
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), delayMs);
  }

  async refresh(): Promise<void> {
    const generation = ++this.generation;
    try {
      const editor = vscode.window.activeTextEditor;
      const document = editor?.document;
      const config = this.config(document);
      if (!editor || !document || !config.enabled || document.uri.scheme === 'output') {
        this.item.hide();
        this.visible = false;
        return;
      }
      const length = documentLength(document);
      if (length > config.maxChars) {
        this.show(`$(circle-slash) Not counted: ${megabytes(length)}`, `This file is larger than \`boxAiModels.tokenCounter.maxFileSizeMB\` (${megabytes(config.maxChars)}); its tokens are not counted.`);
        this.tokens.forget(document);
        this.markers.delete(document.uri);
        return;
      }
      if (looksBinary(document.getText(new vscode.Range(new vscode.Position(0, 0), document.positionAt(8192))))) {
        this.show('$(circle-slash) Not counted: binary', 'This file looks binary (it holds NUL characters); its tokens are not counted.');
        return;
      }
      const catalog = this.catalogs.get();
      const choice = this.choice();
      const named = choice === AUTOMATIC ? await this.slots.chatModelNames(document) : [];
      if (generation !== this.generation) return;
      const resolved = resolveModel(choice, named, catalog);
      if (!resolved) {
        this.show('$(warning) No model for the token count', 'The model catalog holds no model to count against.');
        return;
      }
      const method = countingMethod(resolved.model);
      const spans: Span[] = editor.selections.filter((s) => !s.isEmpty).map((s) => [document.offsetAt(s.start), document.offsetAt(s.end)]);
      // The marker goes where the count (for an estimate, its highest) passes the window, in the encoding's tokens.
      const result = await this.tokens.count(document, method.encoding, spans, {
        limit: windowLimit(resolved.model, method),
        byteLimit: BOX_TEXT_LIMIT.value,
        onProgress: (share) => {
          if (generation === this.generation) this.show(`$(sync~spin) Counting tokens… ${Math.floor(share * 100)}%`, 'Counting tokens in a background thread.');
        },
      });
      if (generation !== this.generation) return;
      if (!result) {
        const reason = this.tokens.unavailable;
        if (reason) this.show('$(circle-slash) Not counted', `Token counting cannot run in this extension host: ${reason}.`);
        return;
      }
      const report = tokenReport(resolved, method, result, spans.length);
      this.render(document, report, result.crossing, config, result.cut?.offset);
      // Claude: Anthropic's exact count replaces the estimate when the user turned that on (whole files only).
      // (Not for a text past Box's limit: Box would not send all of it either.)
      if (resolved.model.tokenizer !== 'claude-estimate' || spans.length > 0 || result.unusable !== undefined || result.cut || length > MAX_SENT_CHARS) return;
      const exact = await this.anthropic.count(() => document.getText());
      if (generation !== this.generation || !exact) return;
      const final: TokenReport =
        'tokens' in exact
          ? { ...report, count: { tokens: exact.tokens, approximate: false }, exact: true, encoding: "Anthropic's count_tokens", estimate: undefined }
          : { ...report, note: `Anthropic's count_tokens could not be used (${exact.failure}); this is the estimate.` };
      this.render(document, final, result.crossing, config);
    } catch (error) {
      this.log.error('token count failed', error);
    }
  }

  /** Shows a count: the item, its tooltip and colour, and the marker where the window is passed. */
  private render(document: vscode.TextDocument, report: TokenReport, crossing: { offset: number; length: number } | undefined, config: { warningPercent: number; markOverflow: boolean }, cutAt?: number): void {
    const tooltip = new vscode.MarkdownString(tooltipMarkdown(report, `command:${SELECT_MODEL_COMMAND}`));
    tooltip.isTrusted = { enabledCommands: [SELECT_MODEL_COMMAND] };
    const shown = level(report, config.warningPercent);
    this.show(statusText(report), tooltip, shown === 'error' ? 'statusBarItem.errorBackground' : shown === 'warning' ? 'statusBarItem.warningBackground' : undefined);
    if (report.boxCut?.binds === 'box' && cutAt !== undefined) return this.mark(document, { offset: cutAt, length: 0 }, boxCutMessage(report), BOX_LIMIT_CODE, config.markOverflow);
    // An exact count within the window needs no marker, wherever the estimate would have put one.
    const over = report.exact && report.model.contextWindow !== undefined && report.count.tokens <= report.model.contextWindow ? undefined : crossing;
    this.mark(document, over, over && overflowMessage(report), DIAGNOSTIC_CODE, config.markOverflow);
  }

  private show(text: string, tooltip: string | vscode.MarkdownString, background?: string): void {
    // Each change is a message to the window, which redraws the item: progress repeats itself often.
    if (this.visible && this.item.text === text && this.item.tooltip === tooltip && this.background === background) return;
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.backgroundColor = background ? new vscode.ThemeColor(background) : undefined;
    this.background = background;
    this.item.accessibilityInformation = { label: text.replace(/\$\([^)]*\)\s*/g, ''), role: 'button' };
    this.item.show();
    this.visible = true;
  }

  /** The one marker of a count: where a limit is passed (an empty range: from there to the end of its line). */
  private mark(document: vscode.TextDocument, at: { offset: number; length: number } | undefined, message: string | undefined, code: string, enabled: boolean): void {
    if (!enabled || !at || !message) {
      this.markers.delete(document.uri);
      return;
    }
    const start = document.positionAt(at.offset);
    const end = at.length > 0 ? document.positionAt(at.offset + at.length) : document.lineAt(start.line).range.end;
    const marker = new vscode.Diagnostic(new vscode.Range(start, end.isAfter(start) ? end : start), message, vscode.DiagnosticSeverity.Error);
    marker.source = 'box-ai-models';
    marker.code = code;
    this.markers.set(document.uri, [marker]);
  }

  /** Chooses the model to count against: from the argument (`auto` or an id), else from a picker. */
  async selectModel(modelId?: string): Promise<void> {
    const catalog = this.catalogs.get();
    let choice = modelId;
    if (choice === undefined) {
      const current = this.choice();
      const fallback = fallbackModel(catalog);
      type Item = vscode.QuickPickItem & { choice?: ModelChoice };
      const automatic: Item = {
        label: '$(sparkle) Automatic',
        description: AUTOMATIC,
        detail: `The model named in the file's override when it names exactly one; otherwise ${fallback?.name ?? 'the default'}.`,
        choice: AUTOMATIC,
      };
      const models = catalog.models
        .filter((m) => m.status !== 'retired')
        .sort((a, b) => a.kind.localeCompare(b.kind) || completionSortText(a).localeCompare(completionSortText(b)));
      const items: Item[] = [automatic, { label: 'Models', kind: vscode.QuickPickItemKind.Separator }, ...models.map((model) => pickItem(model))];
      const picker = vscode.window.createQuickPick<Item>();
      picker.title = 'Count tokens against';
      picker.placeholder = `Choose a model (kept for this workspace) · catalog: ${describeOrigin(catalog.origin)}`;
      picker.matchOnDescription = true;
      picker.matchOnDetail = true;
      picker.items = items;
      picker.activeItems = items.filter((i) => i.choice === current);
      choice = await new Promise<ModelChoice | undefined>((resolve) => {
        picker.onDidAccept(() => resolve(picker.selectedItems[0]?.choice));
        picker.onDidHide(() => resolve(undefined));
        picker.show();
      });
      picker.dispose();
      if (choice === undefined) return;
    }
    if (choice !== AUTOMATIC && !catalog.lookup(choice)) {
      void vscode.window.showWarningMessage(`Box AI: unknown model "${choice}"; the token count is unchanged.`);
      return;
    }
    await this.state.update(CHOICE_KEY, choice);
    await this.refresh();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.generation++;
    this.subscriptions.forEach((s) => s.dispose());
    this.item.dispose();
    this.markers.dispose();
  }
}

function pickItem(model: ModelCard): vscode.QuickPickItem & { choice: ModelChoice } {
  return { label: model.name, description: model.id, detail: modelPickDetail(model), choice: model.id };
}

function megabytes(chars: number): string {
  return `${(chars / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
}
