import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { catalogFromData } from '../../src/core/catalog/catalog';
import { checkSlots, closestIds, editDistance, familyOf } from '../../src/core/check/model-checks';
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

/** The distance by its definition, over the whole table: each cell the cheapest of a deletion, an insertion, a change, or a swap of neighbours. */
function distanceByTable(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

test('edit distance: a change, an insertion, a deletion and a swap of neighbours each count one; equal to the whole table on random pairs', () => {
  assert.equal(editDistance('sonnet', 'sonet'), 1);
  assert.equal(editDistance('sonet', 'sonnet'), 1);
  assert.equal(editDistance('gpt_4o', 'gpt_4a'), 1);
  assert.equal(editDistance('claude', 'cluade'), 1);
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('', 'abc'), 3);
  assert.equal(editDistance('abc', ''), 3);
  assert.equal(editDistance('', ''), 0);
  let seed = 7;
  const random = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
  const word = () => Array.from({ length: random(12) }, () => 'ab_c'[random(4)]).join('');
  for (let n = 0; n < 2000; n++) {
    const [a, b] = [word(), word()];
    assert.equal(editDistance(a, b), distanceByTable(a, b), `${a} / ${b}`);
  }
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
