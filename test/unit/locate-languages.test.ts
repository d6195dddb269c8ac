import { test } from 'node:test';
import assert from 'node:assert/strict';
import { locateSlots, modelSlots, skipReason, YAML_MAX_LENGTH } from '../../src/core/locate';
import { curlRegions, httpRegions, markdownRegions } from '../../src/core/locate/embedded';
import { mayHoldBoxLabel, slotAt } from '../../src/core/locate/slot';
import { withCursor } from './cursor';

type Expect = { kind: string; value: string; quote?: string } | null;

const cases: [string, string, string, Expect][] = [
  // Python with box_sdk_gen: keyword arguments and dicts.
  ['python', 'SDK tool class kwarg', `tool = AiAgentBasicTextTool(model="aws|")`, { kind: 'chat', value: 'aws', quote: '"' }],
  ['python', 'embeddings field class', `e = AiAgentLongTextToolEmbeddingsField(model='|')`, { kind: 'embedding', value: '' }],
  ['python', 'nested in AiAgentAsk', `agent = AiAgentAsk(type="ai_agent_ask", basic_text=AiAgentBasicTextTool(model="x|", num_tokens_for_completion=800))`, { kind: 'chat', value: 'x' }],
  ['python', 'default config call', `client.ai.get_ai_agent_default_config(GetAiAgentDefaultConfigMode.ASK, language="en", model="|")`, { kind: 'chat', value: '' }],
  ['python', 'dict body', `body = {"ai_agent": {"basic_text": {"model": "az|"}}}`, { kind: 'chat', value: 'az' }],
  ['python', 'dict() under a tool kwarg', `AiAgentAsk(basic_text=dict(model="q|"))`, { kind: 'chat', value: 'q' }],
  ['python', 'variable named like a key', `ai_agent = {"long_text": {"embeddings": {"model": "|"}}}`, { kind: 'embedding', value: '' }],
  ['python', 'no value yet', `AiAgentBasicTextTool(model=|)`, { kind: 'chat', value: '' }],
  ['python', 'string prefix', `AiAgentBasicTextTool(model=r"g|")`, { kind: 'chat', value: 'g' }],
  ['python', 'unterminated string', `AiAgentBasicTextTool(model="aws__|\nx = 1`, { kind: 'chat', value: 'aws__' }],
  ['python', 'OpenAI call', `openai.chat.completions.create(model="gpt-4o|", messages=m)`, null],
  ['python', 'comment', `AiAgentBasicTextTool(  # model="|x"\n)`, null],
  ['python', 'triple-quoted string', `AiAgentBasicTextTool(system_message="""model="|x" """)`, null],
  ['python', 'comparison, not a kwarg', `AiAgentBasicTextTool(model == "|x")`, null],
  ['python', 'function default', `def ask(model="aws|"):\n  pass`, null],
  // YAML.
  ['yaml', 'block mapping', `ai_agent:\n  type: ai_agent_ask\n  basic_text:\n    model: aws|\n`, { kind: 'chat', value: 'aws', quote: '' }],
  ['yaml', 'empty value', `ai_agent:\n  long_text:\n    model: |\n`, { kind: 'chat', value: '' }],
  ['yaml', 'quoted', `basic_text:\n  model: "azure|__x"\n`, { kind: 'chat', value: 'azure__x', quote: '"' }],
  ['yaml', 'flow mapping', `ai_agent: {long_text: {embeddings: {model: 'a|'}}}\n`, { kind: 'embedding', value: 'a' }],
  ['yaml', 'unterminated quote stays on its line', `basic_text:\n  model: 'aws__|\n  other: 1\n`, { kind: 'chat', value: 'aws__' }],
  ['yaml', 'second document', `x: 1\n---\nai_agent:\n  basic_gen:\n    model: g|\n`, { kind: 'chat', value: 'g' }],
  ['yaml', 'not Box', `llm:\n  model: gpt-4o|\n`, null],
  ['yaml', 'model in a comment', `ai_agent:\n  basic_text:\n    # model: x|\n    prompt: y\n`, null],
  // Markdown fences.
  ['markdown', 'json fence', 'Text\n\n```json\n{"ai_agent": {"basic_text": {"model": "a|"}}}\n```\n', { kind: 'chat', value: 'a' }],
  ['markdown', 'python fence', 'Text\n\n```python\nAiAgentBasicTextTool(model="|")\n```\n', { kind: 'chat', value: '', quote: '"' }],
  ['markdown', 'ts fence with tildes', '~~~ts\nconst a = { basicText: { model: \'|\' } };\n~~~\n', { kind: 'chat', value: '' }],
  ['markdown', 'yaml fence', '```yaml\nai_agent:\n  basic_text:\n    model: q|\n```\n', { kind: 'chat', value: 'q' }],
  ['markdown', 'unclosed fence runs to the end', '```jsonc\n{"basic_text": {"model": "|', { kind: 'chat', value: '' }],
  ['markdown', 'prose is not code', 'Set `basic_text` and "model": "a|" in prose.\n', null],
  ['markdown', 'after the fence', '```json\n{"basic_text": {}}\n```\n"model": "a|"\n', null],
  ['markdown', 'fence of another language', '```sh\n{"basic_text": {"model": "a|"}}\n```\n', null],
  // .http / .rest request files.
  ['http', 'request body', 'POST https://api.box.com/2.0/ai/ask\nContent-Type: application/json\n\n{"ai_agent": {"basic_text": {"model": "a|"}}}\n', { kind: 'chat', value: 'a' }],
  ['http', 'second request', '### one\nGET https://api.box.com/2.0/ai_agent_default?mode=ask\n\n### two\nPOST {{base}}/ai/text_gen\n\n{"ai_agent": {"basic_gen": {"model": "|"}}}', { kind: 'chat', value: '' }],
  ['http', 'header is not body', 'POST https://api.box.com/2.0/ai/ask\nX-Model: {"basic_text": {"model": "a|"}}\n\n{}', null],
];

for (const [languageId, name, marked, expected] of cases) {
  test(`${languageId} slot: ${name}`, () => {
    const { text, offset } = withCursor(marked);
    const slot = slotAt(modelSlots(locateSlots(text, languageId)), offset);
    if (expected === null) assert.equal(slot, undefined, JSON.stringify(slot));
    else {
      assert.ok(slot, 'expected a slot at the cursor');
      assert.equal(slot.kind, expected.kind);
      assert.equal(slot.value, expected.value);
      assert.equal(text.slice(slot.start, slot.end), slot.quote === '|' ? text.slice(slot.start, slot.end) : expected.value);
      if (expected.quote !== undefined) assert.equal(slot.quote, expected.quote);
    }
  });
}

test('each language says which quote a new value takes', () => {
  const quoteFor = (languageId: string, text: string) => modelSlots(locateSlots(text, languageId))[0]?.newQuote;
  assert.equal(quoteFor('json', '{"basic_text": {"model": }}'), '"');
  assert.equal(quoteFor('typescript', 'const a = { basicText: { model: } };'), "'");
  assert.equal(quoteFor('python', 'AiAgentBasicTextTool(model=)'), '"');
  assert.equal(quoteFor('yaml', 'basic_text:\n  model:\n'), '');
  assert.equal(quoteFor('markdown', '```python\nAiAgentBasicTextTool(model=)\n```'), '"');
});

/** The settings reported around the models, in the shape the parameter checks read. */
function settings(languageId: string, text: string) {
  const slots = locateSlots(text, languageId);
  const model = slots.find((s) => s.key === 'model' && s.kind === 'chat');
  return slots
    .filter((s) => s.key !== 'model')
    .map((s) => ({
      key: s.key,
      value: s.value,
      raw: text.slice(s.start, s.end),
      inModelObject: s.owner.id === model?.owner.id,
      inModelChild: s.owner.parentId === model?.owner.id,
      ownerKey: s.owner.key,
      parentKey: s.owner.parentKey,
    }));
}

const SAME_OVERRIDE: [string, string][] = [
  ['json', `{"ai_agent": {"type": "ai_agent_ask", "long_text": {"model": "m", "num_tokens_for_completion": 900, "prompt_template": "{user_question}", "llm_endpoint_params": {"type": "openai_params"}, "embeddings": {"model": "e", "strategy": {"id": "basic", "num_tokens_per_chunk": 64}}}}}`],
  ['typescript', `const aiAgent = new AiAgentAsk({ type: 'ai_agent_ask', longText: new AiAgentLongTextTool({ model: 'm', numTokensForCompletion: 900, promptTemplate: \`{user_question}\`, llmEndpointParams: new AiLlmEndpointParamsOpenAi({ type: 'openai_params' }), embeddings: { model: 'e', strategy: { id: 'basic', numTokensPerChunk: 64 } } }) });`],
  ['python', `ai_agent = AiAgentAsk(type="ai_agent_ask", long_text=AiAgentLongTextTool(model="m", num_tokens_for_completion=900, prompt_template="""{user_question}""", llm_endpoint_params=AiLlmEndpointParamsOpenAi(type="openai_params"), embeddings=AiAgentLongTextToolEmbeddingsField(model="e", strategy=AiAgentLongTextToolEmbeddingsStrategyField(id="basic", num_tokens_per_chunk=64))))`],
  ['yaml', `ai_agent:\n  type: ai_agent_ask\n  long_text:\n    model: m\n    num_tokens_for_completion: 900\n    prompt_template: "{user_question}"\n    llm_endpoint_params:\n      type: openai_params\n    embeddings:\n      model: e\n      strategy:\n        id: basic\n        num_tokens_per_chunk: 64\n`],
];

for (const [languageId, text] of SAME_OVERRIDE) {
  test(`${languageId}: settings are reported with the object they belong to`, () => {
    assert.deepEqual(settings(languageId, text), [
      { key: 'type', value: 'ai_agent_ask', raw: 'ai_agent_ask', inModelObject: false, inModelChild: false, ownerKey: 'ai_agent', parentKey: undefined },
      { key: 'num_tokens_for_completion', value: '900', raw: '900', inModelObject: true, inModelChild: false, ownerKey: 'long_text', parentKey: 'ai_agent' },
      { key: 'prompt_template', value: '{user_question}', raw: '{user_question}', inModelObject: true, inModelChild: false, ownerKey: 'long_text', parentKey: 'ai_agent' },
      { key: 'type', value: 'openai_params', raw: 'openai_params', inModelObject: false, inModelChild: true, ownerKey: 'llm_endpoint_params', parentKey: 'long_text' },
      { key: 'num_tokens_per_chunk', value: '64', raw: '64', inModelObject: false, inModelChild: false, ownerKey: 'strategy', parentKey: 'embeddings' },
    ]);
  });
}

test('settings outside Box overrides are not reported', () => {
  assert.deepEqual(locateSlots(`{"llm": {"model": "gpt-4o", "prompt_template": "x", "type": "chat"}}`, 'json'), []);
  assert.deepEqual(locateSlots(`openai.create({ model: 'gpt-4o', type: 'x' })`, 'typescript'), []);
  assert.deepEqual(locateSlots(`client.create(model="gpt-4o", num_tokens_for_completion=5)`, 'python'), []);
});

test('markdown regions: fences by language, closed by a matching fence', () => {
  const text = '# T\n```json\n{}\n```\n````ts\n```\nx\n````\n```\nplain\n```\n```py\ny';
  assert.deepEqual(markdownRegions(text).map((r) => [r.languageId, text.slice(r.start, r.end)]), [['json', '{}\n'], ['typescript', '```\nx\n'], ['python', 'y']]);
});

test('http regions: the JSON bodies only, split by ###', () => {
  const text = '# comment\nPOST https://x/ai/ask\nContent-Type: application/json\n\n{"a": 1}\n\n###\nGET https://x\n\n###\nPOST https://x\n\nname=value\n';
  assert.deepEqual(httpRegions(text).map((r) => [r.languageId, text.slice(r.start, r.end)]), [['json', '{"a": 1}\n\n']]);
});

test('the new languages never throw on broken input', () => {
  for (const languageId of ['python', 'yaml', 'markdown', 'http']) {
    for (const text of ['', '{', '"""', "'''x", 'model=', 'a: [', '- {', '```', '```json\n{"model": "', 'POST x\n\n{', ': : :', '\t\tmodel:\n  - x', '%YAML 9\n---\n']) {
      assert.doesNotThrow(() => locateSlots(text, languageId), `${languageId}: ${JSON.stringify(text)}`);
    }
  }
});

test('YAML: a Box key however it is quoted is found; a file with none is not parsed at all', () => {
  assert.equal(modelSlots(locateSlots(`"basic_text":\n  'model': aws\n`, 'yaml')).length, 1);
  assert.equal(modelSlots(locateSlots(`? basic_gen\n: {model: x}\n`, 'yaml')).length, 1);
  assert.equal(mayHoldBoxLabel('lockfileVersion: 9\npackages:\n  model: x\n'), false);
  assert.equal(mayHoldBoxLabel('kind: AiAgentAsk'), true);
});

test('YAML over 512 KB is skipped as too large to parse, whatever the size limit allows', () => {
  const unit = 'ai_agent:\n  basic_text:\n    model: aws__claude_3_7_sonnet\n---\n';
  const big = unit.repeat(Math.ceil((YAML_MAX_LENGTH + 1) / unit.length));
  assert.equal(skipReason(big, 'yaml', Infinity), 'too-large-to-parse');
  assert.deepEqual(locateSlots(big, 'yaml', 'boxOverrides', Infinity), []);
  const small = unit.repeat(Math.floor(YAML_MAX_LENGTH / unit.length));
  assert.equal(skipReason(small, 'yaml', Infinity), undefined);
  assert.equal(skipReason(big, 'json', Infinity), undefined); // the cap is YAML's alone
});

test('a YAML fence in Markdown over 512 KB is not parsed either; the fences around it still are', () => {
  const unit = 'ai_agent:\n  basic_text:\n    model: aws__claude_3_7_sonnet\n';
  const bigFence = '```yaml\n' + unit.repeat(Math.ceil((YAML_MAX_LENGTH + 1) / unit.length)) + '```\n';
  const jsonFence = '```json\n{"ai_agent": {"basic_text": {"model": "x"}}}\n```\n';
  const slots = modelSlots(locateSlots(jsonFence + bigFence + jsonFence, 'markdown'));
  assert.deepEqual(slots.map((s) => s.value), ['x', 'x']);
});

test("curl bodies in shell scripts: -d, --data, --data-raw and --data-binary, quoted '…', \"…\" or $'…', mapped back to the script", () => {
  const id = 'aws__claude_3_7_sonnet';
  const cases: [string, string][] = [
    ['single quotes, continued lines', `curl -X POST https://api.box.com/2.0/ai/ask \\\n  -H 'content-type: application/json' \\\n  -d '{"mode": "single_item_qa", "ai_agent": {"type": "ai_agent_ask", "basic_text": {"model": "${id}"}}}'\n`],
    ['double quotes with escapes', `curl https://api.box.com/2.0/ai/text_gen --data "{\\"ai_agent\\": {\\"basic_gen\\": {\\"model\\": \\"${id}\\"}}}"`],
    ['ANSI-C quotes', `curl https://api.box.com/2.0/ai/ask --data-raw $'{"ai_agent":\\n {"long_text": {"model": "${id}"}}}'`],
    ['glued value', `curl https://api.box.com/2.0/ai/ask -d'{"ai_agent": {"basic_text": {"model": "${id}"}}}'`],
    ['--data-binary=', `curl https://api.box.com/2.0/ai/ask --data-binary='{"ai_agent": {"basic_text": {"model": "${id}"}}}'`],
  ];
  for (const [what, script] of cases) {
    const slots = modelSlots(locateSlots(script, 'shellscript'));
    assert.equal(slots.length, 1, what);
    assert.equal(script.slice(slots[0].start, slots[0].end), id, what);
    assert.equal(slots[0].value, id, what);
  }
  // "…" bodies take an escaped quote where a value has none yet.
  const [empty] = modelSlots(locateSlots('curl https://x/ai/ask -d "{\\"ai_agent\\": {\\"basic_text\\": {\\"model\\": }}}"', 'shellscript'));
  assert.equal(empty.newQuote, '\\"');
});

test('curl bodies: @file and non-JSON data are skipped; a quote left unclosed stops at the blank line; other commands are not read', () => {
  assert.deepEqual(curlRegions('curl -d @body.json https://x/ai/ask\ncurl -d "a=b" https://x'), []);
  const unclosed = `curl https://x/ai/ask -d '{"ai_agent": {"basic_text": {"model": "aws__claude_3_haiku"}},\n\necho '{"ai_agent": {"basic_text": {"model": "not_this"}}}'\n`;
  const slots = modelSlots(locateSlots(unclosed, 'shellscript'));
  assert.deepEqual(slots.map((s) => s.value), ['aws__claude_3_haiku']);
  assert.deepEqual(modelSlots(locateSlots(`echo '{"ai_agent": {"basic_text": {"model": "x__y"}}}'`, 'shellscript')), []);
  // Box's docs' own bodies: a trailing comma.
  const trailing = `curl -L -X POST "https://api.box.com/2.0/ai/ask" \\\n     -d '{\n       "mode": "single_item_qa",\n       "ai_agent": {"type": "ai_agent_ask", "basic_text": {"model": "azure__openai__gpt_4o_mini",}},\n     }'`;
  assert.deepEqual(modelSlots(locateSlots(trailing, 'shellscript')).map((s) => trailing.slice(s.start, s.end)), ['azure__openai__gpt_4o_mini']);
});

test('Markdown fences tagged sh, bash, shell, zsh or console read their curl bodies', () => {
  for (const tag of ['sh', 'bash', 'shell', 'zsh', 'console']) {
    const prompt = tag === 'console' ? '$ ' : '';
    const md = `# Ask\n\n\`\`\`${tag}\n${prompt}curl https://api.box.com/2.0/ai/ask -d '{"ai_agent": {"basic_text": {"model": "xai__grok_3_beta"}}}'\n\`\`\`\n`;
    const [slot] = modelSlots(locateSlots(md, 'markdown'));
    assert.equal(md.slice(slot?.start, slot?.end), 'xai__grok_3_beta', tag);
  }
});

test('fuzz: shell scripts of random quoting never throw, and every slot lies inside the script', () => {
  let seed = 17;
  const next = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const pieces = ['curl ', '-d ', '--data ', "'", '"', "$'", '\\', '\n', '\n\n', '{', '}', '"ai_agent": {"basic_text": {"model": "aws__claude_3_haiku"', ' ', ';', '|', '#', '@', '=', '\\"'];
  for (let round = 0; round < 500; round++) {
    const script = Array.from({ length: 5 + Math.floor(next() * 30) }, () => pieces[Math.floor(next() * pieces.length)]).join('');
    const slots = locateSlots(script, 'shellscript');
    for (const slot of slots) assert.ok(slot.start >= 0 && slot.end <= script.length && slot.start <= slot.end, `round ${round}: ${JSON.stringify(script)}`);
  }
});
