import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { catalogFromData } from '../../src/core/catalog/catalog';
import { checkSlots, closestIds } from '../../src/core/check/model-checks';
import { locateSlots } from '../../src/core/locate';

const ROOT = resolve(__dirname, '..', '..', '..');
const catalog = catalogFromData(JSON.parse(readFileSync(join(ROOT, 'dist', 'models.json'), 'utf8')), 'models.json');

const check = (text: string, languageId = 'json') => checkSlots(locateSlots(text, languageId), catalog);

test('unknown ids are errors with close current ids as fixes; empty values are left alone', () => {
  const [finding, ...rest] = check('{"basic_text": {"model": "aws__claude_3_7_sonet"}, "long_text": {"model": ""}}');
  assert.equal(rest.length, 0);
  assert.equal(finding.code, 'unknown-model');
  assert.equal(finding.fixes[0].replacement, 'aws__claude_3_7_sonnet');
  assert.equal(finding.fixes[0].preferred, true);
  assert.match(finding.message, /Did you mean aws__claude_3_7_sonnet/);
  assert.deepEqual([finding.start, finding.end], [26, 47]);
  assert.deepEqual(closestIds('claude_3_7_sonnet', catalog.offered('chat'))[0], 'aws__claude_3_7_sonnet');
  assert.deepEqual(closestIds('totally different words', catalog.offered('chat')), []);
});

test('retired models warn with the date and offer the recorded successor', () => {
  const [finding] = check('{"basic_text": {"model": "google__gemini_1_5_flash_001"}}');
  assert.equal(finding.code, 'retired-model');
  const retired = catalog.get('google__gemini_1_5_flash_001')!;
  assert.match(finding.message, new RegExp(`retired on ${retired.retiredOn}`));
  assert.equal(finding.fixes[0].replacement, retired.successor);
  assert.equal(catalog.get(retired.successor!)!.status === 'retired', false);
});

test('an alias gets information and a fix to the canonical id', () => {
  const aliased = catalog.models.find((m) => m.aliases.length > 0 && m.status !== 'retired')!;
  const [finding] = check(`{"basic_text": {"model": "${aliased.aliases[0]}"}}`);
  assert.equal(finding.code, 'alias-model');
  assert.equal(finding.fixes[0].replacement, aliased.id);
});

test('models of the wrong kind for the slot are errors', () => {
  const [chatInEmbeddings] = check('{"long_text": {"embeddings": {"model": "aws__claude_3_7_sonnet"}}}');
  assert.equal(chatInEmbeddings.code, 'chat-model-in-embedding-slot');
  assert.ok(chatInEmbeddings.fixes.every((f) => catalog.get(f.replacement)?.kind === 'embedding'));
  const [embeddingInChat] = check("const a = { basicText: { model: 'azure__openai__text_embedding_ada_002' } };", 'typescript');
  assert.equal(embeddingInChat.code, 'embedding-model-in-chat-slot');
});

test('valid current ids and model keys outside Box overrides get nothing', () => {
  assert.deepEqual(check('{"basic_text": {"model": "aws__claude_3_7_sonnet"}, "long_text": {"embeddings": {"model": "azure__openai__text_embedding_ada_002"}}}'), []);
  assert.deepEqual(check('{"model": "gpt-4o", "messages": []}'), []);
  assert.deepEqual(check("await openai.chat.completions.create({ model: 'gpt-4o', messages });", 'typescript'), []);
  assert.deepEqual(check("const Cat = mongoose.model('Cat', schema);", 'javascript'), []);
});
