import * as assert from 'node:assert/strict';
import { activateExtension, closeAll, hoverText, openMarked } from './helpers';

describe('hover in a real VS Code', () => {
  before(async () => {
    await activateExtension();
  });
  afterEach(closeAll);

  it('shows the card for a model id in a JSON slot', async () => {
    const { doc, position } = await openMarked('json', '{"ai_agent": {"basic_text": {"model": "aws__claude_3_7|_sonnet"}}}');
    const text = await hoverText(doc, position);
    assert.match(text, /AWS Claude 3\.7 Sonnet/);
    assert.match(text, /200,000 tokens/); // context window
    assert.match(text, /8,000 tokens/); // max output
    assert.match(text, /Anthropic/);
    assert.match(text, /aws_params/);
    assert.match(text, /estimated/); // tokenizer fact
    assert.match(text, /\(https:\/\/developer\.box\.com\/guides\/box-ai\/ai-models\/aws-claude-3-7-sonnet-model-card\/\)/);
  });

  it('shows the card for a string constant holding a model id (TypeScript)', async () => {
    const { doc, position } = await openMarked('typescript', "export const DEFAULT_MODEL = 'openai__gpt|_5_mini';");
    const text = await hoverText(doc, position);
    assert.match(text, /GPT-5 mini/);
    assert.match(text, /400,000 tokens/);
    assert.match(text, /o200k_base/);
  });

  it('says a retired model is retired, since when, and what to use instead', async () => {
    const { doc, position } = await openMarked('javascript', "const a = { basicText: { model: 'google__gemini_1_5_|flash_001' } };");
    const text = await hoverText(doc, position);
    assert.match(text, /Retired/);
    assert.match(text, /2025-11-20/);
    assert.match(text, /google__gemini_2_5_flash/);
  });

  it('explains an alias spelling and the decision recorded for it', async () => {
    const { doc, position } = await openMarked('jsonc', '{"basic_text": {"model": "azure__openai__gpt_4.1_|mini"}}');
    const text = await hoverText(doc, position);
    assert.match(text, /another spelling/);
    assert.match(text, /azure__openai__gpt_4_1_mini/);
    assert.match(text, /disagree/);
  });

  it('says when a name in a slot is not a known model', async () => {
    const { doc, position } = await openMarked('json', '{"basic_text": {"model": "aws__claude_9|"}}');
    assert.match(await hoverText(doc, position), /is not in the model catalog \(Box developer docs \(box\/box-mintlify main, 9d553316\), 2026-01-30\)/);
    const { doc: other, position: at } = await openMarked('json', '{"basic_text": {"model": "gpt-4|o"}}');
    assert.match(await hoverText(other, at), /`gpt-4o` is not a Box AI model name: Box names models `provider__model`/);
  });

  it('stays silent on strings that are not model ids', async () => {
    const { doc, position } = await openMarked('typescript', "await openai.chat.completions.create({ model: 'gpt-|4o' });");
    assert.doesNotMatch(await hoverText(doc, position), /catalog|Box model card/);
  });

  it('recorded conflicts show in the card (Titan provider)', async () => {
    const { doc, position } = await openMarked('typescriptreact', "const m = 'aws__titan_|text_lite';");
    const text = await hoverText(doc, position);
    assert.match(text, /Amazon/);
    assert.match(text, /Anthropic/);
  });
});
