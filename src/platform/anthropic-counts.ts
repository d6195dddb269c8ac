import * as vscode from 'vscode';
import { ANTHROPIC_COUNT_TOKENS_URL, countTokensRequest, readCountTokensAnswer } from '../core/tokens/anthropic';
import type { Host } from './host';
import { Log } from './log';

const KEY_SECRET = 'boxAiModels.anthropicApiKey';
/** The endpoint the user agreed to send text to (consent is for that endpoint only). */
const CONSENT_KEY = 'anthropic.consentFor';
/** At most one request this often; a newer text waits for the interval, older waiting ones are dropped. */
const MIN_INTERVAL_MS = 1000;

export type AnthropicCount = { tokens: number } | { failure: string };

/**
 * Exact Claude counts from Anthropic's `count_tokens` endpoint, opt-in: only with the setting on, an
 * API key in VS Code's secret storage, and the user's confirmation naming the endpoint. Requests are
 * spaced and the last answer is kept, so editing never floods the endpoint; every failure is
 * returned (for a fallback to the estimate) and logged once.
 */
export class AnthropicCounts {
  private last: { text: string; endpoint: string; result: AnthropicCount } | undefined;
  private nextAllowed = 0;
  /** The request waiting for its turn; told `false` when a newer one replaces it. */
  private waiting: ((go: boolean) => void) | undefined;
  private readonly logged = new Set<string>();
  private askedThisSession = false;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly state: vscode.Memento,
    private readonly host: Host,
    private readonly log: Log,
  ) {}

  private settings() {
    const config = vscode.workspace.getConfiguration('boxAiModels');
    return {
      enabled: config.get<boolean>('tokenCounter.anthropicCountTokens', false),
      endpoint: config.get<string>('tokenCounter.anthropicEndpoint', ANTHROPIC_COUNT_TOKENS_URL) || ANTHROPIC_COUNT_TOKENS_URL,
      timeoutMs: Math.max(1, config.get<number>('tokenCounter.anthropicTimeoutSeconds', 10)) * 1000,
    };
  }

  /**
   * Anthropic's count of the text, or why there is none; undefined when exact counts are not in use
   * (off, no key, not confirmed) or a newer text replaced this one while it waited its turn. The text
   * is read only when a request may go, so a count with the feature off costs nothing.
   */
  async count(readText: () => string): Promise<AnthropicCount | undefined> {
    const { enabled, endpoint, timeoutMs } = this.settings();
    if (!enabled) return undefined;
    if (this.state.get<string>(CONSENT_KEY) !== endpoint) {
      this.askOnce(endpoint);
      return undefined;
    }
    const key = await this.secrets.get(KEY_SECRET);
    if (!key) {
      this.note(`exact Claude counts are on, but no Anthropic API key is set (Box AI: Set Anthropic API Key)`);
      return undefined;
    }
    const text = readText();
    if (this.last && this.last.text === text && this.last.endpoint === endpoint) return this.last.result;
    if (!(await this.turn())) return undefined;
    const result = await this.host
      .fetchText(endpoint, timeoutMs, new AbortController().signal, countTokensRequest(text, key))
      .then((answer) => readCountTokensAnswer(answer.status, answer.text), (error: Error) => ({ failure: error.message }));
    if ('failure' in result) this.note(`Anthropic's count_tokens at ${endpoint} failed: ${result.failure}; Claude counts are estimated`);
    this.last = { text, endpoint, result };
    return result;
  }

  /** Waits until a request may go; false when a newer one took this one's place meanwhile. */
  private turn(): Promise<boolean> {
    this.waiting?.(false);
    const wait = this.nextAllowed - Date.now();
    return new Promise<boolean>((resolve) => {
      const go = (ok: boolean) => {
        if (this.waiting === go) this.waiting = undefined;
        if (ok) this.nextAllowed = Date.now() + MIN_INTERVAL_MS;
        resolve(ok);
      };
      this.waiting = go;
      setTimeout(() => this.waiting === go && go(true), Math.max(0, wait));
    });
  }

  private note(message: string): void {
    if (this.logged.has(message)) return;
    this.logged.add(message);
    this.log.warn(message);
  }

  /** Exact counts were turned on in the settings without the confirmation: ask for it, once a session. */
  private askOnce(endpoint: string): void {
    if (this.askedThisSession) return;
    this.askedThisSession = true;
    void vscode.window
      .showInformationMessage(`Box AI: exact Claude counts send the counted text to ${endpoint}. Nothing is sent until you confirm.`, 'Review…')
      .then((choice) => choice && vscode.commands.executeCommand('boxAiModels.setAnthropicApiKey'));
  }

  /**
   * `Box AI: Set Anthropic API Key`: the key (kept in VS Code's secret storage), then the confirmation
   * that names the endpoint; confirmed, exact Claude counts are turned on.
   */
  async setUp(): Promise<'enabled' | 'declined' | 'cancelled'> {
    const { endpoint } = this.settings();
    const key = await vscode.window.showInputBox({
      title: 'Anthropic API key for exact Claude token counts',
      prompt: `Kept in VS Code's secret storage; used only to call ${endpoint}.`,
      password: true,
      ignoreFocusOut: true,
      validateInput: (value) => (value.trim() === '' ? 'Enter a key, or press Escape.' : undefined),
    });
    if (key === undefined) return 'cancelled';
    await this.secrets.store(KEY_SECRET, key.trim());
    type Item = vscode.QuickPickItem & { allow: boolean };
    const answer = await vscode.window.showQuickPick<Item>(
      [
        { label: `$(check) Send the counted text to ${endpoint}`, detail: 'Claude counts become exact. Each count sends the file (or selection) being counted.', allow: true },
        { label: "$(close) Don't send anything", detail: 'Claude counts stay estimates (±3%).', allow: false },
      ],
      { title: `Exact Claude counts: allow sending text to ${endpoint}?`, ignoreFocusOut: true },
    );
    if (!answer?.allow) {
      await this.state.update(CONSENT_KEY, undefined);
      return 'declined';
    }
    await this.state.update(CONSENT_KEY, endpoint);
    await vscode.workspace.getConfiguration('boxAiModels').update('tokenCounter.anthropicCountTokens', true, vscode.ConfigurationTarget.Global);
    this.last = undefined;
    this.logged.clear();
    this.log.info(`exact Claude counts on: text is sent to ${endpoint}`);
    return 'enabled';
  }

  /** `Box AI: Clear Anthropic API Key`: forgets the key and the confirmation. */
  async clear(): Promise<void> {
    await this.secrets.delete(KEY_SECRET);
    await this.state.update(CONSENT_KEY, undefined);
    this.last = undefined;
    this.log.info('Anthropic API key and confirmation cleared: Claude counts are estimated');
  }
}
