import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, closeAll, completionsWhen, hoverText, modelLabels, openMarked } from './helpers';

describe('user catalog files in a real VS Code', () => {
  const dir = mkdtempSync(join(tmpdir(), 'box-ai-user-catalog-'));
  const file = join(dir, 'extra-models.yaml');

  before(async () => {
    await activateExtension();
  });
  afterEach(async () => {
    await vscode.workspace.getConfiguration('boxAiModels').update('extraCatalogFiles', undefined, vscode.ConfigurationTarget.Global);
    await closeAll();
  });

  it('adds a model Box has not announced yet; a broken entry is skipped and the rest still works', async () => {
    writeFileSync(
      file,
      `models:
  - id: acme__future_model
    name: Acme Future Model
    provider: Acme
    hosting: Acme Cloud
    kind: chat
    tier: premium
    status: beta
    contextWindow: 2000000
    tokenizer: estimate
    cardUrl: https://example.com/acme
  - id: Broken Entry
    kind: robot
`,
    );
    await vscode.workspace.getConfiguration('boxAiModels').update('extraCatalogFiles', [file], vscode.ConfigurationTarget.Global);
    const { doc, position } = await openMarked('json', '{"basic_text": {"model": "|"}}');
    const ids = modelLabels(await completionsWhen(doc, position, (l) => modelLabels(l).length > 0));
    assert.ok(ids.includes('acme__future_model'));
    assert.ok(ids.includes('aws__claude_3_7_sonnet'), 'built-in models are kept');
    const hover = await openMarked('json', '{"basic_text": {"model": "acme__future|_model"}}');
    assert.match(await hoverText(hover.doc, hover.position), /2,000,000 tokens/);
  });

  it('a catalog file that is not YAML loses nothing: the built-in models stay', async () => {
    // The built-in models, once the catalog has dropped the last test's file.
    const { doc, position } = await openMarked('json', '{"basic_text": {"model": "|"}}');
    const builtIn = modelLabels(await completionsWhen(doc, position, (l) => modelLabels(l).length > 0 && !modelLabels(l).includes('acme__future_model')));
    assert.ok(builtIn.includes('aws__claude_3_7_sonnet') && !builtIn.includes('acme__future_model'), builtIn.join(', '));
    writeFileSync(file, 'models: [ {{{ not yaml');
    await vscode.workspace.getConfiguration('boxAiModels').update('extraCatalogFiles', [file, join(dir, 'missing.yaml')], vscode.ConfigurationTarget.Global);
    const ids = modelLabels(await completionsWhen(doc, position, (l) => modelLabels(l).length > 0));
    assert.deepEqual(ids, builtIn);
  });
});
