import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRequestBody, checkRequests, endpointOfUrl, PROMPT_MAX_LENGTH } from '../../src/core/check/request-checks';
import { rng } from './random';

const items = (n: number) => JSON.stringify(Array.from({ length: n }, (_, i) => ({ id: String(i + 1), type: 'file' })));
const codes = (body: string, url?: string) => checkRequestBody(body, url).map((f) => f.code);

test('the endpoint comes from the URL, else from ai_agent.type; a body whose endpoint cannot be told gets nothing', () => {
  assert.equal(endpointOfUrl('https://api.box.com/2.0/ai/ask'), 'ask');
  assert.equal(endpointOfUrl('https://api.box.com/2.0/ai/extract_structured?x=1'), 'extract_structured');
  assert.equal(endpointOfUrl('{{base}}/ai/extract'), 'extract');
  assert.equal(endpointOfUrl('https://api.box.com/2.0/ai_agent_default'), undefined);
  const twoItems = `{"mode": "single_item_qa", "items": ${items(2)}}`;
  assert.deepEqual(codes(twoItems), [], 'no URL, no agent type: silent');
  assert.deepEqual(codes(twoItems, 'https://api.box.com/2.0/ai/ask'), ['single-item-qa-items']);
  assert.deepEqual(codes(`{"mode": "single_item_qa", "items": ${items(2)}, "ai_agent": {"type": "ai_agent_ask"}}`), ['single-item-qa-items']);
});

test('each request check, with its negatives', () => {
  const ask = 'https://api.box.com/2.0/ai/ask';
  const long = 'x'.repeat(PROMPT_MAX_LENGTH + 1);
  // The prompt is counted after its escapes are read: \n is one character.
  assert.deepEqual(codes(`{"prompt": "${long}", "mode": "single_item_qa", "items": ${items(1)}}`, ask), ['prompt-too-long']);
  assert.deepEqual(codes(`{"prompt": "${'\\n'.repeat(PROMPT_MAX_LENGTH)}", "mode": "single_item_qa", "items": ${items(1)}}`, ask), []);
  assert.deepEqual(codes(`{"mode": "multiple_item_qa", "items": ${items(26)}}`, ask), ['too-many-items']);
  assert.deepEqual(codes(`{"mode": "multiple_item_qa", "items": ${items(25)}}`, ask), []);
  assert.deepEqual(codes(`{"mode": "single_item_qa", "items": ${items(1)}}`, ask), []);
  assert.deepEqual(codes(`{"items": ${items(2)}}`, 'https://api.box.com/2.0/ai/text_gen'), ['text-gen-items']);
  assert.deepEqual(codes(`{"items": []}`, 'https://api.box.com/2.0/ai/text_gen'), ['text-gen-items']);
  assert.deepEqual(codes(`{"items": ${items(1)}}`, 'https://api.box.com/2.0/ai/text_gen'), []);
  assert.deepEqual(codes(`{"items": ${items(26)}}`, 'https://api.box.com/2.0/ai/extract'), ['too-many-items']);
  assert.deepEqual(codes(`{"items": ${items(25)}}`, 'https://api.box.com/2.0/ai/extract_structured'), []);
  assert.deepEqual(codes(`{"mode": "multi", "items": ${items(1)}}`, ask), ['unknown-mode']);
  assert.deepEqual(codes(`{"mode": "multi"}`, 'https://api.box.com/2.0/ai/extract'), [], 'mode is an ask\'s');
  const big = 'é'.repeat(1_000_001); // 2,000,002 bytes, 1,000,001 characters
  assert.deepEqual(codes(`{"items": [{"id": "1", "type": "file", "content": "${big}"}]}`, 'https://api.box.com/2.0/ai/text_gen'), ['item-content-too-large']);
  assert.deepEqual(codes(`{"items": [{"id": "1", "type": "file", "content": "${'é'.repeat(1_000_000)}"}]}`, 'https://api.box.com/2.0/ai/text_gen'), []);
});

test('single_item_qa with two items: flagged on the mode, fixed to multiple_item_qa; an unknown mode offers both', () => {
  const body = `{"mode": "single_item_qa", "items": ${items(2)}}`;
  const [finding] = checkRequestBody(body, 'https://api.box.com/2.0/ai/ask');
  assert.equal(body.slice(finding.start, finding.end), 'single_item_qa');
  assert.deepEqual(finding.fixes, [{ title: 'Change to multiple_item_qa', replacement: 'multiple_item_qa', preferred: true }]);
  const [mode] = checkRequestBody(`{"mode": "multi", "items": ${items(3)}}`, 'https://api.box.com/2.0/ai/ask');
  assert.deepEqual(mode.fixes.map((f) => [f.replacement, f.preferred]), [['multiple_item_qa', true], ['single_item_qa', false]]);
});

test('request checks in .http bodies, curl commands (URL before or after the body, any quoting) and Markdown fences, on the right ranges', () => {
  const body = `{"mode": "single_item_qa", "items": ${items(2)}}`;
  const http = `POST https://api.box.com/2.0/ai/ask\nContent-Type: application/json\n\n${body}\n`;
  const sh = `curl -d '${body}' https://api.box.com/2.0/ai/ask`;
  const quoted = `curl https://api.box.com/2.0/ai/ask --data "${body.replace(/"/g, '\\"')}"`;
  const md = `# Ask\n\n\`\`\`bash\n${sh}\n\`\`\`\n\n\`\`\`json\n{"ai_agent": {"type": "ai_agent_text_gen"}, "items": []}\n\`\`\`\n`;
  for (const [text, language, expected] of [[http, 'http', ['single-item-qa-items']], [sh, 'shellscript', ['single-item-qa-items']], [quoted, 'shellscript', ['single-item-qa-items']], [md, 'markdown', ['single-item-qa-items', 'text-gen-items']]] as const) {
    const found = checkRequests(text, language);
    assert.deepEqual(found.map((f) => f.code), expected, language);
    assert.equal(text.slice(found[0].start, found[0].end), 'single_item_qa', language);
  }
  assert.equal(checkRequests(md, 'markdown')[1] && md.slice(checkRequests(md, 'markdown')[1].start, checkRequests(md, 'markdown')[1].end), 'items');
});

test('broken bodies never throw and say nothing wrong', () => {
  for (const body of ['', '{', '{"mode": ', '[1, 2]', '{"items": {"a": 1}}', '{"mode": 3, "items": "x"}', '{"prompt": 12}', '{"items": [', '{"items": [1, 2,]}']) {
    assert.doesNotThrow(() => checkRequestBody(body, 'https://api.box.com/2.0/ai/ask'), body);
  }
  assert.deepEqual(codes('{"mode": "single_item_qa", "items": [{"id": "1"}, {"id": "2"},], }', 'https://api.box.com/2.0/ai/ask'), ['single-item-qa-items'], 'trailing commas, as in Box\'s docs');
});

const at = (text: string, finding: { start: number; end: number }) => text.slice(finding.start, finding.end);

test('TypeScript SDK calls: the body object of createAiAsk/TextGen/Extract/ExtractStructured, camelCase, casts and classes read through', () => {
  const ask = `await client.ai.createAiAsk({
  mode: 'single_item_qa' as AiAskModeField,
  prompt: 'Compare them.',
  items: [new AiAskItemsField({ id: a.id, type: 'file' as AiAskItemsTypeField }), { id: b.id, type: 'file' } satisfies AiItemAsk],
  aiAgent: { type: 'ai_agent_ask' },
} satisfies AiAsk);`;
  const [finding, ...rest] = checkRequests(ask, 'typescript');
  assert.deepEqual(rest, []);
  assert.equal(finding.code, 'single-item-qa-items');
  assert.equal(at(ask, finding), 'single_item_qa');
  assert.deepEqual(finding.fixes, [{ title: 'Change to multiple_item_qa', replacement: 'multiple_item_qa', preferred: true }]);

  const textGen = "client.ai.createAiTextGen({ prompt: `Summarise.`, items: [{ id: '1', type: 'file' }, { id: '2', type: 'file' }] });";
  const [gen] = checkRequests(textGen, 'javascript');
  assert.deepEqual([gen.code, at(textGen, gen)], ['text-gen-items', 'items']);
  const extract = `client.ai.createAiExtract({ prompt: "x", items: ${items(26)} });`;
  assert.deepEqual(checkRequests(extract, 'typescriptreact').map((f) => [f.code, at(extract, f)]), [['too-many-items', 'items']]);
  assert.deepEqual(checkRequests(`client.ai.createAiExtractStructured({ items: ${items(25)}, fields: [] });`, 'typescript'), []);
  const long = `client.ai.createAiAsk({ mode: 'single_item_qa', prompt: \`${'a'.repeat(PROMPT_MAX_LENGTH + 1)}\`, items: [file] });`;
  assert.deepEqual(checkRequests(long, 'typescript').map((f) => f.code), ['prompt-too-long']);
  // Escapes are read: 10,000 \\n escapes are 10,000 characters.
  assert.deepEqual(checkRequests(`client.ai.createAiAsk({ mode: 'single_item_qa', prompt: '${'\\n'.repeat(PROMPT_MAX_LENGTH)}', items: [file] });`, 'typescript'), []);
});

test('Python SDK calls: positional mode, prompt and items as the SDK declares them, keyword arguments, enum members', () => {
  const ask = `client.ai.create_ai_ask(
    CreateAiAskMode.SINGLE_ITEM_QA.value,
    "Which direction does the sun rise?",
    [
        AiItemAsk(id=file_1.id, type=AiItemAskTypeField.FILE.value, content="Earth goes around the sun"),
        AiItemAsk(id=file_2.id, type=AiItemAskTypeField.FILE.value),
    ],
)`;
  const [finding, ...rest] = checkRequests(ask, 'python');
  assert.deepEqual(rest, []);
  assert.deepEqual([finding.code, at(ask, finding)], ['single-item-qa-items', 'SINGLE_ITEM_QA']);
  assert.deepEqual(finding.fixes.map((f) => f.replacement), ['MULTIPLE_ITEM_QA'], 'an enum member is fixed to the member');

  const keywords = 'client.ai.create_ai_ask(mode="single_item_qa", prompt="Compare.", items=[{"id": "1", "type": "file"}, {"id": "2", "type": "file"}], ai_agent=agent)';
  assert.deepEqual(checkRequests(keywords, 'python').map((f) => [f.code, at(keywords, f), f.fixes[0]?.replacement]), [['single-item-qa-items', 'single_item_qa', 'multiple_item_qa']]);

  const textGen = 'client.ai.create_ai_text_gen("Rewrite it.", [AiItemBase(id="1", type="file"), AiItemBase(id="2", type="file")], ai_agent=agent)';
  const [gen] = checkRequests(textGen, 'python');
  assert.equal(gen.code, 'text-gen-items');
  assert.equal(at(textGen, gen), '[AiItemBase(id="1", type="file"), AiItemBase(id="2", type="file")]', 'a positional list is flagged whole');

  const structured = `client.ai.create_ai_extract_structured(${items(26).replace(/"id"/g, '"id"')}, fields=[])`;
  assert.deepEqual(checkRequests(structured, 'python').map((f) => f.code), ['too-many-items']);
  const unknown = 'client.ai.create_ai_ask(CreateAiAskMode.MULTI, "q", [AiItemAsk(id="1", type="file")])';
  const [mode] = checkRequests(unknown, 'python');
  assert.deepEqual([mode.code, at(unknown, mode), mode.fixes.map((f) => f.replacement)], ['unknown-mode', 'MULTI', ['SINGLE_ITEM_QA', 'MULTIPLE_ITEM_QA']]);
  const long = `client.ai.create_ai_extract(prompt="""${'b'.repeat(PROMPT_MAX_LENGTH + 1)}""", items=[item])`;
  const [prompt] = checkRequests(long, 'python');
  assert.equal(prompt.code, 'prompt-too-long');
  assert.equal(at(long, prompt).length, PROMPT_MAX_LENGTH + 1, 'the range is the triple-quoted content');
  const big = `client.ai.create_ai_text_gen("q", [AiItemBase(id="1", type="file", content="${'é'.repeat(1_000_001)}")])`;
  const [content] = checkRequests(big, 'python');
  assert.deepEqual([content.code, at(big, content)], ['item-content-too-large', 'content']);
});

test('SDK calls: nothing is said where the code does not tell (variables, spreads, comprehensions, expressions, comments, definitions)', () => {
  const silent: [string, string][] = [
    ['typescript', 'client.ai.createAiAsk(body);'],
    ['typescript', "client.ai.createAiAsk({ mode: 'single_item_qa', prompt: 'q', items });"],
    ['typescript', "client.ai.createAiAsk({ mode: 'single_item_qa', prompt: 'q', items: [...files, other] });"],
    ['typescript', "client.ai.createAiAsk({ mode: 'single_item_qa', prompt: 'q', items: files.map((f) => ({ id: f, type: 'file' })) });"],
    ['typescript', `client.ai.createAiAsk({ mode: 'single_item_qa', prompt: '${'a'.repeat(PROMPT_MAX_LENGTH)}' + suffix, items: [a] });`],
    ['typescript', `client.ai.createAiTextGen({ prompt: \`\${'a'.repeat(20000)}\`, items: [a] });`],
    ['typescript', "client.ai.createAiAsk({ mode: mode, prompt: 'q', items: [a, b] });"],
    ['typescript', "// client.ai.createAiAsk({ mode: 'single_item_qa', items: [a, b] });"],
    ['typescript', "const s = \"client.ai.createAiAsk({ mode: 'single_item_qa', items: [a, b] })\";"],
    ['typescript', "client.ai.createAiAgent({ mode: 'single_item_qa', items: [a, b] });"],
    ['typescript', "async createAiAsk(requestBody: AiAsk, optionalsInput: CreateAiAskOptionalsInput = {}) { return { mode: 'single_item_qa', items: [a, b] }; }"],
    ['python', 'client.ai.create_ai_ask(CreateAiAskMode.SINGLE_ITEM_QA, "q", [AiItemAsk(id=f.id, type="file") for f in files])'],
    ['python', 'client.ai.create_ai_ask(CreateAiAskMode.SINGLE_ITEM_QA, "q", [*files, other])'],
    ['python', 'client.ai.create_ai_ask(self.mode, "q", [a, b])'],
    ['python', 'client.ai.create_ai_ask(*args)'],
    ['python', `client.ai.create_ai_text_gen(f"{'a' * 20000}", [a])`],
    ['python', '# client.ai.create_ai_ask(CreateAiAskMode.SINGLE_ITEM_QA, "q", [a, b])'],
    ['python', 'def create_ai_ask(self, mode: CreateAiAskMode, prompt: str, items: List[AiItemAsk], *, ai_agent=None):\n    pass'],
  ];
  for (const [language, text] of silent) assert.deepEqual(checkRequests(text, language), [], text);
});

test('SDK calls inside Markdown fences are checked on the right ranges', () => {
  const md = "# Ask\n\n```ts\nawait client.ai.createAiAsk({ mode: 'single_item_qa', prompt: 'q', items: [a, b] });\n```\n\n```python\nclient.ai.create_ai_ask(CreateAiAskMode.SINGLE_ITEM_QA, 'q', [a, b])\n```\n";
  const found = checkRequests(md, 'markdown');
  assert.deepEqual(found.map((f) => [f.code, at(md, f)]), [['single-item-qa-items', 'single_item_qa'], ['single-item-qa-items', 'SINGLE_ITEM_QA']]);
});

test('fuzz: SDK calls cut and spliced at random never throw, and every finding lies inside the text', () => {
  const seeds = [
    "client.ai.createAiAsk({ mode: 'single_item_qa' as AiAskModeField, prompt: `q${x}`, items: [new AiAskItemsField({ id: a, content: 'c\\n' }), ...rest], aiAgent: { type: 'ai_agent_ask' } } satisfies AiAsk);",
    'client.ai.create_ai_ask(CreateAiAskMode.SINGLE_ITEM_QA.value, r"q\\n", [AiItemAsk(id=a, content="""c"""), {"id": b}], ai_agent=dict(type="ai_agent_ask"))',
  ];
  const fragments = ['(', ')', '[', ']', '{', '}', ',', ':', '=', "'", '"', '`', '${', '\\', '/', '/*', '//', '#', '\n', '...', '*', 'as', 'for', 'new', 'mode', 'items'];
  const random = rng(7);
  for (let round = 0; round < 400; round++) {
    const language = round % 2 ? 'python' : 'typescript';
    let text = seeds[round % 2];
    for (let n = 1 + Math.floor(random() * 4); n > 0; n--) {
      const at = Math.floor(random() * text.length);
      const cut = Math.floor(random() * 6);
      text = text.slice(0, at) + (random() < 0.6 ? fragments[Math.floor(random() * fragments.length)] : '') + text.slice(at + cut);
    }
    const found = checkRequests(text, language);
    for (const f of found) assert.ok(f.start >= 0 && f.start <= f.end && f.end <= text.length, `${f.code} at ${f.start}-${f.end} in ${JSON.stringify(text)}`);
  }
});

test("SDK calls: names of Object's own members (constructor, toString) are not taken for SDK methods", () => {
  const python = 'value.toString(x)\nclient.constructor(y)\nclient.ai.create_ai_ask(CreateAiAskMode.SINGLE_ITEM_QA, "q", [a, b])\n';
  assert.deepEqual(checkRequests(python, 'python').map((f) => f.code), ['single-item-qa-items']);
  const ts = "class Agent { constructor(x) { this.x = x; } toString() { return 'a'; } }\nclient.ai.createAiAsk({ mode: 'single_item_qa', items: [a, b] });";
  assert.deepEqual(checkRequests(ts, 'typescript').map((f) => f.code), ['single-item-qa-items']);
});
