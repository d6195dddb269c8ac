// Documents too large to read on the extension host's thread: YAML, Markdown and Python far over the
// size the host reads itself, where whole reads go to the scanning worker and a first request deep in
// a file is answered from such a read while the incremental locator catches up. What a user sees must
// not change: completion, hover and diagnostics at the right places.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { accept, activateExtension, closeAll, completionsWhen, diagnosticsWhen, hoverText, labelOf, modelLabels, openUntitled, rangeOf } from './helpers';

const CHAT = 'aws__claude_3_7_sonnet';
const TYPO = 'aws__claude_3_7_sonet';

/** Filler of the document's own language, about `bytes` long, with no Box override in it. */
function filler(language: 'yaml' | 'markdown' | 'python', bytes: number): string {
  const unit = {
    yaml: 'service:\n  name: reports\n  replicas: 3\n  labels: [a, b, c]\n',
    markdown: 'Some prose about the quarterly report, with a [link](https://example.com) and `code`.\n\n',
    python: 'def handler(event, context):\n    return {"status": 200, "body": str(event)}\n\n',
  }[language];
  return unit.repeat(Math.ceil(bytes / unit.length));
}

describe('large documents in a real VS Code', () => {
  before(async () => {
    await activateExtension();
  });
  afterEach(closeAll);

  it('YAML of 400 KB: the override at its end is checked, completed and hovered', async () => {
    const text = `${filler('yaml', 400 * 1024)}ai_agent:\n  type: ai_agent_ask\n  basic_text:\n    model: ${TYPO}\n  long_text:\n    model: ${CHAT}\n`;
    const doc = await openUntitled('yaml', text);
    const diagnostics = await diagnosticsWhen(doc.uri, (d) => d.some((x) => x.code === 'unknown-model'));
    const unknown = diagnostics.filter((d) => d.code === 'unknown-model');
    assert.equal(unknown.length, 1);
    assert.deepEqual(unknown[0].range, rangeOf(doc, TYPO));
    const at = rangeOf(doc, TYPO).start.translate(0, 3);
    const items = await completionsWhen(doc, at, (list) => modelLabels(list).length > 0);
    const item = items.find((i) => labelOf(i) === CHAT);
    assert.ok(item, 'no Claude 3.7 Sonnet item');
    assert.ok((await accept(doc, at, item)).endsWith(`basic_text:\n    model: ${CHAT}\n  long_text:\n    model: ${CHAT}\n`));
    assert.match(await hoverText(doc, rangeOf(doc, CHAT, 1).start.translate(0, 2)), /Claude 3\.7 Sonnet/);
    // The fix clears the diagnostic, read again in full.
    await diagnosticsWhen(doc.uri, (d) => !d.some((x) => x.code === 'unknown-model'));
  });

  it('Markdown of 1 MB: a fence at its end is completed and checked', async () => {
    const text = `${filler('markdown', 1024 * 1024)}\`\`\`json\n{"ai_agent": {"basic_text": {"model": "${TYPO}"}}}\n\`\`\`\n`;
    const doc = await openUntitled('markdown', text);
    const diagnostics = await diagnosticsWhen(doc.uri, (d) => d.some((x) => x.code === 'unknown-model'));
    assert.deepEqual(diagnostics.find((d) => d.code === 'unknown-model')!.range, rangeOf(doc, TYPO));
    const items = await completionsWhen(doc, rangeOf(doc, TYPO).start.translate(0, 1), (list) => modelLabels(list).length > 0);
    assert.ok(modelLabels(items).includes(CHAT));
  });

  it('Python of 1 MB: the first request at its end and the ones after an edit find the slot', async () => {
    const text = `${filler('python', 1024 * 1024)}tool = AiAgentBasicTextTool(model="")\n`;
    const doc = await openUntitled('python', text);
    const inside = doc.positionAt(text.length - 3);
    const first = await completionsWhen(doc, inside, (list) => modelLabels(list).length > 0);
    assert.ok(modelLabels(first).includes(CHAT), 'the first request deep in the file got no model items');
    // Type into the value: each later request is incremental again, or read anew, and still right.
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, inside, 'aws');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const after = await completionsWhen(doc, inside.translate(0, 3), (list) => modelLabels(list).length > 0);
    const item = after.find((i) => labelOf(i) === CHAT)!;
    assert.ok(item);
    assert.ok((await accept(doc, inside.translate(0, 3), item)).endsWith(`AiAgentBasicTextTool(model="${CHAT}")\n`));
    assert.match(await hoverText(doc, inside.translate(0, 2)), /Claude 3\.7 Sonnet/);
  });
});
