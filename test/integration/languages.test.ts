// Python, YAML, .http request files and Markdown fences: completion, hover, diagnostics and quick fixes
// as VS Code reports them.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { accept, activateExtension, applyPreferredFix, closeAll, completionsWhen, diagnosticsBesides, diagnosticsWhen, hoverText, labelOf, modelLabels, openMarked, openUntitled, rangeOf } from './helpers';

const CHAT = 'aws__claude_3_7_sonnet';
const EMBEDDING = 'azure__openai__text_embedding_ada_002';

function fixture(name: string): vscode.Uri {
  return vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'languages', name);
}

const completionCases: { name: string; language: string; doc: string; id: string; after: string }[] = [
  { name: 'Python SDK keyword argument, no value yet', language: 'python', doc: 'AiAgentBasicTextTool(model=|)', id: CHAT, after: `AiAgentBasicTextTool(model="${CHAT}")` },
  { name: 'Python embeddings field class', language: 'python', doc: "AiAgentLongTextToolEmbeddingsField(model='|')", id: EMBEDDING, after: `AiAgentLongTextToolEmbeddingsField(model='${EMBEDDING}')` },
  { name: 'Python dict body', language: 'python', doc: 'body = {"ai_agent": {"basic_text": {"model": "aws|"}}}', id: CHAT, after: `body = {"ai_agent": {"basic_text": {"model": "${CHAT}"}}}` },
  { name: 'Python default config call', language: 'python', doc: 'client.ai.get_ai_agent_default_config(GetAiAgentDefaultConfigMode.ASK, model="|")', id: CHAT, after: `client.ai.get_ai_agent_default_config(GetAiAgentDefaultConfigMode.ASK, model="${CHAT}")` },
  { name: 'YAML plain value is replaced without quotes', language: 'yaml', doc: 'ai_agent:\n  basic_text:\n    model: aws|__old\n', id: CHAT, after: `ai_agent:\n  basic_text:\n    model: ${CHAT}\n` },
  { name: 'YAML empty value', language: 'yaml', doc: 'ai_agent:\n  long_text:\n    embeddings:\n      model: |\n', id: EMBEDDING, after: `ai_agent:\n  long_text:\n    embeddings:\n      model: ${EMBEDDING}\n` },
  { name: 'YAML quoted value', language: 'yaml', doc: 'basic_gen:\n  model: "|"\n', id: CHAT, after: `basic_gen:\n  model: "${CHAT}"\n` },
  { name: '.http request body', language: 'http', doc: 'POST https://api.box.com/2.0/ai/ask\nContent-Type: application/json\n\n{"ai_agent": {"basic_text": {"model": "|"}}}\n', id: CHAT, after: `POST https://api.box.com/2.0/ai/ask\nContent-Type: application/json\n\n{"ai_agent": {"basic_text": {"model": "${CHAT}"}}}\n` },
  { name: 'Markdown json fence', language: 'markdown', doc: '# Ask\n\n```json\n{"ai_agent": {"long_text": {"model": |}}}\n```\n', id: CHAT, after: `# Ask\n\n\`\`\`json\n{"ai_agent": {"long_text": {"model": "${CHAT}"}}}\n\`\`\`\n` },
  { name: 'Markdown python fence', language: 'markdown', doc: '```python\nAiAgentBasicTextTool(model=|)\n```\n', id: CHAT, after: `\`\`\`python\nAiAgentBasicTextTool(model="${CHAT}")\n\`\`\`\n` },
  { name: 'curl body in a shell script', language: 'shellscript', doc: `curl -X POST https://api.box.com/2.0/ai/ask \\\n  -d '{"ai_agent": {"basic_text": {"model": "|"}}}'\n`, id: CHAT, after: `curl -X POST https://api.box.com/2.0/ai/ask \\\n  -d '{"ai_agent": {"basic_text": {"model": "${CHAT}"}}}'\n` },
  { name: 'curl body in a double-quoted shell string', language: 'shellscript', doc: 'curl https://api.box.com/2.0/ai/ask --data "{\\"ai_agent\\": {\\"basic_text\\": {\\"model\\": |}}}"', id: CHAT, after: `curl https://api.box.com/2.0/ai/ask --data "{\\"ai_agent\\": {\\"basic_text\\": {\\"model\\": \\"${CHAT}\\"}}}"` },
  { name: 'curl body in a Markdown bash fence', language: 'markdown', doc: "```bash\ncurl -L https://api.box.com/2.0/ai/ask -d '{\"ai_agent\": {\"long_text\": {\"model\": \"aws|\"}}}'\n```\n", id: CHAT, after: `\`\`\`bash\ncurl -L https://api.box.com/2.0/ai/ask -d '{"ai_agent": {"long_text": {"model": "${CHAT}"}}}'\n\`\`\`\n` },
  { name: 'Markdown typescript fence', language: 'markdown', doc: "```ts\nconst a = { basicText: { model: '|' } };\n```\n", id: CHAT, after: `\`\`\`ts\nconst a = { basicText: { model: '${CHAT}' } };\n\`\`\`\n` },
];

const silentCases: { name: string; language: string; doc: string }[] = [
  { name: 'Python OpenAI call', language: 'python', doc: 'client.chat.completions.create(model="|", messages=m)' },
  { name: 'YAML config of another tool', language: 'yaml', doc: 'model_list:\n  - litellm_params:\n      model: |\n' },
  { name: 'Markdown prose', language: 'markdown', doc: 'Set "basic_text": {"model": "|"} in the body.\n' },
  { name: '.http request headers', language: 'http', doc: 'POST https://api.box.com/2.0/ai/ask\nX-Note: {"basic_text": {"model": "|"}}\n\n{}' },
];

describe('Python, YAML, .http and Markdown in a real VS Code', () => {
  before(async () => {
    await activateExtension();
  });
  afterEach(closeAll);

  for (const c of completionCases) {
    it(`completes: ${c.name}`, async () => {
      const { doc, position } = await openMarked(c.language, c.doc);
      const items = await completionsWhen(doc, position, (list) => modelLabels(list).length > 0);
      const item = items.find((i) => labelOf(i) === c.id);
      assert.ok(item, `${c.id} missing from ${modelLabels(items).length} model items`);
      assert.equal(await accept(doc, position, item), c.after);
    });
  }

  for (const c of silentCases) {
    it(`offers nothing: ${c.name}`, async () => {
      const { doc, position } = await openMarked(c.language, c.doc);
      // A Box slot in the same language proves the provider is serving it before silence is judged.
      const probe = await openMarked(c.language, c.language === 'yaml' ? 'basic_text:\n  model: |\n' : c.language === 'python' ? 'AiAgentBasicTextTool(model=|)' : c.language === 'http' ? 'POST https://x/ai/ask\n\n{"basic_text": {"model": "|"}}' : '```json\n{"basic_text": {"model": "|"}}\n```');
      assert.ok(modelLabels(await completionsWhen(probe.doc, probe.position, (l) => modelLabels(l).length > 0)).length > 0, 'probe got no completions');
      const items = await completionsWhen(doc, position, () => true);
      assert.deepEqual(modelLabels(items), []);
    });
  }

  it('hovers: the card in Python, YAML, .http and Markdown', async () => {
    const docs: [string, string][] = [
      ['python', 'AiAgentBasicTextTool(model="aws__claude_3_7|_sonnet")'],
      ['yaml', 'ai_agent:\n  basic_text:\n    model: aws__claude_3_7|_sonnet\n'],
      ['http', 'POST https://api.box.com/2.0/ai/ask\n\n{"ai_agent": {"basic_text": {"model": "aws__claude_3_7|_sonnet"}}}'],
      ['markdown', '```yaml\nbasic_text:\n  model: aws__claude_3_7|_sonnet\n```\n'],
      ['shellscript', `curl https://api.box.com/2.0/ai/ask -d '{"ai_agent": {"basic_text": {"model": "aws__claude_3_7|_sonnet"}}}'`],
      ['markdown', "```sh\ncurl https://api.box.com/2.0/ai/ask -d '{\"ai_agent\": {\"basic_text\": {\"model\": \"aws__claude_3_7|_sonnet\"}}}'\n```\n"],
    ];
    for (const [language, marked] of docs) {
      const { doc, position } = await openMarked(language, marked);
      const text = await hoverText(doc, position);
      assert.match(text, /AWS Claude 3\.7 Sonnet/, language);
      assert.match(text, /200,000 tokens/, language);
    }
  });

  it('files on disk get their languages: .py, .yaml, .http, .rest, .md', async () => {
    for (const [name, language] of [['ask.py', 'python'], ['agent.yaml', 'yaml'], ['ask.http', 'http'], ['guide.md', 'markdown']]) {
      assert.equal((await vscode.workspace.openTextDocument(fixture(name))).languageId, language, name);
    }
    const rest = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'untitled', path: `request-${process.pid}.rest` }));
    assert.equal(rest.languageId, 'http');
  });

  it('Python: setting and model diagnostics with ranges and codes', async () => {
    const doc = await vscode.workspace.openTextDocument(fixture('ask.py'));
    const found = await diagnosticsWhen(doc.uri, (d) => d.length >= 4);
    assert.deepEqual(
      found.map((d) => [d.code, doc.getText(d.range)]).sort(),
      [
        ['chunk-size-out-of-range', '1024'],
        ['completion-tokens-over-max', '64000'],
        ['params-type-mismatch', 'openai_params'],
        ['prompt-template-placeholder-missing', 'Answer {user_question} briefly.'],
      ],
    );
    const tokens = found.find((d) => d.code === 'completion-tokens-over-max')!;
    assert.match(tokens.message, /64,000.*8,000/);
    assert.equal(tokens.severity, vscode.DiagnosticSeverity.Warning);
    assert.deepEqual(found.find((d) => d.code === 'params-type-mismatch')!.range, rangeOf(doc, 'openai_params'));
  });

  it('YAML, .http and Markdown: diagnostics on the right ranges', async () => {
    const expectations: [string, [string, string][]][] = [
      ['agent.yaml', [['params-type-mismatch', 'google_params'], ['retired-model', 'google__gemini_1_5_flash_001'], ['unknown-model', 'aws__claude_3_7_sonet']]],
      ['ask.http', [['completion-tokens-over-max', '9000']]],
      ['guide.md', [['chat-model-in-embedding-slot', 'aws__claude_3_haiku']]],
    ];
    for (const [name, expected] of expectations) {
      const doc = await vscode.workspace.openTextDocument(fixture(name));
      const found = await diagnosticsWhen(doc.uri, (d) => d.length >= expected.length);
      assert.deepEqual(found.map((d) => [String(d.code), doc.getText(d.range)]).sort(), expected, name);
    }
  });

  it('curl bodies in a .sh file and a Markdown bash fence are checked, and their quick fixes work', async () => {
    for (const [language, text] of [
      ['shellscript', `#!/bin/sh\ncurl -X POST https://api.box.com/2.0/ai/ask \\\n  -d '{"ai_agent": {"type": "ai_agent_ask", "basic_text": {"model": "aws__claude_3_7_sonet"}}}'\n`],
      ['markdown', "```bash\ncurl -X POST https://api.box.com/2.0/ai/ask -d '{\"ai_agent\": {\"type\": \"ai_agent_ask\", \"basic_text\": {\"model\": \"aws__claude_3_7_sonet\"}}}'\n```\n"],
    ]) {
      const doc = await openUntitled(language, text);
      const [problem] = await diagnosticsWhen(doc.uri, (d) => d.length > 0);
      assert.deepEqual([problem?.code, problem?.range], ['unknown-model', rangeOf(doc, 'aws__claude_3_7_sonet')], language);
      await applyPreferredFix(doc, problem);
      assert.equal(doc.getText(), text.replace('aws__claude_3_7_sonet', 'aws__claude_3_7_sonnet'), language);
      assert.deepEqual(await diagnosticsWhen(doc.uri, (d) => d.length === 0), [], language);
    }
  });

  it("a single_item_qa request with two items is flagged in .http, curl and Markdown, and its fix makes it multiple_item_qa", async () => {
    const body = '{"mode": "single_item_qa", "items": [{"id": "1", "type": "file"}, {"id": "2", "type": "file"}], "prompt": "Compare them."}';
    for (const [language, text] of [
      ['http', `POST https://api.box.com/2.0/ai/ask\nContent-Type: application/json\n\n${body}\n`],
      ['shellscript', `curl -X POST https://api.box.com/2.0/ai/ask -d '${body}'\n`],
      ['markdown', `\`\`\`sh\ncurl https://api.box.com/2.0/ai/ask -d '${body}'\n\`\`\`\n`],
    ]) {
      const doc = await openUntitled(language, text);
      const [problem] = await diagnosticsWhen(doc.uri, (d) => d.some((x) => x.code === 'single-item-qa-items'));
      assert.equal(problem?.code, 'single-item-qa-items', language);
      assert.equal(problem.severity, vscode.DiagnosticSeverity.Error, language);
      assert.deepEqual(problem.range, rangeOf(doc, 'single_item_qa'), language);
      assert.match(problem.message, /mode single_item_qa takes exactly one item, and items has 2/);
      await applyPreferredFix(doc, problem);
      assert.equal(doc.getText(), text.replace('single_item_qa', 'multiple_item_qa'), language);
      assert.deepEqual(await diagnosticsWhen(doc.uri, (d) => d.length === 0), [], language);
    }
  });

  it('SDK calls with two items in single_item_qa are flagged in TypeScript and Python (string and enum modes), and the fix fits how the mode is written', async () => {
    for (const [language, text, written, fixed] of [
      ['typescript', "await client.ai.createAiAsk({\n  mode: 'single_item_qa' as AiAskModeField,\n  prompt: 'Compare them.',\n  items: [{ id: '1', type: 'file' }, new AiAskItemsField({ id: '2', type: 'file' })],\n});\n", 'single_item_qa', 'multiple_item_qa'],
      ['python', 'client.ai.create_ai_ask(\n    CreateAiAskMode.SINGLE_ITEM_QA.value,\n    "Compare them.",\n    [AiItemAsk(id="1", type="file"), AiItemAsk(id="2", type="file")],\n)\n', 'SINGLE_ITEM_QA', 'MULTIPLE_ITEM_QA'],
      ['python', 'client.ai.create_ai_ask(mode="single_item_qa", prompt="Compare them.", items=[{"id": "1", "type": "file"}, {"id": "2", "type": "file"}])\n', 'single_item_qa', 'multiple_item_qa'],
    ]) {
      const doc = await openUntitled(language, text);
      const [problem] = await diagnosticsWhen(doc.uri, (d) => d.some((x) => x.code === 'single-item-qa-items'));
      assert.equal(problem?.code, 'single-item-qa-items', text);
      assert.equal(problem.severity, vscode.DiagnosticSeverity.Error, text);
      assert.deepEqual(problem.range, rangeOf(doc, written), text);
      await applyPreferredFix(doc, problem);
      assert.equal(doc.getText(), text.replace(written, fixed), text);
      assert.deepEqual(await diagnosticsWhen(doc.uri, (d) => d.length === 0), [], text);
    }
  });

  it('an SDK text generation call with two items is flagged on its items, and one whose items are a variable says nothing', async () => {
    const text = 'client.ai.create_ai_text_gen("Rewrite it.", [AiItemBase(id="1", type="file"), AiItemBase(id="2", type="file")])\nclient.ai.create_ai_text_gen("Rewrite it.", items)\n';
    const doc = await openUntitled('python', text);
    const found = await diagnosticsWhen(doc.uri, (d) => d.length > 0);
    assert.deepEqual(found.map((d) => [d.code, doc.getText(d.range)]), [['text-gen-items', '[AiItemBase(id="1", type="file"), AiItemBase(id="2", type="file")]']]);
    assert.match(found[0].message, /text generation \(POST \/2\.0\/ai\/text_gen\) takes exactly one/);
  });

  it('quick fixes for settings produce the expected text', async () => {
    const original = new TextDecoder().decode(await vscode.workspace.fs.readFile(fixture('ask.py')));
    const doc = await openUntitled('python', original);
    const expected: Record<string, [string, string]> = {
      'params-type-mismatch': ['type="openai_params"', 'type="aws_params"'],
      'completion-tokens-over-max': ['num_tokens_for_completion=64000', 'num_tokens_for_completion=8000'],
      'chunk-size-out-of-range': ['num_tokens_per_chunk=1024', 'num_tokens_per_chunk=512'],
    };
    for (const [code, [before, after]] of Object.entries(expected)) {
      const diagnostic = (await diagnosticsWhen(doc.uri, (d) => d.some((x) => x.code === code))).find((d) => d.code === code);
      assert.ok(diagnostic, `no ${code}`);
      await applyPreferredFix(doc, diagnostic);
      assert.ok(doc.getText().includes(after) && !doc.getText().includes(before), `${code}: ${after}`);
      await diagnosticsWhen(doc.uri, (d) => !d.some((x) => x.code === code));
    }
    const left = await diagnosticsWhen(doc.uri, (d) => d.length === 1);
    assert.deepEqual(left.map((d) => d.code), ['prompt-template-placeholder-missing']);
  });

  // Each document ends with an override naming an unknown model, so that the checks are seen to have
  // run on the text with the snippet in it (see diagnosticsBesides).
  const sentinel = 'nope__sentinel_model';
  for (const [language, prefix, expected, after] of [
    ['python', 'box-ai-agent-ask', 'ai_agent=AiAgentAsk(\n  type="ai_agent_ask",\n  basic_text=AiAgentBasicTextTool(model="', `\nAiAgentBasicTextTool(model="${sentinel}")\n`],
    ['json', 'box-ai-agent-extract', '"ai_agent": {\n  "type": "ai_agent_extract",\n  "basic_text": {"model": "', `,\n"basic_gen": {"model": "${sentinel}"}\n`],
    ['typescript', 'box-ai-agent-text-gen', "aiAgent: {\n  type: 'ai_agent_text_gen',\n  basicGen: { model: '", `\nconst sentinel = new AiAgentBasicTextTool({ model: '${sentinel}' });\n`],
  ]) {
    it(`snippet ${prefix} in ${language}: offered, and inserts an override with the agent's default model`, async () => {
      const { doc, position } = await openMarked(language, language === 'json' ? `{\n${prefix}|${after}}` : `${prefix}|${after}`);
      const items = await completionsWhen(doc, position, (list) => list.some((i) => labelOf(i) === prefix && i.kind === vscode.CompletionItemKind.Snippet));
      const item = items.find((i) => labelOf(i) === prefix && i.kind === vscode.CompletionItemKind.Snippet);
      assert.ok(item && item.insertText instanceof vscode.SnippetString, `no ${prefix} snippet among ${items.length} items`);
      const editor = await vscode.window.showTextDocument(doc);
      await editor.edit((e) => e.delete(new vscode.Range(position.translate(0, -prefix.length), position)));
      assert.ok(await editor.insertSnippet(item.insertText, position.translate(0, -prefix.length)));
      const text = doc.getText();
      const flat = (t: string) => t.replace(/\s+/g, ' ');
      assert.ok(flat(text).includes(flat(expected)), text);
      // The inserted override names real models and passes every check.
      assert.deepEqual(await diagnosticsBesides(doc, sentinel), []);
    });
  }

  it('a prompt template fixed while typing clears its warning', async () => {
    const doc = await openUntitled('yaml', 'ai_agent:\n  basic_text:\n    prompt_template: "Answer {user_question}"\n');
    await diagnosticsWhen(doc.uri, (d) => d.length === 1);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, rangeOf(doc, '{user_question}').end, ' using {content}');
    await vscode.workspace.applyEdit(edit);
    assert.deepEqual(await diagnosticsWhen(doc.uri, (d) => d.length === 0), []);
  });
});
