// Runs in a VS Code started on the data the catalog update session left (see run-real-vscode.ts):
// the catalog applied there must still be in use, until the user goes back to the bundled one.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ADDED_MODEL } from './docs-server';
import { activateExtension, closeAll, diagnosticsBesides, diagnosticsWhen, hoverText, openUntitled, rangeOf } from './helpers';

const NEW = ADDED_MODEL.id;
const SENTINEL = 'aws__not_a_model_sentinel';

describe('the model catalog after a restart, in a real VS Code', () => {
  before(async () => {
    await activateExtension();
  });
  afterEach(closeAll);

  it('keeps the catalog an update stored', async () => {
    const doc = await openUntitled('json', `{"ai_agent": {"type": "ai_agent_ask", "basic_text": {"model": "${NEW}"}, "long_text": {"model": "${SENTINEL}"}}}`);
    assert.deepEqual(await diagnosticsBesides(doc, SENTINEL), []);
    const hover = await hoverText(doc, rangeOf(doc, NEW).start.translate(0, 3));
    assert.match(hover, new RegExp(ADDED_MODEL.name));
    assert.match(hover, /Catalog: http:\/\/127\.0\.0\.1:\d+\/docs\/newer\/, \d{4}-\d{2}-\d{2}/);
  });

  it('Use Bundled Model Catalog removes the stored copy and the bundled catalog is used again', async () => {
    await vscode.commands.executeCommand('boxAiModels.useBundledCatalog');
    const doc = await openUntitled('json', `{"ai_agent": {"type": "ai_agent_ask", "basic_text": {"model": "${NEW}"}}}`);
    const [found] = await diagnosticsWhen(doc.uri, (d) => d.length === 1);
    assert.equal(found?.code, 'unknown-model');
    assert.match(found.message, /Box developer docs \(box\/box-mintlify main, 9d553316\), 2026-01-30/);
  });
});
