import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { catalogFromData } from '../../src/core/catalog/catalog';
import { checkSettings } from '../../src/core/check/setting-checks';
import { checkDocument } from '../../src/core/check';
import { locateSlots } from '../../src/core/locate';

const ROOT = resolve(__dirname, '..', '..', '..');
const catalog = catalogFromData(JSON.parse(readFileSync(join(ROOT, 'dist', 'models.json'), 'utf8')), 'models.json');
const check = (text: string, languageId = 'json') => checkSettings(locateSlots(text, languageId), catalog);
/** The text each finding covers, with its code. */
const covered = (text: string, languageId = 'json') => check(text, languageId).map((f) => [f.code, text.slice(f.start, f.end)]);

const aws = catalog.get('aws__claude_3_7_sonnet')!;
const openai = catalog.models.find((m) => m.kind === 'chat' && m.status !== 'retired' && m.paramsType === 'openai_params' && m.maxOutputTokens)!;

test('catalog facts these tests lean on', () => {
  assert.equal(aws.paramsType, 'aws_params');
  assert.ok(aws.maxOutputTokens && aws.maxOutputTokens < 100_000);
  assert.ok(openai);
});

test('llm_endpoint_params.type of another provider warns and offers the model\'s type', () => {
  const text = `{"ai_agent": {"basic_text": {"model": "${aws.id}", "llm_endpoint_params": {"type": "openai_params", "temperature": 0}}}}`;
  const [finding, ...rest] = check(text);
  assert.equal(rest.length, 0);
  assert.equal(finding.code, 'params-type-mismatch');
  assert.equal(text.slice(finding.start, finding.end), 'openai_params');
  assert.match(finding.message, new RegExp(`${aws.id}.*"aws_params"`));
  assert.deepEqual(finding.fixes.map((f) => f.replacement), ['aws_params']);
  // The right type, an unknown model, or params outside a tool: nothing.
  assert.deepEqual(check(text.replace('openai_params', 'aws_params')), []);
  assert.deepEqual(check(text.replace(aws.id, 'not_a_model')), []);
  assert.deepEqual(check(`{"ai_agent": {"llm_endpoint_params": {"type": "openai_params"}, "basic_text": {"model": "${aws.id}"}}}`), []);
});

test('a type Box does not define is named as such', () => {
  const [finding] = check(`{"basic_text": {"model": "${aws.id}", "llm_endpoint_params": {"type": "anthropic_params"}}}`);
  assert.match(finding.message, /not a type Box defines/);
});

test('num_tokens_for_completion over the model\'s max output warns with both numbers', () => {
  const over = aws.maxOutputTokens! + 1;
  const text = `{"ai_agent": {"basic_text": {"model": "${aws.id}", "num_tokens_for_completion": ${over}}}}`;
  const [finding] = check(text);
  assert.equal(finding.code, 'completion-tokens-over-max');
  assert.equal(text.slice(finding.start, finding.end), String(over));
  assert.ok(finding.message.includes(over.toLocaleString('en-US')) && finding.message.includes(aws.maxOutputTokens!.toLocaleString('en-US')), finding.message);
  assert.deepEqual(finding.fixes.map((f) => f.replacement), [String(aws.maxOutputTokens)]);
  assert.deepEqual(check(text.replace(String(over), String(aws.maxOutputTokens))), []);
  // The tokens of one tool are compared with that tool's model, not a sibling's.
  const sibling = `{"ai_agent": {"long_text": {"model": "${openai.id}", "num_tokens_for_completion": ${openai.maxOutputTokens}}, "basic_text": {"model": "${aws.id}"}}}`;
  assert.deepEqual(check(sibling), []);
});

test('chunk sizes outside 1..512 warn, with the nearest limit as the fix', () => {
  const text = (n: number) => `{"ai_agent": {"long_text": {"embeddings": {"model": "e", "strategy": {"id": "basic", "num_tokens_per_chunk": ${n}}}}}}`;
  assert.deepEqual(covered(text(513)), [['chunk-size-out-of-range', '513']]);
  assert.deepEqual(check(text(0))[0].fixes[0].replacement, '1');
  assert.deepEqual(check(text(9000))[0].fixes[0].replacement, '512');
  assert.deepEqual(check(text(1)), []);
  assert.deepEqual(check(text(512)), []);
});

test('prompt templates: both placeholders for ask and extract, {user_question} for text_gen', () => {
  const ask = (t: string) => `{"ai_agent": {"type": "ai_agent_ask", "basic_text": {"model": "${aws.id}", "prompt_template": "${t}"}}}`;
  assert.deepEqual(covered(ask('Answer {user_question}')), [['prompt-template-placeholder-missing', 'Answer {user_question}']]);
  assert.match(check(ask('Answer {user_question}'))[0].message, /lacks \{content\}/);
  assert.match(check(ask('nothing'))[0].message, /lacks \{user_question\} and \{content\}/);
  assert.deepEqual(check(ask('{content} then {user_question}')), []);
  const gen = (t: string) => `{"ai_agent": {"type": "ai_agent_text_gen", "basic_gen": {"model": "${aws.id}", "prompt_template": "${t}"}}}`;
  assert.deepEqual(check(gen('Write {user_question}')), []);
  assert.deepEqual(covered(gen('Write {content}')).map(([code]) => code), ['prompt-template-placeholder-missing']);
  // SDK code names the text-gen tool by its class.
  assert.deepEqual(check(`tool = AiAgentBasicGenTool(model="${aws.id}", prompt_template="Write {user_question}")`, 'python'), []);
});

test('prompt templates over 10,000 characters warn; escapes count as the characters they stand for', () => {
  const body = (t: string) => `{"ai_agent": {"basic_text": {"prompt_template": "{user_question}{content}${t}"}}}`;
  const fits = '\\n'.repeat(10_000 - '{user_question}{content}'.length);
  assert.deepEqual(check(body(fits)), []);
  const [finding] = check(body(`${fits}x`));
  assert.equal(finding.code, 'prompt-template-too-long');
  assert.match(finding.message, /10,001 characters/);
});

test('the same checks in TypeScript, Python and YAML', () => {
  const over = aws.maxOutputTokens! * 2;
  const sources: [string, string][] = [
    ['typescript', `const aiAgent = new AiAgentAsk({ type: 'ai_agent_ask', basicText: new AiAgentBasicTextTool({ model: '${aws.id}', numTokensForCompletion: ${over}, llmEndpointParams: new AiLlmEndpointParamsOpenAi({ type: 'openai_params' }) }) });`],
    ['python', `ai_agent = AiAgentAsk(type="ai_agent_ask", basic_text=AiAgentBasicTextTool(model="${aws.id}", num_tokens_for_completion=${over}, llm_endpoint_params=AiLlmEndpointParamsOpenAi(type="openai_params")))`],
    ['yaml', `ai_agent:\n  type: ai_agent_ask\n  basic_text:\n    model: ${aws.id}\n    num_tokens_for_completion: ${over}\n    llm_endpoint_params:\n      type: openai_params\n`],
    ['markdown', `Body:\n\n\`\`\`json\n{"ai_agent": {"basic_text": {"model": "${aws.id}", "num_tokens_for_completion": ${over}, "llm_endpoint_params": {"type": "openai_params"}}}}\n\`\`\`\n`],
  ];
  for (const [languageId, text] of sources) {
    assert.deepEqual(covered(text, languageId), [['completion-tokens-over-max', String(over)], ['params-type-mismatch', 'openai_params']], languageId);
  }
});

test('no setting findings outside Box overrides', () => {
  assert.deepEqual(check(`{"model": "${aws.id}", "num_tokens_for_completion": 999999, "llm_endpoint_params": {"type": "openai_params"}, "prompt_template": "x"}`), []);
  assert.deepEqual(check(`openai.chat.completions.create({ model: 'gpt-4o', max_tokens: 99999, prompt_template: 'x' })`, 'typescript'), []);
});

test('checkDocument merges model and setting findings in document order', () => {
  const text = `{"basic_text": {"model": "aws__nope", "num_tokens_per_chunk": 0}}`;
  assert.deepEqual(checkDocument(locateSlots(text, 'json'), catalog).map((f) => f.code), ['unknown-model', 'chunk-size-out-of-range']);
});
