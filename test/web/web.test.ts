// Every feature once, in the browser's extension host (VS Code for the Web): completion in each
// language family, hover, diagnostics and a quick fix, snippets, the schema, the grammar, a user
// catalog file read through workspace.fs, and the token count from the Web Worker.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  activateExtension,
  applyPreferredFix,
  closeAll,
  completionsWhen,
  diagnosticsWhen,
  EXTENSION_ID,
  hoverText,
  labelOf,
  modelLabels,
  openMarked,
  openUntitled,
  rangeOf,
  showWorkspaceFile,
  statusWhen,
} from '../integration/helpers';
import { callDriver, driverUrl, ui } from '../integration/ui-protocol';

const CHAT = 'aws__claude_3_7_sonnet';
/** The model the driver's newer copy of Box's docs adds (test/integration/docs-server.ts). */
const ADDED_MODEL = { id: 'aws__claude_test_model' };
const EMBEDDING = 'azure__openai__text_embedding_ada_002';


describe('VS Code for the Web', () => {
  before(async () => {
    await activateExtension();
  });
  afterEach(closeAll);

  it('runs in the browser extension host, from the browser bundle', () => {
    const global = globalThis as { WorkerGlobalScope?: unknown; process?: unknown };
    assert.ok(global.WorkerGlobalScope !== undefined, 'not in a web worker');
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { main?: string; browser?: string };
    assert.equal(manifest.main, undefined);
    assert.equal(manifest.browser, './dist/web/extension.js');
  });

  for (const [language, marked] of [
    ['json', '{"ai_agent": {"basic_text": {"model": "|"}}}'],
    ['typescript', "await client.ai.createAiAsk({ aiAgent: { type: 'ai_agent_ask', basicText: { model: '|' } } });"],
    ['python', 'AiAgentBasicTextTool(model=|)'],
    ['yaml', 'ai_agent:\n  basic_text:\n    model: |\n'],
    ['http', 'POST https://api.box.com/2.0/ai/ask\nContent-Type: application/json\n\n{"ai_agent": {"basic_text": {"model": "|"}}}\n'],
    ['markdown', '```json\n{"ai_agent": {"long_text": {"model": "|"}}}\n```\n'],
  ]) {
    it(`completes chat model ids in ${language}`, async () => {
      const { doc, position } = await openMarked(language, marked);
      const labels = modelLabels(await completionsWhen(doc, position, (items) => modelLabels(items).length > 0));
      assert.ok(labels.includes(CHAT), labels.join(', '));
      assert.ok(!labels.includes(EMBEDDING), 'an embedding model in a chat slot');
    });
  }

  it('offers embedding models only under embeddings', async () => {
    const { doc, position } = await openMarked('json', '{"long_text": {"embeddings": {"model": "|"}}}');
    assert.deepEqual(modelLabels(await completionsWhen(doc, position, (items) => modelLabels(items).length > 0)), [EMBEDDING]);
  });

  it('shows the model card on hover', async () => {
    const { doc, position } = await openMarked('json', '{"basic_text": {"model": "aws__claude_3_7|_sonnet"}}');
    const text = await hoverText(doc, position);
    assert.match(text, /AWS Claude 3\.7 Sonnet/);
    assert.match(text, /200,000 tokens/);
  });

  it('flags an unknown model and fixes it with the quick fix', async () => {
    const { doc } = await openMarked('json', '{"basic_text": {"model": "aws__claude_3_7_sonet|"}}');
    const [problem] = await diagnosticsWhen(doc.uri, (d) => d.length > 0);
    assert.deepEqual([problem?.code, problem?.range], ['unknown-model', rangeOf(doc, 'aws__claude_3_7_sonet')]);
    await applyPreferredFix(doc, problem);
    assert.equal(doc.getText(), `{"basic_text": {"model": "${CHAT}"}}`);
    assert.deepEqual(await diagnosticsWhen(doc.uri, (d) => d.length === 0), []);
  });

  it('offers the ai_agent snippets', async () => {
    const { doc, position } = await openMarked('json', '{\nbox-ai-agent-ask|\n}');
    const items = await completionsWhen(doc, position, (list) => list.some((i) => labelOf(i) === 'box-ai-agent-ask'));
    const snippet = items.find((i) => labelOf(i) === 'box-ai-agent-ask');
    assert.ok(snippet?.insertText instanceof vscode.SnippetString, 'no box-ai-agent-ask snippet');
    assert.match(snippet.insertText.value, /"type": "ai_agent_ask"/);
  });

  it("applies the ai_agent schema through VS Code's JSON service", async () => {
    const { document } = await showWorkspaceFile('schema', 'broken.ai-agent.json');
    const found = await diagnosticsWhen(document.uri, (d) => d.length >= 2, (source) => source === 'json' || source === undefined);
    assert.deepEqual(found.map((d) => d.range.start.line).sort(), [4, 5]);
  });

  it('colours model ids with the injected grammar', async () => {
    const doc = await openUntitled('json', `{"basic_text": {"model": "${CHAT}"}, "name": "plain_value"}`);
    await vscode.window.showTextDocument(doc);
    const { texts: [known, plain] = [] } = await ui({ action: 'tokenColors', texts: [CHAT, 'plain_value'] });
    assert.ok(known && plain, `colours: ${known}, ${plain}`);
    assert.notEqual(known, plain, 'a model id is coloured like any other string');
  });

  it("reads a user's catalog file through workspace.fs", async () => {
    const config = vscode.workspace.getConfiguration('boxAiModels');
    await config.update('extraCatalogFiles', ['catalog/extra-models.yaml'], vscode.ConfigurationTarget.Workspace);
    try {
      const { doc, position } = await openMarked('json', '{"basic_text": {"model": "|"}}');
      const labels = modelLabels(await completionsWhen(doc, position, (items) => modelLabels(items).includes('acme__web_model')));
      assert.ok(labels.includes('acme__web_model'), labels.join(', '));
      assert.ok(labels.includes(CHAT), 'the bundled models stay');
    } finally {
      await config.update('extraCatalogFiles', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('counts tokens in a Web Worker, equal to a reference encode, with a byte-pair and the SentencePiece vocabulary', async () => {
    await vscode.commands.executeCommand('boxAiModels.selectTokenModel', 'azure__openai__gpt_4o_mini');
    try {
      const { document } = await showWorkspaceFile('tokens', 'prompt.md');
      const { tokens } = await callDriver<{ tokens: number }>('/reference', { encoding: 'o200k_base', text: document.getText() });
      const { text } = await statusWhen((t) => t.includes('GPT-4o mini') && /^\d/.test(t), 'a GPT-4o mini count');
      assert.match(text, new RegExp(`^${tokens.toLocaleString('en-US')} / 128k tokens · `));
      await vscode.commands.executeCommand('boxAiModels.selectTokenModel', 'google__gemini_2_5_flash');
      const { tokens: gemma } = await callDriver<{ tokens: number }>('/reference', { encoding: 'gemma3', text: document.getText() });
      assert.notEqual(gemma, tokens, 'both vocabularies count this text alike: the test cannot tell them apart');
      const { text: gemini } = await statusWhen((t) => t.includes('Gemini 2.5 Flash') && /^\d/.test(t), 'a Gemini 2.5 Flash count');
      assert.equal(gemini, `${gemma.toLocaleString('en-US')} / 1M tokens · Google Gemini 2.5 Flash`);
    } finally {
      await vscode.commands.executeCommand('boxAiModels.selectTokenModel', 'auto');
    }
  });

  it('counts a 2 MB document exactly, its cold count shared with nested Web Workers where the browser allows them', async () => {
    await vscode.commands.executeCommand('boxAiModels.selectTokenModel', 'azure__openai__gpt_4o_mini');
    try {
      const text = Array.from({ length: 24_000 }, (_, i) => `${i}. The supplier shall deliver the services in Schedule A with reasonable skill.\n`).join('');
      const document = await openUntitled('plaintext', text);
      await vscode.window.showTextDocument(document);
      const { tokens } = await callDriver<{ tokens: number }>('/reference', { encoding: 'o200k_base', text });
      const { text: shown } = await statusWhen((t) => t.startsWith(tokens.toLocaleString('en-US')), 'the exact count of the 2 MB document', 25_000);
      assert.match(shown, /\/ 128k tokens · /);
      // A helper starts from the counting worker's own script, so that script shows twice among the
      // page's workers: the nested Web Workers the cold count was shared with did start.
      const urls = (await ui({ action: 'workers' })).texts ?? [];
      const cores = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 1;
      if (cores > 1) assert.ok(urls.some((url, i) => urls.indexOf(url) !== i), `no helper among the page's workers: ${urls.join(', ')}`);
    } finally {
      await vscode.commands.executeCommand('boxAiModels.selectTokenModel', 'auto');
    }
  });

  it("updates the catalog from Box's docs with the browser's fetch; a failing source changes nothing", async () => {
    const config = vscode.workspace.getConfiguration('boxAiModels');
    const doc = await openUntitled('json', `{"ai_agent": {"type": "ai_agent_ask", "basic_text": {"model": "${ADDED_MODEL.id}"}}}`);
    const added = (d: vscode.Diagnostic[]) => d.filter((x) => x.range.isEqual(rangeOf(doc, ADDED_MODEL.id)));
    assert.equal(added(await diagnosticsWhen(doc.uri, (d) => added(d).length === 1))[0]?.code, 'unknown-model');
    try {
      await config.update('catalog.source', `${driverUrl()}/docs/error/`, vscode.ConfigurationTarget.Global);
      const failed = await vscode.commands.executeCommand<{ outcome: string; message: string }>('boxAiModels.updateCatalog');
      assert.equal(failed?.outcome, 'failed');
      assert.match(failed!.message, /index\.mdx answered HTTP 503\. The catalog in use is unchanged\.$/);

      await config.update('catalog.source', `${driverUrl()}/docs/newer/`, vscode.ConfigurationTarget.Global);
      const pending = vscode.commands.executeCommand<{ outcome: string }>('boxAiModels.updateCatalog');
      const [title] = (await ui({ action: 'quickPick', choose: 'Apply' })).texts ?? [];
      assert.match(title, /: 1 new\.$/);
      assert.equal((await pending)?.outcome, 'applied');
      assert.deepEqual(added(await diagnosticsWhen(doc.uri, (d) => added(d).length === 0)), []);
    } finally {
      await vscode.commands.executeCommand('boxAiModels.useBundledCatalog');
      await config.update('catalog.source', undefined, vscode.ConfigurationTarget.Global);
    }
    assert.equal(added(await diagnosticsWhen(doc.uri, (d) => added(d).length === 1))[0]?.code, 'unknown-model');
  });
});
