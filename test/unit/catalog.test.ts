import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { catalogFromData, formatProblem } from '../../src/core/catalog/catalog';
import { parseCatalog } from '../../src/core/catalog/yaml';

const ROOT = resolve(__dirname, '..', '..', '..');
const yamlText = readFileSync(join(ROOT, 'data', 'models.yaml'), 'utf8');
const catalog = parseCatalog(yamlText, 'models.yaml');

test('the bundled catalog holds all 44 models without a problem', () => {
  assert.deepEqual(catalog.problems.map(formatProblem), []);
  assert.equal(catalog.models.length, 44);
  assert.equal(catalog.models.filter((m) => m.status === 'retired').length, 11);
  assert.deepEqual(catalog.offered('embedding').map((m) => m.id), ['azure__openai__text_embedding_ada_002']);
});

test('the bundled catalog matches its JSON schema', () => {
  const schema = JSON.parse(readFileSync(join(ROOT, 'data', 'models.schema.json'), 'utf8'));
  const validate = new Ajv({ allErrors: true }).compile(schema);
  const ok = validate(parse(yamlText));
  assert.ok(ok, JSON.stringify(validate.errors?.slice(0, 3)));
});

test('a model card carries every fact, as integers where they are counts', () => {
  const m = catalog.get('aws__claude_3_7_sonnet')!;
  assert.deepEqual(
    [m.name, m.provider, m.hosting, m.kind, m.tier, m.access, m.status, m.released, m.knowledgeCutoff, m.contextWindow, m.maxOutputTokens, m.throughput, m.openSource, m.paramsType, m.tokenizer],
    ['AWS Claude 3.7 Sonnet', 'Anthropic', 'Amazon Web Services (AWS)', 'chat', 'premium', 'core', 'available', '2025-02-24', '2024-10', 200_000, 8_000, '42', false, 'aws_params', 'claude-estimate'],
  );
  assert.deepEqual(m.compliance, ['FedRAMP Moderate', 'ISMAP']);
  assert.equal(catalog.get('ibm__llama_4_scout')?.contextWindow, 10_000_000);
  assert.equal(catalog.get('ibm__llama_4_scout')?.maxOutputTokens, undefined);
  assert.deepEqual(catalog.get('openai__gpt_5')?.defaultFor.length, 3);
  assert.equal(catalog.get('xai__grok_3_beta')?.access, 'customer-enabled');
  assert.equal(catalog.get('openai__gpt_5_2')?.tokenizer, 'o200k_base');
  assert.equal(catalog.get('azure__openai__text_embedding_ada_002')?.tokenizer, 'cl100k_base');
  // Every model names how it is counted: exactly by a published tokenizer, or by an estimate's method.
  const byTokenizer = (t: string) => catalog.models.filter((x) => x.tokenizer === t && x.status !== 'retired').map((x) => x.id).sort();
  assert.deepEqual(byTokenizer('llama3'), ['ibm__llama_3_2_90b_vision_instruct']);
  assert.deepEqual(byTokenizer('llama4'), ['ibm__llama_4_maverick', 'ibm__llama_4_scout']);
  assert.deepEqual(byTokenizer('tekken'), ['ibm__mistral_small_3_1_24b_instruct_2503']);
  assert.ok(byTokenizer('claude-estimate').every((id) => id.startsWith('aws__claude_')) && byTokenizer('claude-estimate').length === 9);
  assert.ok(byTokenizer('gemma3').every((id) => /^google__gemini_[23]_/.test(id)) && byTokenizer('gemma3').length === 6);
  assert.deepEqual(byTokenizer('estimate'), ['aws__titan_text_lite', 'ibm__mistral_medium_2505', 'xai__grok_3_beta', 'xai__grok_3_mini_reasoning_beta']);
  assert.equal(catalog.get('ibm__mistral_medium_2505')?.paramsType, 'ibm_params');
});

test("Box's contradictions are decided and recorded, never silent", () => {
  const alias = catalog.lookup('azure__openai__gpt_4.1_mini');
  assert.equal(alias?.via, 'alias');
  assert.equal(alias?.model.id, 'azure__openai__gpt_4_1_mini');
  const titan = catalog.get('aws__titan_text_lite')!;
  assert.equal(titan.provider, 'Amazon');
  assert.equal(titan.conflicts[0].other, 'Anthropic');
  const opus = catalog.get('aws__claude_4_opus')!;
  assert.equal(opus.released, '2025-05-22');
  assert.ok(opus.conflicts.some((c) => c.field === 'released' && c.other === '2024-03-04'));
  assert.equal(catalog.lookup('ibm__llama__3_2_90b_vision_instruct')?.model.id, 'ibm__llama_3_2_90b_vision_instruct');
});

test('every retired model names a current successor of the same kind', () => {
  for (const m of catalog.models.filter((x) => x.status === 'retired')) {
    const next = m.successor ? catalog.get(m.successor) : undefined;
    assert.ok(next && next.status !== 'retired' && next.kind === m.kind, m.id);
  }
});

test('broken entries are skipped with clear messages; good ones are kept', () => {
  const text = `models:
  - id: acme__good
    name: Good
    provider: Acme
    hosting: Acme
    kind: chat
    status: available
    tokenizer: estimate
    cardUrl: https://example.com/
  - id: Not An Id
    name: Bad
    kind: robot
    contextWindow: 200k
    status: retired
  - just a string
`;
  const result = parseCatalog(text, 'user.yaml');
  assert.deepEqual(result.models.map((m) => m.id), ['acme__good']);
  const messages = result.problems.map(formatProblem).join('\n');
  assert.match(messages, /user\.yaml models\[1\] \(Not An Id\): "id" is "Not An Id", which is not of the form provider__name/);
  assert.match(messages, /"kind" is "robot"; expected one of chat, embedding/);
  assert.match(messages, /"contextWindow" must be a positive whole number of tokens/);
  assert.match(messages, /a retired model needs "retiredOn"/);
  assert.match(messages, /"provider" is required/);
  assert.match(messages, /models\[2\]: an entry must be a mapping/);
});

test("a catalog stored by 0.4.0, which estimated Gemini (`gemini-estimate`), loads clean and counts Gemini with gemma3", () => {
  const result = parseCatalog('models:\n  - {id: google__gemini_9, name: G, provider: Google, hosting: Google, kind: chat, status: available, tokenizer: gemini-estimate, cardUrl: "https://x/"}\n', 'stored.yaml');
  assert.deepEqual(result.problems, []);
  assert.equal(result.models[0].tokenizer, 'gemma3');
});

test('unreadable YAML and wrong shapes give one clear problem, never a throw', () => {
  assert.match(formatProblem(parseCatalog('models: [ {', 'x.yaml').problems[0]), /x\.yaml: not valid YAML/);
  assert.match(formatProblem(parseCatalog('- a\n- b', 'y.yaml').problems[0]), /expected a top-level "models:" list/);
  assert.match(formatProblem(parseCatalog('\u0000\u0001binary', 'z.yaml').problems[0]), /z\.yaml/);
});

test('duplicates and merges: the first entry wins and the clash is reported', () => {
  const entry = (id: string) => `  - {id: ${id}, name: N, provider: P, hosting: H, kind: chat, status: available, tokenizer: estimate, cardUrl: "https://x/"}\n`;
  const dup = parseCatalog(`models:\n${entry('a__x')}${entry('a__x')}`, 'd.yaml');
  assert.equal(dup.models.length, 1);
  assert.match(dup.problems[0].message, /already used/);
  const merged = catalog.merge(parseCatalog(`models:\n${entry('aws__claude_3_7_sonnet')}${entry('acme__new')}`, 'u.yaml'), 'u.yaml');
  assert.equal(merged.models.length, 45);
  assert.ok(merged.get('acme__new'));
  assert.match(formatProblem(merged.problems[0]), /u\.yaml: "aws__claude_3_7_sonnet" is already in the catalog/);
});

test('the shipped dist/models.json is exactly data/models.yaml, and loads clean', () => {
  const shipped = JSON.parse(readFileSync(join(ROOT, 'dist', 'models.json'), 'utf8'));
  assert.deepEqual(shipped, parse(yamlText));
  const fromJson = catalogFromData(shipped, 'models.json');
  assert.deepEqual(fromJson.problems, []);
  assert.deepEqual(fromJson.models, catalog.models);
});
