import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findScriptSlots as findAll } from '../../src/core/locate/script';
import { modelSlots, SlotScope } from '../../src/core/locate/slot';

/** The model slots only: these tests are about where completion applies. */
const findScriptSlots = (text: string, scope?: SlotScope) => modelSlots(findAll(text, scope));
import { slotAt } from '../../src/core/locate/slot';
import { withCursor } from './cursor';

type Expect = { kind: string; value: string; quote?: string } | null;

const cases: [string, string, Expect][] = [
  ['SDK camelCase in aiAgent', `client.ai.createAiAsk({ mode: 'single_item_qa', aiAgent: { type: 'ai_agent_ask', basicText: { model: 'aws|' } } });`, { kind: 'chat', value: 'aws', quote: "'" }],
  ['double quotes', `const a = { longText: { model: "|" } };`, { kind: 'chat', value: '', quote: '"' }],
  ['template without substitutions', 'const a = { basicGen: { model: `az|` } };', { kind: 'chat', value: 'az', quote: '`' }],
  ['template with substitution is no slot', 'const a = { basicGen: { model: `${p}|x` } };', null],
  ['embeddings under longText', `const a = { longText: { embeddings: { model: '|' } } };`, { kind: 'embedding', value: '' }],
  ['snake_case REST body', `fetch(url, { body: JSON.stringify({ ai_agent: { long_text_multi: { model: '|' } } }) });`, { kind: 'chat', value: '' }],
  ['quoted keys', `const body = { "ai_agent": { "basic_text": { "model": "x|" } } };`, { kind: 'chat', value: 'x' }],
  ['new AiAgentAsk({...})', `const agent = new AiAgentAsk({ type: 'ai_agent_ask', model: '|' });`, { kind: 'chat', value: '' }],
  ['SDK tool class', `const t = new AiAgentBasicTextTool({ model: 'g|' });`, { kind: 'chat', value: 'g' }],
  ['SDK embeddings field class', `const e = new AiAgentLongTextToolEmbeddingsField({ model: '|' });`, { kind: 'embedding', value: '' }],
  ['satisfies an SDK type', `const tool = { model: 'a|' } satisfies AiAgentBasicTextTool;`, { kind: 'chat', value: 'a' }],
  ['as an SDK type', `const tool = { model: 'a|' } as AiAgentBasicTextTool;`, { kind: 'chat', value: 'a' }],
  ['as const inside a marker', `const a = { basicText: { model: 'a|' } as const };`, { kind: 'chat', value: 'a' }],
  ['type annotation', `const tool: AiAgentBasicTextTool = { model: '|' };`, { kind: 'chat', value: '' }],
  ['variable named like a tool key', `const basicText = { model: '|' };`, { kind: 'chat', value: '' }],
  ['getAiAgentDefaultConfig option', `await client.ai.getAiAgentDefaultConfig({ mode: 'ask', language: 'en', model: '|' });`, { kind: 'chat', value: '' }],
  ['no value yet', `const a = { basicText: { model: | } };`, { kind: 'chat', value: '' }],
  ['unterminated string', `const a = { basicText: { model: 'aws__|\nconst b = 1;`, { kind: 'chat', value: 'aws__' }],
  ['TSX around it', `export const C = () => <div>{run({ aiAgent: { basicText: { model: '|' } } })}</div>;`, { kind: 'chat', value: '' }],
  // Negative cases: a `model` key that is not a Box slot.
  ['OpenAI call', `await openai.chat.completions.create({ model: 'gpt-4o|', messages });`, null],
  ['Mongoose model', `const User = mongoose.model('Us|er', schema); const x = { model: 'y' };`, null],
  ['satisfies a foreign type', `const o = { model: 'gp|t' } satisfies OpenAIOptions;`, null],
  ['line comment', `const a = { basicText: { // model: '|x'\n} };`, null],
  ['block comment', `const a = { basicText: { /* model: '|x' */ } };`, null],
  ['string mentioning model', `const a = { basicText: { prompt: "model: '|x'" } };`, null],
  ['regex literal', `const a = { basicText: { re: /model: '|x'/ } };`, null],
  ['ternary', `const a = { basicText: cond ? model : 'o|ther' };`, null],
  ['model as a value', `const a = { basicText: { name: 'model', x: '|' } };`, null],
];

for (const [name, marked, expected] of cases) {
  test(`script slot: ${name}`, () => {
    const { text, offset } = withCursor(marked);
    const slot = slotAt(findScriptSlots(text), offset);
    if (expected === null) assert.equal(slot, undefined, JSON.stringify(slot));
    else {
      assert.ok(slot, 'expected a slot at the cursor');
      assert.equal(slot.kind, expected.kind);
      assert.equal(slot.value, expected.value);
      if (expected.quote !== undefined) assert.equal(slot.quote, expected.quote);
    }
  });
}

test('a Box marker on one object does not leak to a sibling', () => {
  const text = `const a = { basicText: { model: 'a' } }; const b = { model: 'b' };`;
  assert.deepEqual(findScriptSlots(text).map((s) => s.value), ['a']);
});

test('anyModelKey scope takes every model: string', () => {
  const text = `openai.create({ model: 'gpt-4o' });`;
  assert.equal(findScriptSlots(text).length, 0);
  assert.deepEqual(findScriptSlots(text, 'anyModelKey').map((s) => s.value), ['gpt-4o']);
});

test('unbalanced brackets and stray quotes never throw', () => {
  for (const text of ['}}}', '{{{ model:', `'`, '`${', '/* ', '/', 'a = { basicText: { model: `x${', ')]}']) {
    assert.doesNotThrow(() => findScriptSlots(text));
  }
});
