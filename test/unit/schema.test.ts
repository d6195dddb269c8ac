import { test } from 'node:test';
import assert from 'node:assert/strict';
import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseCatalog } from '../../src/core/catalog/yaml';

const ROOT = resolve(__dirname, '..', '..', '..');
const schema = JSON.parse(readFileSync(join(ROOT, 'data', 'ai-agent.schema.json'), 'utf8'));
// VS Code's own keywords (markdownEnumDescriptions) are not JSON Schema: not strict about them.
const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
/** The structure and values of the complete ask override in Box's guide (its prose strings reworded). */
const boxSample = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'schema', 'box-sample-ask.json'), 'utf8'));

const errors = () => (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`).join('; ');

test('the schema accepts Box\'s sample ask override and minimal overrides of every endpoint', () => {
  assert.ok(validate(boxSample), errors());
  for (const type of ['ai_agent_ask', 'ai_agent_text_gen', 'ai_agent_extract', 'ai_agent_extract_structured']) assert.ok(validate({ type }), `${type}: ${errors()}`);
  assert.ok(validate({ type: 'ai_agent_text_gen', basic_gen: { model: 'aws__claude_3_7_sonnet', prompt_template: 'Write about {user_question}', content_template: '---{content}---' } }), errors());
});

test('the schema rejects broken overrides', () => {
  const broken: [string, unknown][] = [
    ['unknown type', { type: 'ai_agent_chat' }],
    ['no type', { basic_text: { model: 'aws__claude_3_7_sonnet' } }],
    ['unknown model', { type: 'ai_agent_ask', basic_text: { model: 'aws__claude_3_7_sonet' } }],
    ['chat model under embeddings', { type: 'ai_agent_ask', long_text: { embeddings: { model: 'aws__claude_3_7_sonnet' } } }],
    ['retired model', { type: 'ai_agent_ask', basic_text: { model: 'google__gemini_1_5_flash_001' } }],
    ['chunk size over 512', { type: 'ai_agent_ask', long_text: { embeddings: { strategy: { num_tokens_per_chunk: 1000 } } } }],
    ['prompt without {content}', { type: 'ai_agent_ask', basic_text: { prompt_template: 'Answer {user_question}' } }],
    ['prompt over 10,000 characters', { type: 'ai_agent_ask', basic_text: { prompt_template: `{content} {user_question} ${'x'.repeat(10_000)}` } }],
    ['unknown params type', { type: 'ai_agent_ask', basic_text: { llm_endpoint_params: { type: 'anthropic_params' } } }],
    ['temperature out of range', { type: 'ai_agent_ask', basic_text: { llm_endpoint_params: { type: 'aws_params', temperature: 5 } } }],
    ['completion tokens below 1', { type: 'ai_agent_ask', basic_text: { num_tokens_for_completion: 0 } }],
  ];
  for (const [what, value] of broken) assert.equal(validate(value), false, `${what} was accepted`);
  const sample = structuredClone(boxSample);
  sample.long_text.embeddings.strategy.num_tokens_per_chunk = 513;
  assert.equal(validate(sample), false);
});

test('the model enums are the catalog\'s current models and their other spellings, chat and embedding apart', () => {
  const catalog = parseCatalog(readFileSync(join(ROOT, 'data', 'models.yaml'), 'utf8'), 'models.yaml');
  for (const [definition, kind] of [['ChatModel', 'chat'], ['EmbeddingModel', 'embedding']] as const) {
    const expected = catalog.offered(kind).flatMap((m) => [m.id, ...m.aliases]).sort();
    assert.deepEqual([...schema.definitions[definition].enum].sort(), expected, `${definition} is stale: run npm run schema:build`);
    assert.equal(schema.definitions[definition].markdownEnumDescriptions.length, expected.length);
  }
});
