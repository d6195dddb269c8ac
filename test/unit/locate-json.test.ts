import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findJsonSlots as findAll } from '../../src/core/locate/json';
import { modelSlots, SlotScope } from '../../src/core/locate/slot';

/** The model slots only: these tests are about where completion applies. */
const findJsonSlots = (text: string, scope?: SlotScope) => modelSlots(findAll(text, scope));
import { slotAt } from '../../src/core/locate/slot';
import { withCursor } from './cursor';

// Each row: a document with `|` at the cursor, and the slot expected there (kind and value) or null.
const cases: [string, string, { kind: string; value: string } | null][] = [
  ['top-level override', '{"type":"ai_agent_ask","basic_text":{"model":"aws|"}}', { kind: 'chat', value: 'aws' }],
  ['wrapped in ai_agent', '{"ai_agent":{"long_text":{"model":"|"}}}', { kind: 'chat', value: '' }],
  ['embeddings under long_text', '{"long_text":{"embeddings":{"model":"az|ure"}}}', { kind: 'embedding', value: 'azure' }],
  ['array of request bodies', '[{"ai_agent":{"basic_gen":{"model":"x|"}}},{}]', { kind: 'chat', value: 'x' }],
  ['camelCase keys in JSON', '{"aiAgent":{"basicTextMulti":{"model":"|"}}}', { kind: 'chat', value: '' }],
  ['no value yet', '{"basic_text":{"model": |}}', { kind: 'chat', value: '' }],
  ['unterminated string', '{"basic_text":{"model": "aws__cl|', { kind: 'chat', value: 'aws__cl' }],
  ['not a Box override', '{"messages":[],"model":"gpt|-4o"}', null],
  ['model key not value', '{"basic_text":{"mo|del":"x"}}', null],
  ['other key in override', '{"basic_text":{"system_message":"x|"}}', null],
  ['comment mentions model', '{"basic_text":{ // "model": "|x"\n}}', null],
  ['spreadsheet tool', '{"spreadsheet":{"model":"|"}}', { kind: 'chat', value: '' }],
];

for (const [name, marked, expected] of cases) {
  test(`json slot: ${name}`, () => {
    const { text, offset } = withCursor(marked);
    const slot = slotAt(findJsonSlots(text), offset);
    if (expected === null) assert.equal(slot, undefined);
    else {
      assert.ok(slot, 'expected a slot at the cursor');
      assert.deepEqual({ kind: slot.kind, value: slot.value }, expected);
    }
  });
}

test('json slot ranges cover exactly the string content', () => {
  const text = '{"basic_text":{"model":"aws__claude_3_7_sonnet"}}';
  const [slot] = findJsonSlots(text);
  assert.equal(text.slice(slot.start, slot.end), 'aws__claude_3_7_sonnet');
  assert.equal(slot.terminated, true);
});

test('anyModelKey scope takes every model string', () => {
  const text = '{"model":"gpt-4o"}';
  assert.equal(findJsonSlots(text).length, 0);
  assert.equal(findJsonSlots(text, 'anyModelKey').length, 1);
});

test('a Box key after the model does not reach back', () => {
  const slots = findJsonSlots('{"x":{"model":"a"},"basic_text":{"model":"b"}}');
  assert.deepEqual(slots.map((s) => s.value), ['b']);
});

test('Postman collections: slots inside a raw body string, mapped back through the escapes', () => {
  const body = JSON.stringify({ ai_agent: { type: 'ai_agent_ask', basic_text: { model: 'aws__claude_3_haiku' }, long_text: { embeddings: { model: 'x' } } } }, null, 2);
  const collection = JSON.stringify({ info: { name: 'Box AI' }, item: [{ name: 'Ask', request: { method: 'POST', body: { mode: 'raw', raw: body } } }] }, null, 2);
  const slots = findJsonSlots(collection);
  assert.deepEqual(slots.map((s) => [s.kind, s.value]), [['chat', 'aws__claude_3_haiku'], ['embedding', 'x']]);
  for (const slot of slots) assert.equal(collection.slice(slot.start, slot.end), slot.value);
  // A raw body of another API stays silent.
  assert.deepEqual(findJsonSlots(JSON.stringify({ raw: JSON.stringify({ model: 'gpt-4o' }) })), []);
  // Decoded body has an escaped newline and an é; the outer text spells the é as \u00e9.
  const decoded = '{"note": "caf\u00e9\\n", "basic_gen": {"model": "m1"}}';
  const tricky = JSON.stringify({ raw: decoded }).replace('\u00e9', '\\u00e9');
  assert.ok(tricky.includes('\\u00e9') && tricky.includes('\\\\n'));
  const [slot] = findJsonSlots(tricky);
  assert.equal(tricky.slice(slot.start, slot.end), 'm1');
});
