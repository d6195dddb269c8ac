// Exact Claude counts from Anthropic's count_tokens, opt-in, against the harness's stand-in for the
// endpoint (test/harness/driver.ts, on 127.0.0.1): nothing is sent until the setting is on and the
// user confirmed the endpoint; every failure falls back to the estimate.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { referenceEngine } from '../unit/engines';
import { closedPort } from './closed-port';
import { activateExtension, closeAll, showWorkspaceFile, statusWhen, TOKEN_STATUS_ID } from './helpers';
import { callDriver, driverUrl, ui, uiDriverAvailable } from './ui-protocol';

const config = () => vscode.workspace.getConfiguration('boxAiModels');
const grouped = (n: number) => n.toLocaleString('en-US');
const requests = async () => (await callDriver<{ count: number }>('/anthropic-requests', {})).count;

/** `Box AI: Set Anthropic API Key`, answered as a user would: the key, then the confirmation. */
async function setUp(key: string, allow: boolean): Promise<string | undefined> {
  const outcome = vscode.commands.executeCommand<string>('boxAiModels.setAnthropicApiKey');
  await ui({ action: 'quickInput', text: key });
  const [title] = (await ui({ action: 'quickPick', choose: allow ? 'Send the counted text' : "Don't send" })).texts ?? [];
  assert.match(title, new RegExp(`allow sending text to ${config().get<string>('tokenCounter.anthropicEndpoint')!.replace(/[.?]/g, '\\$&')}\\?`));
  return outcome;
}

/**
 * Chooses the same model again: the command returns once its count is shown, the Anthropic request
 * it would make (if any) answered, so a request the count should not make has reached the stand-in.
 */
const refreshed = () => vscode.commands.executeCommand('boxAiModels.selectTokenModel', 'aws__claude_3_7_sonnet');

if (uiDriverAvailable()) {
  describe("exact Claude counts from Anthropic's count_tokens, in a real VS Code", () => {
    let estimateText: string;
    let text: string;
    before(async () => {
      await activateExtension();
      await config().update('tokenCounter.anthropicEndpoint', `${driverUrl()}/anthropic/ok/v1/messages/count_tokens`, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('boxAiModels.selectTokenModel', 'aws__claude_3_7_sonnet');
      text = (await showWorkspaceFile('tokens', 'prompt.md')).document.getText();
      estimateText = `≈${grouped(Math.round(referenceEngine('claude').count(text) * 1.1))} ±3% / 200k tokens · AWS Claude 3.7 Sonnet`;
    });
    afterEach(closeAll);
    after(async () => {
      await vscode.commands.executeCommand('boxAiModels.clearAnthropicApiKey');
      for (const key of ['tokenCounter.anthropicCountTokens', 'tokenCounter.anthropicEndpoint', 'tokenCounter.anthropicTimeoutSeconds']) {
        await config().update(key, undefined, vscode.ConfigurationTarget.Global);
      }
      await vscode.commands.executeCommand('boxAiModels.selectTokenModel', 'auto');
    });

    it('off by default: the estimate, and no request', async () => {
      await showWorkspaceFile('tokens', 'prompt.md');
      assert.equal(config().get('tokenCounter.anthropicCountTokens'), false);
      await statusWhen((t) => t === estimateText, 'the Claude estimate');
      await refreshed();
      assert.equal(await requests(), 0);
    });

    it('declining the confirmation sends nothing', async () => {
      assert.equal(await setUp('test-key', false), 'declined');
      await showWorkspaceFile('tokens', 'prompt.md');
      await statusWhen((t) => t === estimateText, 'the Claude estimate');
      await refreshed();
      assert.equal(config().get('tokenCounter.anthropicCountTokens'), false);
      assert.equal(await requests(), 0);
    });

    it("with the key and the confirmation, the status bar shows Anthropic's count, exact", async () => {
      assert.equal(await setUp('test-key', true), 'enabled');
      assert.equal(config().get('tokenCounter.anthropicCountTokens'), true);
      await showWorkspaceFile('tokens', 'prompt.md');
      const exact = referenceEngine('claude').count(text) + 9; // what the stand-in answers
      await statusWhen((t) => t === `${grouped(exact)} / 200k tokens · AWS Claude 3.7 Sonnet`, "Anthropic's count");
      assert.ok((await requests()) >= 1);
    });

    it('a refused key, a rate limit, an unreachable or a silent endpoint each fall back to the estimate', async () => {
      const cases: [string, string, string, string][] = [
        ['a refused key', `${driverUrl()}/anthropic/ok/v1/messages/count_tokens`, 'wrong-key', 'the API key was refused (HTTP 401: invalid x-api-key)'],
        ['a rate limit', `${driverUrl()}/anthropic/429/v1/messages/count_tokens`, 'test-key', 'rate-limited (HTTP 429'],
        ['offline', `http://127.0.0.1:${await closedPort()}/v1/messages/count_tokens`, 'test-key', 'ECONNREFUSED'],
        ['no answer', `${driverUrl()}/anthropic/silent/v1/messages/count_tokens`, 'test-key', 'did not answer within 2 s'],
      ];
      await config().update('tokenCounter.anthropicTimeoutSeconds', 2, vscode.ConfigurationTarget.Global);
      for (const [what, endpoint, key, why] of cases) {
        await config().update('tokenCounter.anthropicEndpoint', endpoint, vscode.ConfigurationTarget.Global);
        const before = await requests();
        assert.equal(await setUp(key, true), 'enabled', what);
        await showWorkspaceFile('tokens', 'prompt.md');
        // The estimate, once the request was made (and failed): the count is never left blank or stale.
        if (!what.startsWith('offline')) {
          const deadline = Date.now() + 10_000;
          while ((await requests()) === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
          assert.ok((await requests()) > before, `${what}: no request was made`);
        }
        await statusWhen((t) => t === estimateText, `${what}: the estimate`);
        // The tooltip says why the count is the estimate.
        const tooltip = ((await ui({ action: 'statusbarTooltip', id: TOKEN_STATUS_ID, expect: why })).texts ?? []).join('\n');
        assert.ok(tooltip.includes(`Anthropic's count_tokens could not be used (`) && tooltip.includes(why), `${what}: ${tooltip}`);
      }
    });
  });
}
