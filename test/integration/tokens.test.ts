// The token counter as a user sees it: the status bar item read from the workbench DOM, the marker
// where a context window is exceeded, the model command. Every expected count comes from a reference
// tokenizer (tiktoken's Rust core; Tokenizers.js for Gemma 3), independent of the extension's engine.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { MemoryUse } from '../../src/features/memory-use';
import { activateExtension, closeAll, diagnosticsWhen, openUntitled, showWorkspaceFile, statusWhen, testingApi, TOKEN_STATUS_ID } from './helpers';
import { ui, uiDriverAvailable } from './ui-protocol';
import type { EncodingName } from '../../src/core/tokens/encodings';
import { referenceEngine } from '../unit/engines';

const SELECT = 'boxAiModels.selectTokenModel';

const referenceCount = (encoding: EncodingName, text: string) => referenceEngine(encoding).count(text);

/** The offset after the last whole character within the text's first `limit` UTF-8 bytes, code point by code point. */
function offsetAfterBytes(text: string, limit: number): number {
  let bytes = 0;
  let offset = 0;
  for (const character of text) {
    bytes += Buffer.byteLength(character);
    if (bytes > limit) return offset;
    offset += character.length;
  }
  return offset;
}

const grouped = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');


if (uiDriverAvailable()) {
  describe('token counter in a real VS Code', () => {
    before(async () => {
      await activateExtension();
    });
    afterEach(closeAll);
    after(() => vscode.commands.executeCommand(SELECT, 'auto'));

    it('shows the file count, equal to a reference encode, against the chosen model', async () => {
      await vscode.commands.executeCommand(SELECT, 'azure__openai__gpt_4o_mini');
      const editor = await showWorkspaceFile('tokens', 'prompt.md');
      const expected = referenceCount('o200k_base', editor.document.getText());
      const { text } = await statusWhen((t) => t.includes('GPT-4o mini') && /^\d/.test(t), 'an exact GPT-4o mini count');
      assert.match(text, new RegExp(`^${grouped(expected)} / 128k tokens · .*GPT-4o mini$`));
    });

    it("Show Memory Use reports each running worker's heap once a large document is counted and checked", async () => {
      await vscode.commands.executeCommand(SELECT, 'azure__openai__gpt_4o_mini');
      // Over the size counted and scanned on the extension host (64K characters): both workers start for it.
      // The host has loaded o200k_base's table for the small file before, so the counting worker is given
      // that table with the host's index of it, and its count must still equal the reference.
      const large = await openUntitled('json', `{"pad": "${'p '.repeat(35_000)}", "ai_agent": {"type": "ai_agent_ask", "basic_text": {"model": "aws__claude_3_7_sonet"}}}`);
      await vscode.window.showTextDocument(large);
      await statusWhen((t) => t.includes('GPT-4o mini') && t.startsWith(`${grouped(referenceCount('o200k_base', large.getText()))} /`), 'the count of the large document');
      await diagnosticsWhen(large.uri, (d) => d.some((x) => x.code === 'unknown-model'));
      const use = await vscode.commands.executeCommand<MemoryUse>('boxAiModels.showMemoryUse', { show: false });
      for (const [worker, heap] of [['counting', use.counting], ['scanning', use.scanning]] as const) {
        assert.ok(heap, `no figures from the ${worker} worker`);
        assert.ok(heap.usedMB > 0 && heap.usedMB <= heap.totalMB && heap.externalMB >= 0, `${worker}: ${JSON.stringify(heap)}`);
      }
      // The counter holds its rank table (1.8 MB for o200k_base) outside its heap.
      assert.ok(use.counting!.externalMB > 1.5, JSON.stringify(use.counting));
      assert.ok(use.extensionHostMB! > use.counting!.usedMB, JSON.stringify(use));
    });

    it("counts Meta's, Mistral's and Google's models exactly with their own vocabularies, each equal to a reference encode", async () => {
      const models: [string, EncodingName, string, string][] = [
        ['ibm__llama_3_2_90b_vision_instruct', 'llama3', '128k', 'IBM Llama 3.2 Vision Instruct'],
        ['ibm__llama_4_scout', 'llama4', '10M', 'IBM Llama 4 Scout'],
        ['ibm__mistral_small_3_1_24b_instruct_2503', 'tekken', '128k', 'IBM Mistral Small 3.1'],
        ['google__gemini_2_5_pro', 'gemma3', '1M', 'Google Gemini 2.5 Pro'],
      ];
      const editor = await showWorkspaceFile('tokens', 'multilingual.md');
      const counts = new Set<number>();
      for (const [id, encoding, window, name] of models) {
        await vscode.commands.executeCommand(SELECT, id);
        const expected = referenceCount(encoding, editor.document.getText());
        counts.add(expected);
        const { text } = await statusWhen((t) => t.endsWith(name) && /^\d/.test(t), `an exact ${name} count`);
        assert.equal(text, `${grouped(expected)} / ${window} tokens · ${name}`);
      }
      assert.equal(counts.size, models.length, 'two vocabularies count this text alike: the test cannot tell them apart');
    });

    it('counts the selection when text is selected', async () => {
      await vscode.commands.executeCommand(SELECT, 'azure__openai__gpt_4o_mini');
      const editor = await showWorkspaceFile('tokens', 'prompt.md');
      await statusWhen((t) => !t.includes('selected') && /^\d/.test(t), 'the file count');
      editor.selection = new vscode.Selection(2, 0, 8, 0);
      const expected = referenceCount('o200k_base', editor.document.getText(editor.selection));
      const { text } = await statusWhen((t) => t.includes('selected'), 'a selection count');
      assert.match(text, new RegExp(`^${grouped(expected)} / 128k tokens selected · `));
    });

    it('switching the model with the command changes the limit, and estimates are marked ≈', async () => {
      await vscode.commands.executeCommand(SELECT, 'openai__gpt_5');
      const editor = await showWorkspaceFile('tokens', 'prompt.md');
      const exact = referenceCount('o200k_base', editor.document.getText());
      await statusWhen((t) => t.startsWith(`${grouped(exact)} / 1M tokens · `) && t.includes('GPT-5'), 'the exact GPT-5 count');
      // Claude: Anthropic's legacy tokenizer × 1.1, marked ≈ with its band.
      await vscode.commands.executeCommand(SELECT, 'aws__claude_3_7_sonnet');
      const estimate = Math.round(referenceCount('claude', editor.document.getText()) * 1.1);
      const { text } = await statusWhen((t) => t.includes('Claude 3.7 Sonnet'), 'the Claude limit');
      assert.equal(text, `≈${grouped(estimate)} ±3% / 200k tokens · AWS Claude 3.7 Sonnet`);
      // Grok (no public tokenizer): the o200k_base count, with the widest band measured between public tokenizers.
      await vscode.commands.executeCommand(SELECT, 'xai__grok_3_beta');
      const { text: grok } = await statusWhen((t) => t.includes('Grok 3 Beta'), 'the Grok estimate');
      assert.equal(grok, `≈${grouped(exact)} −16%/+82% / 1M tokens · xAI Grok 3 Beta`);
    });

    it('automatic: the model the file names decides the limit', async () => {
      await vscode.commands.executeCommand(SELECT, 'auto');
      await showWorkspaceFile('tokens', 'ask-override.json');
      const { text } = await statusWhen((t) => t.includes('Claude 3 Haiku'), 'the model named in the file');
      assert.match(text, /^≈[\d,]+ ±3% \/ 200k tokens · /);
    });

    it('a big file shows counting progress, then its count', async () => {
      await vscode.commands.executeCommand(SELECT, 'openai__gpt_5');
      // Numbered lines: no two blocks alike (a block's count is reused wherever its text repeats).
      const line = (i: number) => `${i}. The supplier shall deliver the services in Schedule A with reasonable skill and care.\n`;
      const text = Array.from({ length: Math.ceil((12 << 20) / line(100_000).length) }, (_, i) => line(i)).join('');
      const file = join(mkdtempSync(join(tmpdir(), 'box-ai-models-')), 'big-input.txt');
      writeFileSync(file, text);
      const expected = `${grouped(referenceCount('o200k_base', text))} / 1M tokens`;
      // The count's result is held back until the progress has been seen: how fast this machine counts
      // (or how briefly the progress would show) cannot decide the outcome.
      const release = testingApi().holdTokenResults();
      try {
        await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
        await statusWhen((t) => /Counting tokens… \d+%/.test(t), 'counting progress while the count runs');
      } finally {
        release();
      }
      await statusWhen((t) => t.startsWith(expected), 'the big file count');
    });

    it("a 3 MB file against Gemini 2.5 Pro: Box's 2 MB text limit binds first, and the marker sits where Box stops reading", async () => {
      await vscode.commands.executeCommand(SELECT, 'google__gemini_2_5_pro');
      // README-style Markdown, numbered so that no two blocks are alike, with some multi-byte text.
      const section = (i: number) => `## Section ${i}\n\nThe supplier shall deliver the services in Schedule ${i} — with reasonable skill, care and diligence (naïve résumé, 中文).\n\n- item ${i}\n- \`code ${i}\`\n\n`;
      const text = Array.from({ length: Math.ceil(3_000_000 / section(10_000).length) }, (_, i) => section(i)).join('');
      const file = join(mkdtempSync(join(tmpdir(), 'box-ai-models-')), 'three-megabytes.md');
      writeFileSync(file, text);
      const document = await vscode.workspace.openTextDocument(file);
      await vscode.window.showTextDocument(document);
      const { text: shown, className } = await statusWhen((t) => t.endsWith('· Box reads 2 MB · Google Gemini 2.5 Pro'), "the count with Box's limit");
      assert.match(shown, /^[\d,]+ \/ 1M tokens · Box reads 2 MB · /);
      assert.match(className, /error-kind/, `item classes: ${className}`);
      const markers = await diagnosticsWhen(document.uri, (d) => d.some((m) => m.code === 'box-text-limit'));
      assert.equal(markers.length, 1, markers.map((m) => m.message).join('\n'));
      assert.deepEqual(markers[0].range.start, document.positionAt(offsetAfterBytes(text, 2_000_000)));
      assert.match(markers[0].message, /^Box AI stops reading here: it reads the first 2 MB of a file's text and ignores the rest of this file \([\d.]+ MB more\), with no error\. Box reads [\d,]+ tokens, within Google Gemini 2\.5 Pro's 1M-token context window\.$/);
      const tooltip = ((await ui({ action: 'statusbarTooltip', id: TOKEN_STATUS_ID, expect: 'binds first' })).texts ?? []).join('\n');
      assert.match(tooltip, /Box's text limit binds first/, tooltip);
      assert.match(tooltip, /Limits: the model's context window, 1,000,000 tokens; Box's text limit, 2 MB\./, tooltip);
    });

    it("VS Code's own 19 MB workbench.js against GPT-5: the marker at Box's 2 MB point, not at 1M tokens", async () => {
      await vscode.commands.executeCommand(SELECT, 'openai__gpt_5');
      const workbench = join(__dirname, '..', '..', '..', '.vscode-test', 'server', 'node_modules', 'code-server', 'lib', 'vscode', 'out', 'vs', 'code', 'browser', 'workbench', 'workbench.js');
      const text = readFileSync(workbench, 'utf8');
      const file = join(mkdtempSync(join(tmpdir(), 'box-ai-models-')), 'workbench.js');
      writeFileSync(file, text);
      const document = await vscode.workspace.openTextDocument(file);
      await vscode.window.showTextDocument(document);
      await statusWhen((t) => t.endsWith('· Box reads 2 MB · GPT-5'), "the count with Box's limit", 60_000);
      const markers = await diagnosticsWhen(document.uri, (d) => d.length > 0, undefined, 30_000);
      assert.deepEqual(markers.map((m) => m.code), ['box-text-limit']);
      assert.deepEqual(markers[0].range.start, document.positionAt(offsetAfterBytes(text, 2_000_000)));
    }).timeout(120_000);

    it("an estimate whose highest count passes the window: the warning colour, and a marker that says it may exceed where the highest passes", async () => {
      // Claude 3 Haiku (200k): the estimate is the legacy Claude count × 1.1, ±3%. About 180,000 legacy
      // tokens make about 198,000, whose highest (+3%) passes 200,000 and whose lowest does not.
      const line = (i: number) => `Line ${i + 1}: the quick brown fox jumps over the lazy dog.\n`;
      const lines: string[] = [];
      const running: number[] = [];
      for (let total = 0; total < 180_000; ) {
        lines.push(line(lines.length));
        total += referenceCount('claude', lines[lines.length - 1]); // lines are cut points: their counts add up
        running.push(total);
      }
      const text = lines.join('');
      const legacy = referenceCount('claude', text);
      assert.equal(legacy, running[running.length - 1], 'the lines do not add up to the whole');
      const file = join(mkdtempSync(join(tmpdir(), 'box-ai-models-')), 'estimated-input.txt');
      writeFileSync(file, text);
      await vscode.commands.executeCommand(SELECT, 'aws__claude_3_haiku');
      const document = await vscode.workspace.openTextDocument(file);
      await vscode.window.showTextDocument(document);
      const estimate = Math.round(legacy * 1.1);
      const { text: shown, className } = await statusWhen((t) => t.startsWith(`≈${grouped(estimate)} ±3% / 200k tokens`), 'the estimate');
      assert.match(className, /warning-kind/, `item classes: ${className} (${shown})`);
      // The highest estimate, legacy × 1.1 × 1.03, passes 200,000 on the line where the legacy count passes 176,522.
      const limit = Math.floor(200_000 / (1.1 * 1.03));
      const expectedLine = running.findIndex((count) => count > limit);
      const markers = await diagnosticsWhen(document.uri, (d) => d.length > 0);
      assert.equal(markers.length, 1, 'one marker');
      assert.equal(markers[0].range.start.line, expectedLine, markers[0].message);
      assert.match(markers[0].message, /^This file may exceed AWS Claude 3 Haiku's 200k-token context window: ≈[\d,]+ tokens ±3%/);
    });

    it('a file over the model window turns the item to the error colour and marks where the limit is passed', async () => {
      // ada-002 (8,000 tokens, cl100k_base: exact) against about 12,000 tokens of numbered lines.
      const lines = Array.from({ length: 1200 }, (_, i) => `Line ${i + 1}: the quick brown fox jumps over the lazy dog.`);
      const text = `${lines.join('\n')}\n`;
      const file = join(mkdtempSync(join(tmpdir(), 'box-ai-models-')), 'long-input.txt');
      writeFileSync(file, text);
      await vscode.commands.executeCommand(SELECT, 'azure__openai__text_embedding_ada_002');
      const document = await vscode.workspace.openTextDocument(file);
      await vscode.window.showTextDocument(document);
      const total = referenceCount('cl100k_base', text);
      const { text: shown, className } = await statusWhen((t) => t.startsWith(`${grouped(total)} / 8k tokens`), 'the over-limit count');
      assert.ok(shown.includes('ada'), shown);
      assert.match(className, /error-kind/, `item classes: ${className}`);
      // The first token over 8,000 lies on the first line whose end takes the reference count past it.
      const countThrough = (line: number) => referenceCount('cl100k_base', `${lines.slice(0, line + 1).join('\n')}\n`);
      let [low, high] = [0, lines.length - 1];
      while (low < high) {
        const mid = (low + high) >> 1;
        if (countThrough(mid) > 8000) high = mid;
        else low = mid + 1;
      }
      const expectedLine = low;
      const markers = await diagnosticsWhen(document.uri, (d) => d.length > 0);
      assert.equal(markers.length, 1, 'one marker');
      assert.equal(markers[0].code, 'context-window-exceeded');
      assert.equal(markers[0].range.start.line, expectedLine, markers[0].message);
      assert.match(markers[0].message, new RegExp(`by ${grouped(total - 8000)} tokens`));
      // Under the limit again (a larger window): the marker goes and the colour with it.
      await vscode.commands.executeCommand(SELECT, 'openai__gpt_5');
      const after = await statusWhen((t) => t.includes('/ 1M'), 'the GPT-5 count');
      assert.doesNotMatch(after.className, /error-kind|warning-kind/);
      assert.deepEqual(await diagnosticsWhen(document.uri, (d) => d.length === 0), []);
    });
  });
}
