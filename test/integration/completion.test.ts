import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogFromData } from '../../src/core/catalog/catalog';
import { accept, activateExtension, closeAll, completionsAt, completionsWhen, labelOf, modelLabels, openMarked } from './helpers';

const CHAT = 'aws__claude_3_7_sonnet';
const EMBEDDING = 'azure__openai__text_embedding_ada_002';
const RETIRED = ['google__gemini_1_5_flash_001', 'google__textembedding_gecko', 'azure__openai__gpt_o4_mini'];

interface Case {
  name: string;
  language: string;
  doc: string;
  /** Ids that must be offered / must not be offered; `none` means no model ids at all. */
  present?: string[];
  absent?: string[];
  none?: true;
  /** The document after accepting `present[0]`. */
  after?: string;
}

const cases: Case[] = [
  {
    name: 'JSON override body, cursor inside empty quotes',
    language: 'json',
    doc: '{"ai_agent": {"type": "ai_agent_ask", "basic_text": {"model": "|"}}}',
    present: [CHAT, 'openai__gpt_5', 'google__gemini_2_5_pro'],
    absent: [EMBEDDING, ...RETIRED],
    after: `{"ai_agent": {"type": "ai_agent_ask", "basic_text": {"model": "${CHAT}"}}}`,
  },
  {
    name: 'JSON: typed prefix is replaced together with the rest of the string',
    language: 'json',
    doc: '{"basic_text": {"model": "aws|__old_value"}}',
    present: [CHAT],
    after: `{"basic_text": {"model": "${CHAT}"}}`,
  },
  {
    name: 'JSONC with comments, no quote typed yet',
    language: 'jsonc',
    doc: '{\n  // override\n  "long_text": {"model": |}\n}',
    present: [CHAT],
    after: `{\n  // override\n  "long_text": {"model": "${CHAT}"}\n}`,
  },
  {
    name: 'JSON embeddings slot offers embedding models only',
    language: 'json',
    doc: '{"long_text": {"embeddings": {"model": "|"}}}',
    present: [EMBEDDING],
    absent: [CHAT, 'google__textembedding_gecko_003'],
    after: `{"long_text": {"embeddings": {"model": "${EMBEDDING}"}}}`,
  },
  {
    name: 'JSON unterminated string gets its closing quote',
    language: 'json',
    doc: '{"basic_gen": {"model": "aw|',
    present: [CHAT],
    after: `{"basic_gen": {"model": "${CHAT}"`,
  },
  {
    name: 'TypeScript SDK camelCase',
    language: 'typescript',
    doc: "await client.ai.createAiAsk({ mode: 'single_item_qa', prompt: 'q', items, aiAgent: { type: 'ai_agent_ask', basicText: { model: '|' } } });",
    present: [CHAT],
    absent: [EMBEDDING],
    after: `await client.ai.createAiAsk({ mode: 'single_item_qa', prompt: 'q', items, aiAgent: { type: 'ai_agent_ask', basicText: { model: '${CHAT}' } } });`,
  },
  {
    name: 'TypeScript new AiAgentAsk({...}) with longText embeddings',
    language: 'typescript',
    doc: "const agent = new AiAgentAsk({ type: 'ai_agent_ask', longText: { embeddings: { model: '|' } } });",
    present: [EMBEDDING],
    absent: [CHAT],
  },
  {
    name: 'TypeScript satisfies an SDK type, template literal',
    language: 'typescript',
    doc: 'const tool = { model: `|` } satisfies AiAgentBasicTextTool;',
    present: [CHAT],
    after: `const tool = { model: \`${CHAT}\` } satisfies AiAgentBasicTextTool;`,
  },
  {
    name: 'TypeScript getAiAgentDefaultConfig model option, no quote yet',
    language: 'typescript',
    doc: "const config = await client.ai.getAiAgentDefaultConfig({ mode: 'ask', model: | });",
    present: [CHAT],
    after: `const config = await client.ai.getAiAgentDefaultConfig({ mode: 'ask', model: '${CHAT}' });`,
  },
  {
    name: 'JavaScript snake_case REST body',
    language: 'javascript',
    doc: "fetch(url, { method: 'POST', body: JSON.stringify({ ai_agent: { type: 'ai_agent_text_gen', basic_gen: { model: \"|\" } } }) });",
    present: [CHAT],
  },
  {
    name: 'TSX component calling the SDK',
    language: 'typescriptreact',
    doc: "export const Ask = () => <button onClick={() => ask({ aiAgent: { basicText: { model: '|' } } })}>Ask</button>;",
    present: [CHAT],
  },
  {
    name: 'JSX component calling the SDK',
    language: 'javascriptreact',
    doc: "export const Ask = () => <button onClick={() => ask({ ai_agent: { long_text: { model: '|' } } })}>Ask</button>;",
    present: [CHAT],
  },
  {
    name: 'Postman collection: model inside a raw request body string',
    language: 'json',
    doc: '{"item": [{"request": {"body": {"mode": "raw", "raw": "{\\"ai_agent\\": {\\"basic_text\\": {\\"model\\": \\"aws|\\"}}}"}}}]}',
    present: [CHAT],
    absent: [EMBEDDING],
    after: `{"item": [{"request": {"body": {"mode": "raw", "raw": "{\\"ai_agent\\": {\\"basic_text\\": {\\"model\\": \\"${CHAT}\\"}}}"}}}]}`,
  },
  { name: 'OpenAI call is not a Box slot', language: 'typescript', doc: "await openai.chat.completions.create({ model: '|', messages });", none: true },
  { name: 'Mongoose model is not a Box slot', language: 'javascript', doc: "const Cat = mongoose.model('|', schema);", none: true },
  { name: 'plain JSON model key is not a Box slot', language: 'json', doc: '{"model": "|", "messages": []}', none: true },
  { name: 'commented-out override', language: 'typescript', doc: "const a = { basicText: { // model: '|'\n} };", none: true },
  { name: 'string that mentions model', language: 'typescript', doc: "const a = { basicText: { prompt: \"model: '|'\" } };", none: true },
  { name: 'broken syntax around a foreign model key', language: 'typescript', doc: "const x = {{ ((( model: '|' ;; }", none: true },
];

describe('completion in a real VS Code', () => {
  before(async () => {
    await activateExtension();
  });
  afterEach(closeAll);

  for (const c of cases) {
    it(c.name, async () => {
      const { doc, position } = await openMarked(c.language, c.doc);
      const items = c.none ? await completionsAt(doc, position) : await completionsWhen(doc, position, (list) => modelLabels(list).length > 0);
      const ids = modelLabels(items);
      if (c.none) {
        assert.deepEqual(ids, [], `expected no model ids, got ${ids.slice(0, 5).join(', ')}`);
        return;
      }
      for (const id of c.present ?? []) assert.ok(ids.includes(id), `${id} missing from ${ids.length} items`);
      for (const id of c.absent ?? []) assert.ok(!ids.includes(id), `${id} must not be offered`);
      if (c.after) {
        const item = items.find((i) => labelOf(i) === c.present![0])!;
        assert.equal(await accept(doc, position, item), c.after);
      }
    });
  }

  it('offers every current chat model and never a retired one', async () => {
    const { doc, position } = await openMarked('json', '{"basic_text": {"model": "|"}}');
    const ids = modelLabels(await completionsWhen(doc, position, (list) => modelLabels(list).length > 0));
    // The catalog the extension ships (dist/models.json is data/models.yaml as built).
    const shipped = catalogFromData(JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'dist', 'models.json'), 'utf8')), 'models.json');
    assert.deepEqual([...ids].sort(), shipped.offered('chat').map((m) => m.id).sort());
    for (const id of RETIRED) assert.ok(!ids.includes(id));
  });

  it('shows display name, tier and context window in the detail, the card in the documentation', async () => {
    const { doc, position } = await openMarked('json', '{"basic_text": {"model": "|"}}');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, position, undefined, 200);
    const item = list.items.find((i) => labelOf(i) === CHAT)!;
    assert.equal(item.detail, 'AWS Claude 3.7 Sonnet · Premium · 200k context');
    const docs = item.documentation instanceof vscode.MarkdownString ? item.documentation.value : String(item.documentation);
    assert.match(docs, /200,000 tokens/);
    assert.match(docs, /aws-claude-3-7-sonnet-model-card/);
  });

  it('sorts Available models before Preview and Beta ones', async () => {
    const { doc, position } = await openMarked('json', '{"basic_text": {"model": "|"}}');
    const items = (await completionsWhen(doc, position, (list) => modelLabels(list).length > 0)).filter((i) => modelLabels([i]).length);
    const sorted = [...items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? '')).map(labelOf);
    assert.ok(sorted.indexOf('azure__openai__gpt_4_1') < sorted.indexOf('xai__grok_3_beta'));
    assert.ok(sorted.indexOf('openai__gpt_5_2') < sorted.indexOf('azure__openai__gpt_4o'), 'preview GPT-4o after available models');
  });

  it('follows edits: slots move, appear and disappear as the document changes', async () => {
    const { doc } = await openMarked('json', `{"basic_text": {"model": ""}, "pad": "${'x'.repeat(100_000)}"}|`);
    const editor = await vscode.window.showTextDocument(doc);
    const slotOffset = () => doc.getText().indexOf('"model": "') + '"model": "'.length;
    assert.ok(modelLabels(await completionsWhen(doc, doc.positionAt(slotOffset()), (l) => modelLabels(l).length > 0)).includes(CHAT));
    // Insert an unrelated key before the override: the slot moves.
    await editor.edit((e) => e.insert(new vscode.Position(0, 1), '"first": 1, '));
    assert.ok(modelLabels(await completionsWhen(doc, doc.positionAt(slotOffset()), (l) => modelLabels(l).length > 0)).includes(CHAT));
    // Rename the tool key: it is no longer a Box override.
    await editor.edit((e) => e.replace(new vscode.Range(doc.positionAt(doc.getText().indexOf('basic_text')), doc.positionAt(doc.getText().indexOf('basic_text') + 10)), 'not_a_tool'));
    assert.deepEqual(modelLabels(await completionsAt(doc, doc.positionAt(slotOffset()))), []);
    // Undo the rename by editing again: the slot is back.
    await editor.edit((e) => e.replace(new vscode.Range(doc.positionAt(doc.getText().indexOf('not_a_tool')), doc.positionAt(doc.getText().indexOf('not_a_tool') + 10)), 'long_text'));
    assert.ok(modelLabels(await completionsWhen(doc, doc.positionAt(slotOffset()), (l) => modelLabels(l).length > 0)).includes(CHAT));
  });

  it('the quote characters trigger completion', async () => {
    const { doc, position } = await openMarked('typescript', "const a = { basicText: { model: '|' } };");
    const labels = (await completionsWhen(doc, position, (list) => list.length > 0, "'")).map(labelOf);
    assert.ok(labels.includes(CHAT), `with trigger "'" got ${labels.length} items: ${labels.slice(0, 10).join(', ')}`);
  });

  it('boxAiModels.slotScope = anyModelKey widens completion to every model key', async () => {
    const config = vscode.workspace.getConfiguration('boxAiModels');
    await config.update('slotScope', 'anyModelKey', vscode.ConfigurationTarget.Global);
    try {
      const { doc, position } = await openMarked('typescript', "openai.create({ model: '|' });");
      assert.ok(modelLabels(await completionsWhen(doc, position, (l) => modelLabels(l).length > 0)).includes(CHAT));
    } finally {
      await config.update('slotScope', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
