import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { catalogFromData } from '../../src/core/catalog/catalog';
import { checkSlots, closestIds, familyOf } from '../../src/core/check/model-checks';
import { locateSlots } from '../../src/core/locate';

const ROOT = resolve(__dirname, '..', '..', '..');
const catalog = catalogFromData(JSON.parse(readFileSync(join(ROOT, 'dist', 'models.json'), 'utf8')), 'models.json');

const check = (text: string, languageId = 'json') => checkSlots(locateSlots(text, languageId), catalog);

test('a Box-shaped id the catalog does not know: a finding naming the catalog, close ids as fixes, the catalog actions', () => {
  const [finding, ...rest] = check('{"basic_text": {"model": "aws__claude_3_7_sonet"}, "long_text": {"model": ""}}');
  assert.equal(rest.length, 0);
  assert.equal(finding.code, 'unknown-model');
  assert.equal(finding.fixes[0].replacement, 'aws__claude_3_7_sonnet');
  assert.equal(finding.fixes[0].preferred, true);
  assert.match(finding.message, /Did you mean aws__claude_3_7_sonnet/);
  assert.match(finding.message, new RegExp(`not in the model catalog \\(${catalog.origin!.source.replace(/[()]/g, '\\$&')}, ${catalog.origin!.asOf}\\)`));
  assert.deepEqual(finding.actions, ['update-catalog', 'add-to-workspace-catalog']);
  assert.deepEqual([finding.start, finding.end], [26, 47]);
  assert.deepEqual(closestIds('claude_3_7_sonnet', catalog.offered('chat'))[0], 'aws__claude_3_7_sonnet');
  assert.deepEqual(closestIds('totally different words', catalog.offered('chat')), []);
  // A model Box added after the catalog was read is Box-shaped: the same finding, never another code.
  assert.equal(check('{"basic_text": {"model": "aws__claude_4_6_opus"}}')[0].code, 'unknown-model');
});

test("an unknown id named like a family the catalog knows: Box may have added it after the catalog's date; no facts guessed", () => {
  const [opus] = check('{"basic_text": {"model": "aws__claude_4_6_opus"}}');
  assert.equal(opus.code, 'unknown-model');
  assert.match(opus.message, new RegExp(`named like Box's aws__claude_… models: Box may have added it after ${catalog.origin!.asOf}\\. Update the catalog from Box's docs to learn of it \\(its facts are unknown until then\\)`));
  assert.deepEqual(opus.actions, ['update-catalog', 'add-to-workspace-catalog']);
  assert.equal(familyOf('azure__openai__gpt_5_4', catalog), 'azure__openai__gpt_');
  assert.equal(familyOf('google__gemini_3_1_pro', catalog), 'google__gemini_');
  // No family: an unknown provider, or a word no model of the provider starts with.
  assert.equal(familyOf('acme__claude_5', catalog), undefined);
  assert.equal(familyOf('aws__nova_pro', catalog), undefined);
  const [nova] = check('{"basic_text": {"model": "aws__nova_pro"}}');
  assert.doesNotMatch(nova.message, /named like/);
});

test('against a catalog over 30 days old, the update is the first quick fix of an unknown id (a close id stays the preferred fix)', () => {
  const asOf = Date.parse(`${catalog.origin!.asOf}T00:00:00Z`);
  const day = 24 * 3600_000;
  const at = (now: number) => checkSlots(locateSlots('{"basic_text": {"model": "aws__claude_4_6_opus"}}', 'json'), catalog, now)[0];
  assert.equal(at(asOf + 30 * day).actionsFirst, undefined, 'a month old: the close ids come first');
  assert.equal(at(asOf + 31 * day).actionsFirst, true);
  assert.deepEqual(at(asOf + 31 * day).actions, ['update-catalog', 'add-to-workspace-catalog']);
  assert.equal(at(asOf + 31 * day).fixes[0]?.preferred, true, 'a typo is still fixed by the preferred fix');
  // Only unknown ids: a retired one keeps its successor first.
  assert.equal(checkSlots(locateSlots('{"basic_text": {"model": "google__gemini_1_5_flash_001"}}', 'json'), catalog, asOf + 90 * day)[0].actionsFirst, undefined);
});

test("a value without Box's provider__ shape is not a Box model name; its provider's own spelling leads to Box's id", () => {
  const [claude] = check('{"basic_text": {"model": "claude-3-7-sonnet-20250219"}}');
  assert.equal(claude.code, 'not-a-box-model-name');
  assert.match(claude.message, /is not a Box AI model name: Box names models provider__model/);
  assert.equal(claude.fixes[0].replacement, 'aws__claude_3_7_sonnet');
  assert.equal(claude.actions, undefined);
  const [gpt] = check("const o = { basicText: { model: 'gpt-4o' } };", 'typescript');
  assert.equal(gpt.code, 'not-a-box-model-name');
  assert.deepEqual(gpt.fixes.map((f) => f.replacement).slice(0, 2), ['azure__openai__gpt_4o', 'azure__openai__gpt_4o_mini']);
  const [embedding] = check('{"long_text": {"embeddings": {"model": "text-embedding-ada-002"}}}');
  assert.equal(embedding.code, 'not-a-box-model-name');
  assert.equal(embedding.fixes[0].replacement, 'azure__openai__text_embedding_ada_002');
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
