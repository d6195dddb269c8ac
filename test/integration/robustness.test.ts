import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, closeAll, completionsAt, completionsWhen, hoverText, modelLabels, openUntitled } from './helpers';

describe('bad input in a real VS Code', () => {
  before(async () => {
    await activateExtension();
  });
  afterEach(closeAll);

  describe('a 20 MB document', () => {
    let doc: vscode.TextDocument;
    // Making a 20 MB document is VS Code's work (seconds, more on a loaded machine), not the provider's:
    // it gets its own allowance, so that the test's timeout measures only the answer.
    before(async function () {
      this.timeout(120_000);
      const body = '{"basic_text": {"model": ""}},\n'.repeat(Math.ceil((20 * 1024 * 1024) / 32));
      doc = await openUntitled('json', `[${body}{}]`);
    });

    it('answers nothing instead of hanging', async () => {
      const position = new vscode.Position(0, '[{"basic_text": {"model": "'.length);
      assert.deepEqual(modelLabels(await completionsAt(doc, position)), []);
    });
  });

  it('binary content is skipped', async () => {
    const doc = await openUntitled('json', '{"basic_text": {"model": ""}}\u0000\u0001\u0002');
    assert.deepEqual(modelLabels(await completionsAt(doc, new vscode.Position(0, 26))), []);
  });

  it('a 1 MB single line still completes', async () => {
    const filler = `"x": "${'a'.repeat(1024 * 1024)}", `;
    const content = `{${filler}"basic_text": {"model": ""}}`;
    const doc = await openUntitled('json', content);
    const position = doc.positionAt(content.length - 3);
    assert.ok(modelLabels(await completionsWhen(doc, position, (l) => modelLabels(l).length > 0)).includes('aws__claude_3_7_sonnet'));
  });

  it('hover over broken JSON and unterminated strings does not throw', async () => {
    const doc = await openUntitled('json', '{"basic_text": {"model": "aws__claude_3_haiku\n{{{ ]]] "');
    const text = await hoverText(doc, new vscode.Position(0, 30));
    assert.match(text, /Claude 3 Haiku/);
  });
});
