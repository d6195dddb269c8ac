// UI-level checks in the real workbench: keys typed into the editor, the suggest widget and the hover
// read from the DOM by the harness's browser driver (see test/harness/ui-driver.ts). Registered only
// where such a driver exists (the code-server harness); @vscode/test-electron runs the other suites.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, closeAll, openUntitled } from './helpers';
import { ui, uiDriverAvailable } from './ui-protocol';

const screenshots = process.env.BOX_AI_MODELS_SCREENSHOTS ?? '';

if (uiDriverAvailable()) {
  describe('workbench UI', () => {
    before(async () => {
      await activateExtension();
    });
    after(closeAll);

    it('typing "model": " in a JSON override opens the suggest widget with Box models', async () => {
      const doc = await openUntitled('json', '{\n  "ai_agent": {\n    "type": "ai_agent_ask",\n    "basic_text": {\n      \n    }\n  }\n}\n');
      const editor = await vscode.window.showTextDocument(doc);
      editor.selection = new vscode.Selection(4, 6, 4, 6);
      await ui({ action: 'type', text: '"model": "', at: { line: 4, character: 6 } });
      // The widget opens on the quote with the extension's items (it shows the first rows of the list).
      const opened = (await ui({ action: 'suggest', expect: 'openai__gpt_5' })).texts ?? [];
      assert.ok(opened.some((t) => /^[a-z]+__\w+, /.test(t)), `suggest widget showed: ${opened.slice(0, 8).join(' | ')}`);
      // Narrowing by typing inside the quotes keeps the list on Box models.
      await ui({ action: 'type', text: 'claude_3_7' });
      const { texts = [] } = await ui({ action: 'suggest', expect: 'aws__claude_3_7_sonnet', screenshot: join(screenshots, 'suggest.png') });
      assert.ok(texts.some((t) => t.startsWith('aws__claude_3_7_sonnet')), `suggest widget showed: ${texts.slice(0, 8).join(' | ')}`);
      await ui({ action: 'press', key: 'Enter' });
      const deadline = Date.now() + 5000;
      while (!doc.getText().includes('"model": "aws__claude_3_7_sonnet"') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      assert.match(doc.getText(), /"model": "aws__claude_3_7_sonnet"\s*\n/);
    });

    it('hovering the model id shows its card with the context window', async () => {
      const { texts = [] } = await ui({ action: 'hover', text: 'aws__claude_3_7_sonnet', expect: '200,000', screenshot: join(screenshots, 'hover.png') });
      const text = texts.join('\n');
      assert.match(text, /AWS Claude 3\.7 Sonnet/);
      assert.match(text, /200,000 tokens/);
    });
  });
}
