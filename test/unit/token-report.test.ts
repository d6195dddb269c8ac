import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Catalog } from '../../src/core/catalog/catalog';
import { ModelCard } from '../../src/core/catalog/model';
import { boxCutMessage, level, overflowMessage, statusText, tooltipMarkdown, TokenReport } from '../../src/core/present/token-status';
import { countingMethod } from '../../src/core/tokens/methods';
import { AUTOMATIC, fallbackModel, resolveModel } from '../../src/core/tokens/model-choice';
import { countRange } from '../../src/core/present/token-status';

const card = (over: Partial<ModelCard>): ModelCard => ({
  id: 'acme__model_1', aliases: [], name: 'Acme Model 1', provider: 'Acme', hosting: 'Acme Cloud', kind: 'chat', status: 'available',
  contextWindow: 200_000, maxOutputTokens: 8_000, compliance: [], defaultFor: [], tokenizer: 'estimate', cardUrl: 'https://example.com/card/',
  conflicts: [], notes: [], ...over,
});

const claude = card({ id: 'aws__claude', name: 'Claude', aliases: ['aws__claude_old'] });
const gpt = card({ id: 'openai__gpt', name: 'GPT', tokenizer: 'o200k_base', contextWindow: 128_000, defaultFor: ['Box AI for Documents'] });
const embedding = card({ id: 'azure__embed', name: 'Embed', kind: 'embedding', tokenizer: 'cl100k_base', contextWindow: 8_000 });
const retired = card({ id: 'aws__old', name: 'Old', status: 'retired', defaultFor: ['Box AI for Documents'] });
const catalog = new Catalog([retired, claude, gpt, embedding]);

const report = (over: Partial<TokenReport>): TokenReport => ({
  count: { tokens: 12_345, approximate: false }, model: gpt, reason: { kind: 'chosen' }, exact: true, encoding: 'o200k_base', selections: 0, ...over,
});

test('model choice: a fixed choice wins; automatic takes the one model the file names, else the document agent default', () => {
  assert.equal(resolveModel('aws__claude', ['openai__gpt'], catalog)?.model, claude);
  assert.deepEqual(resolveModel(AUTOMATIC, ['aws__claude_old', 'aws__claude'], catalog), { model: claude, reason: { kind: 'named' } });
  assert.deepEqual(resolveModel(AUTOMATIC, ['aws__claude', 'openai__gpt'], catalog), { model: gpt, reason: { kind: 'fallback', named: 2 } });
  assert.deepEqual(resolveModel(AUTOMATIC, ['unknown__model', 'azure__embed'], catalog), { model: gpt, reason: { kind: 'fallback', named: 0 } });
  assert.deepEqual(resolveModel('no__such_model', [], catalog)?.reason, { kind: 'fallback', named: 0 });
  assert.equal(fallbackModel(catalog), gpt, 'never a retired model');
  assert.equal(resolveModel(AUTOMATIC, [], new Catalog([])), undefined);
});

test('counting methods: exact for the published tokenizers; estimates built on an encoding, with a factor and a band', () => {
  const method = (tokenizer: ModelCard['tokenizer']) => {
    const { encoding, exact, factor, band } = countingMethod(card({ tokenizer }));
    return { encoding, exact, factor, band };
  };
  assert.deepEqual(method('o200k_base'), { encoding: 'o200k_base', exact: true, factor: 1, band: undefined });
  assert.deepEqual(method('cl100k_base'), { encoding: 'cl100k_base', exact: true, factor: 1, band: undefined });
  assert.deepEqual(method('llama4'), { encoding: 'llama4', exact: true, factor: 1, band: undefined });
  assert.deepEqual(method('tekken'), { encoding: 'tekken', exact: true, factor: 1, band: undefined });
  assert.deepEqual(method('claude-estimate'), { encoding: 'claude', exact: false, factor: 1.1, band: { low: -0.03, high: 0.03 } });
  assert.deepEqual(method('gemma3'), { encoding: 'gemma3', exact: true, factor: 1, band: undefined });
  assert.deepEqual(method('estimate'), { encoding: 'o200k_base', exact: false, factor: 1, band: { low: -0.16, high: 0.82 } });
});

test('an estimate shows its band; past the window it "may exceed" until even its lowest count is past, then it "exceeds"', () => {
  const sonnet = card({ id: 'aws__claude_s', name: 'Claude S', tokenizer: 'claude-estimate' });
  const estimate = { summary: countingMethod(sonnet).summary, band: countingMethod(sonnet).band! };
  const at = (tokens: number) => report({ model: sonnet, exact: false, encoding: 'claude', estimate, count: { tokens, approximate: false } });
  assert.equal(statusText(at(150_000)), '≈150,000 ±3% / 200k tokens · Claude S');
  assert.deepEqual(countRange(at(150_000)), { lowest: 145_500, highest: 154_500 });
  assert.match(tooltipMarkdown(at(150_000), 'command:x'), /≈ Estimate, ±3%: 145,500–154,500 tokens\. Estimated: Anthropic's legacy Claude tokenizer × 1\.1/);
  // 195,000 + 3% = 200,850 may pass the window; 195,000 − 3% = 189,150 does not.
  assert.equal(level(at(170_000), 90), 'ok');
  assert.equal(level(at(195_000), 99), 'warning');
  assert.match(overflowMessage(at(195_000)), /^This file may exceed Claude S's 200k-token context window: ≈195,000 tokens ±3% \(200,850 at most\)/);
  // 207,000 − 3% = 200,790: past the window even at its lowest.
  assert.equal(level(at(207_000), 90), 'error');
  assert.match(overflowMessage(at(207_000)), /^This file exceeds Claude S's 200k-token context window by ≈7,000 tokens \(≈207,000 ±3% in all\)/);
  assert.equal(level(at(203_000), 90), 'warning', 'over the window at the point estimate, within it at the lowest: may exceed');
});

test('a vocabulary that could not be loaded: the count is marked ≈ and the tooltip says which and why', () => {
  const llama = card({ id: 'ibm__llama', name: 'Llama', tokenizer: 'llama4' });
  const fallback = report({ model: llama, exact: false, encoding: 'o200k_base', unusable: { encoding: 'llama4', why: 'cannot read dist/ranks/llama4.json' } });
  assert.equal(statusText(fallback), '≈12,345 / 200k tokens · Llama');
  const tooltip = tooltipMarkdown(fallback, 'command:x');
  assert.match(tooltip, /the `llama4` vocabulary could not be loaded \(cannot read dist\/ranks\/llama4\.json\); counted with `o200k_base` instead/);
  assert.doesNotMatch(tooltip, /no public tokenizer/);
});

test('status text: grouped count, compact limit, model; ≈ on every estimate', () => {
  assert.equal(statusText(report({})), '12,345 / 128k tokens · GPT');
  assert.equal(statusText(report({ model: claude, exact: false, selections: 2 })), '≈12,345 / 200k tokens selected · Claude');
  assert.equal(statusText(report({ count: { tokens: 5, approximate: true } })), '≈5 / 128k tokens · GPT');
  assert.equal(statusText(report({ model: card({ name: 'X', contextWindow: undefined }) })), '12,345 tokens · X');
});

test('levels: warning from the threshold, error past the window', () => {
  assert.equal(level(report({ count: { tokens: 115_199, approximate: false } }), 90), 'ok');
  assert.equal(level(report({ count: { tokens: 115_200, approximate: false } }), 90), 'warning');
  assert.equal(level(report({ count: { tokens: 128_000, approximate: false } }), 90), 'warning');
  assert.equal(level(report({ count: { tokens: 128_001, approximate: false } }), 90), 'error');
  assert.equal(level(report({ count: { tokens: 128_001, approximate: false }, model: card({ contextWindow: undefined }) }), 90), 'ok');
});

test('tooltip: percentage, exactness and why, remaining, max output, card and change links', () => {
  const exact = tooltipMarkdown(report({}), 'command:x');
  assert.match(exact, /12,345 of 128,000 tokens\*\* in this file \(9\.6% of the context window\)/);
  assert.match(exact, /Exact count with the model's tokenizer, `o200k_base`/);
  assert.match(exact, /115,655 tokens remaining/);
  assert.match(exact, /Max output: 8,000 tokens/);
  assert.match(exact, /\[Model card\]\(https:\/\/example\.com\/card\/\) · \[Change model\]\(command:x\)/);
  const estimate = tooltipMarkdown(report({ model: claude, exact: false, reason: { kind: 'named' }, count: { tokens: 250_000, approximate: true } }), 'command:x');
  assert.match(estimate, /≈250,000 of 200,000 tokens/);
  assert.match(estimate, /≈ Estimate: there is no public tokenizer for Claude/);
  assert.match(estimate, /Runs of over 1,000 characters/);
  assert.match(estimate, /Over the limit by ≈50,000 tokens/);
  assert.match(estimate, /named in this file's override/);
  assert.doesNotMatch(estimate, /[^≈]\b250,000 of/);
});

test('overflow marker message names the model, the window and the excess', () => {
  assert.equal(
    overflowMessage(report({ count: { tokens: 130_000, approximate: false } })),
    "This file exceeds GPT's 128k-token context window by 2,000 tokens (130,000 in all): the limit is passed here.",
  );
  assert.match(overflowMessage(report({ model: claude, exact: false, selections: 1, count: { tokens: 210_000, approximate: false } })), /^The selection exceeds Claude's 200k-token context window by ≈10,000 tokens \(≈210,000 in all\)/);
});

test("past Box's 2 MB text limit: the status, colour, tooltip and marker say which limit binds, for exact counts and estimates", () => {
  const gemini = card({ id: 'google__gemini', name: 'Gemini', tokenizer: 'gemma3', contextWindow: 1_000_000 });
  const boxBinds = report({ model: gemini, count: { tokens: 885_548, approximate: false }, boxCut: { tokensRead: 590_123, bytes: 3_145_728, binds: 'box' } });
  assert.equal(statusText(boxBinds), '885,548 / 1M tokens · Box reads 2 MB · Gemini');
  assert.equal(level(boxBinds, 90), 'error', 'a third of the file never reaches the model: not green');
  const tooltip = tooltipMarkdown(boxBinds, 'command:x');
  assert.match(tooltip, /This file is 3\.1 MB: Box AI reads its first 2 MB \(2,000,000 bytes of text, 590,123 tokens\) and ignores the rest, with no error\./);
  assert.match(tooltip, /Limits: the model's context window, 1,000,000 tokens; Box's text limit, 2 MB\. \*\*Box's text limit binds first\*\*/);
  assert.equal(boxCutMessage(boxBinds), "Box AI stops reading here: it reads the first 2 MB of a file's text and ignores the rest of this file (1.1 MB more), with no error. Box reads 590,123 tokens, within Gemini's 1M-token context window.");
  // The window passed before Box stops reading: today's status, and the tooltip says the window binds.
  const windowBinds = report({ model: gemini, count: { tokens: 2_400_000, approximate: false }, boxCut: { tokensRead: 1_300_000, bytes: 9_000_000, binds: 'window' } });
  assert.equal(statusText(windowBinds), '2,400,000 / 1M tokens · Gemini');
  assert.match(tooltipMarkdown(windowBinds, 'command:x'), /\*\*The context window binds first\*\*/);
  // An estimate keeps its ≈ on what Box reads; selections say so.
  const estimate = report({ model: claude, exact: false, count: { tokens: 150_000, approximate: false }, estimate: { summary: 's', band: { low: -0.03, high: 0.03 } }, selections: 2, boxCut: { tokensRead: 120_000, bytes: 2_500_000, binds: 'box' } });
  assert.equal(statusText(estimate), '≈150,000 ±3% / 200k tokens selected · Box reads 2 MB · Claude');
  assert.match(boxCutMessage(estimate), /ignores the rest of the selected text \(0\.5 MB more\), with no error\. Box reads ≈120,000 tokens/);
  // Under the limit: no word of it.
  assert.doesNotMatch(tooltipMarkdown(report({}), 'command:x'), /Box AI reads|text limit/);
});
