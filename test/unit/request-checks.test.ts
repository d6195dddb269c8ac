import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRequestBody, checkRequests, endpointOfUrl, PROMPT_MAX_LENGTH } from '../../src/core/check/request-checks';

const items = (n: number) => JSON.stringify(Array.from({ length: n }, (_, i) => ({ id: String(i + 1), type: 'file' })));
const codes = (body: string, url?: string) => checkRequestBody(body, url).map((f) => f.code);

test('the endpoint comes from the URL, else from ai_agent.type; a body whose endpoint cannot be told gets nothing', () => {
  assert.equal(endpointOfUrl('https://api.box.com/2.0/ai/ask'), 'ask');
  assert.equal(endpointOfUrl('https://api.box.com/2.0/ai/extract_structured?x=1'), 'extract_structured');
  assert.equal(endpointOfUrl('{{base}}/ai/extract'), 'extract');
  assert.equal(endpointOfUrl('https://api.box.com/2.0/ai_agent_default'), undefined);
  const twoItems = `{"mode": "single_item_qa", "items": ${items(2)}}`;
  assert.deepEqual(codes(twoItems), [], 'no URL, no agent type: silent');
  assert.deepEqual(codes(twoItems, 'https://api.box.com/2.0/ai/ask'), ['single-item-qa-items']);
  assert.deepEqual(codes(`{"mode": "single_item_qa", "items": ${items(2)}, "ai_agent": {"type": "ai_agent_ask"}}`), ['single-item-qa-items']);
});

test('each request check, with its negatives', () => {
  const ask = 'https://api.box.com/2.0/ai/ask';
  const long = 'x'.repeat(PROMPT_MAX_LENGTH + 1);
  // The prompt is counted after its escapes are read: \n is one character.
  assert.deepEqual(codes(`{"prompt": "${long}", "mode": "single_item_qa", "items": ${items(1)}}`, ask), ['prompt-too-long']);
  assert.deepEqual(codes(`{"prompt": "${'\\n'.repeat(PROMPT_MAX_LENGTH)}", "mode": "single_item_qa", "items": ${items(1)}}`, ask), []);
  assert.deepEqual(codes(`{"mode": "multiple_item_qa", "items": ${items(26)}}`, ask), ['too-many-items']);
  assert.deepEqual(codes(`{"mode": "multiple_item_qa", "items": ${items(25)}}`, ask), []);
  assert.deepEqual(codes(`{"mode": "single_item_qa", "items": ${items(1)}}`, ask), []);
  assert.deepEqual(codes(`{"items": ${items(2)}}`, 'https://api.box.com/2.0/ai/text_gen'), ['text-gen-items']);
  assert.deepEqual(codes(`{"items": []}`, 'https://api.box.com/2.0/ai/text_gen'), ['text-gen-items']);
  assert.deepEqual(codes(`{"items": ${items(1)}}`, 'https://api.box.com/2.0/ai/text_gen'), []);
  assert.deepEqual(codes(`{"items": ${items(26)}}`, 'https://api.box.com/2.0/ai/extract'), ['too-many-items']);
  assert.deepEqual(codes(`{"items": ${items(25)}}`, 'https://api.box.com/2.0/ai/extract_structured'), []);
  assert.deepEqual(codes(`{"mode": "multi", "items": ${items(1)}}`, ask), ['unknown-mode']);
  assert.deepEqual(codes(`{"mode": "multi"}`, 'https://api.box.com/2.0/ai/extract'), [], 'mode is an ask\'s');
  const big = 'é'.repeat(1_000_001); // 2,000,002 bytes, 1,000,001 characters
  assert.deepEqual(codes(`{"items": [{"id": "1", "type": "file", "content": "${big}"}]}`, 'https://api.box.com/2.0/ai/text_gen'), ['item-content-too-large']);
  assert.deepEqual(codes(`{"items": [{"id": "1", "type": "file", "content": "${'é'.repeat(1_000_000)}"}]}`, 'https://api.box.com/2.0/ai/text_gen'), []);
});

test('single_item_qa with two items: flagged on the mode, fixed to multiple_item_qa; an unknown mode offers both', () => {
  const body = `{"mode": "single_item_qa", "items": ${items(2)}}`;
  const [finding] = checkRequestBody(body, 'https://api.box.com/2.0/ai/ask');
  assert.equal(body.slice(finding.start, finding.end), 'single_item_qa');
  assert.deepEqual(finding.fixes, [{ title: 'Change to multiple_item_qa', replacement: 'multiple_item_qa', preferred: true }]);
  const [mode] = checkRequestBody(`{"mode": "multi", "items": ${items(3)}}`, 'https://api.box.com/2.0/ai/ask');
  assert.deepEqual(mode.fixes.map((f) => [f.replacement, f.preferred]), [['multiple_item_qa', true], ['single_item_qa', false]]);
});

test('request checks in .http bodies, curl commands (URL before or after the body, any quoting) and Markdown fences, on the right ranges', () => {
  const body = `{"mode": "single_item_qa", "items": ${items(2)}}`;
  const http = `POST https://api.box.com/2.0/ai/ask\nContent-Type: application/json\n\n${body}\n`;
  const sh = `curl -d '${body}' https://api.box.com/2.0/ai/ask`;
  const quoted = `curl https://api.box.com/2.0/ai/ask --data "${body.replace(/"/g, '\\"')}"`;
  const md = `# Ask\n\n\`\`\`bash\n${sh}\n\`\`\`\n\n\`\`\`json\n{"ai_agent": {"type": "ai_agent_text_gen"}, "items": []}\n\`\`\`\n`;
  for (const [text, language, expected] of [[http, 'http', ['single-item-qa-items']], [sh, 'shellscript', ['single-item-qa-items']], [quoted, 'shellscript', ['single-item-qa-items']], [md, 'markdown', ['single-item-qa-items', 'text-gen-items']]] as const) {
    const found = checkRequests(text, language);
    assert.deepEqual(found.map((f) => f.code), expected, language);
    assert.equal(text.slice(found[0].start, found[0].end), 'single_item_qa', language);
  }
  assert.equal(checkRequests(md, 'markdown')[1] && md.slice(checkRequests(md, 'markdown')[1].start, checkRequests(md, 'markdown')[1].end), 'items');
});

test('broken bodies never throw and say nothing wrong', () => {
  for (const body of ['', '{', '{"mode": ', '[1, 2]', '{"items": {"a": 1}}', '{"mode": 3, "items": "x"}', '{"prompt": 12}', '{"items": [', '{"items": [1, 2,]}']) {
    assert.doesNotThrow(() => checkRequestBody(body, 'https://api.box.com/2.0/ai/ask'), body);
  }
  assert.deepEqual(codes('{"mode": "single_item_qa", "items": [{"id": "1"}, {"id": "2"},], }', 'https://api.box.com/2.0/ai/ask'), ['single-item-qa-items'], 'trailing commas, as in Box\'s docs');
});
