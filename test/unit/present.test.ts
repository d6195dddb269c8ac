import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Catalog } from '../../src/core/catalog/catalog';
import { ModelCard } from '../../src/core/catalog/model';
import { completionSortText, modelCardMarkdown, modelDetail } from '../../src/core/present/card';
import { compactTokens, escapeMarkdown, groupDigits, inlineCode } from '../../src/core/present/format';

const base: ModelCard = {
  id: 'acme__model_1', aliases: [], name: 'Acme Model 1', provider: 'Acme', hosting: 'Acme Cloud', kind: 'chat',
  tier: 'premium', access: 'core', status: 'available', released: '2025-02-01', contextWindow: 200_000, maxOutputTokens: 8_000,
  compliance: [], defaultFor: [], tokenizer: 'estimate', cardUrl: 'https://example.com/card/', conflicts: [], notes: [],
};

test('compact and grouped token figures', () => {
  assert.equal(compactTokens(200_000), '200k');
  assert.equal(compactTokens(1_000_000), '1M');
  assert.equal(compactTokens(10_000_000), '10M');
  assert.equal(compactTokens(131_000), '131k');
  assert.equal(compactTokens(1_500), '1.5k');
  assert.equal(compactTokens(512), '512');
  assert.equal(groupDigits(1234567), '1,234,567');
});

test('catalog text cannot inject Markdown links, HTML or table breaks', () => {
  const hostile = 'x](command:evil) <img src=x> | cell **bold** `code`';
  const escaped = escapeMarkdown(hostile);
  assert.doesNotMatch(escaped, /(^|[^\\])[[\]<>|*`]/);
  const card = modelCardMarkdown({ ...base, name: hostile, provider: hostile }, new Catalog([]));
  assert.doesNotMatch(card, /(^|[^\\])\]\(command:/);
  assert.doesNotMatch(card, /(^|[^\\])<img/);
  assert.equal(inlineCode('a`b'), '``a`b``');
});

test('detail line names the model, tier and context window; non-available status shown', () => {
  assert.equal(modelDetail(base), 'Acme Model 1 · Premium · 200k context');
  assert.equal(modelDetail({ ...base, status: 'beta', tier: undefined, contextWindow: undefined }), 'Acme Model 1 · Beta');
});

test('card lists limits, says "not stated" for unknown ones, and shows recorded conflicts', () => {
  const card = modelCardMarkdown(
    { ...base, maxOutputTokens: undefined, conflicts: [{ field: 'provider', chosen: 'Acme', other: 'Other Co', source: 'card x', reason: 'because' }] },
    new Catalog([]),
  );
  assert.match(card, /200,000 tokens/);
  assert.match(card, /Max output tokens \| not stated by Box/);
  assert.match(card, /disagree on the provider/);
  assert.match(card, /Other Co/);
  assert.match(card, /\[Box model card\]\(https:\/\/example\.com\/card\/\)/);
});

test('retired card names the date and the successor', () => {
  const next = { ...base, id: 'acme__model_2', name: 'Acme Model 2' };
  const old: ModelCard = { ...base, status: 'retired', retiredOn: '2025-01-17', successor: next.id };
  const card = modelCardMarkdown(old, new Catalog([old, next]));
  assert.match(card, /Retired: left Box's list of models on 2025-01-17/);
  assert.match(card, /acme__model_2/);
});

test('sort order: available before preview before beta, newer releases first', () => {
  const order = [
    { ...base, id: 'a__old', released: '2024-01' },
    { ...base, id: 'a__beta', status: 'beta' as const, released: '2026-01-01' },
    { ...base, id: 'a__new', released: '2025-06-01' },
    { ...base, id: 'a__preview', status: 'preview' as const },
  ]
    .sort((a, b) => completionSortText(a).localeCompare(completionSortText(b)))
    .map((m) => m.id);
  assert.deepEqual(order, ['a__new', 'a__old', 'a__preview', 'a__beta']);
});
