// `Box AI: Update Model Catalog` against a local server that serves Box's model docs (two snapshots, and
// the ways a source goes wrong), the workspace catalog quick fix, and the models view. This session
// ends with the staging snapshot applied: the next session (catalog-restart.test.ts) starts from it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { UpdateOutcome } from '../../src/features/catalog-update';
import { closedPort } from './closed-port';
import { activateExtension, closeAll, completionsWhen, diagnosticsWhen, hoverText, modelLabels, openMarked, openUntitled, rangeOf, statusWhen } from './helpers';
import { driverUrl, ui } from './ui-protocol';

const OPUS = 'aws__claude_4_5_opus';
const BUNDLED = /Box developer docs \(main, eee1aa64\), 2026-02-16/;
const VIEW = 'Box AI Models';
const TODAY = new Date().toISOString().slice(0, 10);

const config = () => vscode.workspace.getConfiguration('boxAiModels');

/**
 * The messages in VS Code's notification center (cleared before each update, so: what it showed),
 * besides the update's progress, which is not a message; read once `expected` has arrived.
 */
async function notifications(expected: string): Promise<string[]> {
  await vscode.commands.executeCommand('notifications.showList');
  try {
    return ((await ui({ action: 'notifications', expect: expected })).texts ?? []).filter((m) => !m.startsWith("Box AI: reading Box's model docs"));
  } finally {
    await vscode.commands.executeCommand('notifications.hideList');
  }
}

async function updateFrom(source: string): Promise<UpdateOutcome> {
  await config().update('catalog.source', source, vscode.ConfigurationTarget.Global);
  return (await vscode.commands.executeCommand<UpdateOutcome>('boxAiModels.updateCatalog'))!;
}

/** An override naming Claude Opus 4.5, which the bundled catalog does not know. */
async function opusDocument(): Promise<vscode.TextDocument> {
  return openUntitled('json', `{"ai_agent": {"type": "ai_agent_ask", "basic_text": {"model": "${OPUS}"}}}`);
}

/** Box's model docs as the driver serves them: a snapshot (`main`, `staging`) or a way of failing. */
const docs = { source: (root: string) => `${driverUrl()}/docs/${root}/` };

function opusFinding(doc: vscode.TextDocument, found: vscode.Diagnostic[]): vscode.Diagnostic | undefined {
  return found.find((d) => d.range.isEqual(rangeOf(doc, OPUS)));
}

describe("catalog updates from Box's docs, in a real VS Code", () => {
  before(async () => {
    await activateExtension();
  });
  afterEach(closeAll);
  after(async () => {
    await config().update('catalog.source', undefined, vscode.ConfigurationTarget.Global);
    await config().update('catalog.timeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
  });

  it('with the bundled catalog, an id Box added since is a warning naming the catalog, with the catalog actions', async () => {
    const doc = await opusDocument();
    const found = opusFinding(doc, await diagnosticsWhen(doc.uri, (d) => opusFinding(doc, d) !== undefined));
    assert.ok(found, 'no diagnostic on the new id');
    assert.equal(found.code, 'unknown-model');
    assert.equal(found.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(found.message, BUNDLED);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, found.range, vscode.CodeActionKind.QuickFix.value);
    const titles = (actions ?? []).map((a) => a.title);
    assert.ok(titles.includes("Update the model catalog from Box's docs…"), titles.join(', '));
    assert.ok(titles.includes(`Add ${OPUS} to the workspace model catalog`), titles.join(', '));
  });

  it('adding an id to the workspace catalog creates the file, names it in the setting, and the warning goes', async () => {
    const id = 'aws__claude_9_example';
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const file = vscode.Uri.joinPath(folder, '.vscode', 'box-ai-models.yaml');
    const doc = await openUntitled('json', `{"ai_agent": {"type": "ai_agent_ask", "basic_text": {"model": "${id}"}}}`);
    try {
      await diagnosticsWhen(doc.uri, (d) => d.length === 1);
      await vscode.commands.executeCommand('boxAiModels.addToWorkspaceCatalog', id);
      assert.deepEqual(config().get('extraCatalogFiles'), ['.vscode/box-ai-models.yaml']);
      const written = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
      assert.match(written, new RegExp(`- id: ${id}\\n    name: ${id}\\n`));
      assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), file.toString());
      assert.deepEqual(await diagnosticsWhen(doc.uri, (d) => d.length === 0), []);
      // A second time, the entry is there already: the file is shown, not changed.
      await vscode.commands.executeCommand('boxAiModels.addToWorkspaceCatalog', id);
      assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(file)), written);
    } finally {
      await config().update('extraCatalogFiles', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.workspace.fs.delete(file).then(undefined, () => undefined);
    }
  });

  it('each way a source fails gives one message and leaves the catalog in use as it was', async () => {
    const doc = await opusDocument();
    await diagnosticsWhen(doc.uri, (d) => opusFinding(doc, d) !== undefined);
    await config().update('catalog.timeoutSeconds', 2, vscode.ConfigurationTarget.Global);
    const failures: [string, string, RegExp][] = [
      ['offline', `http://127.0.0.1:${await closedPort()}/docs/`, /could not be read: cannot reach 127\.0\.0\.1:\d+ \(ECONNREFUSED\)\. Check the connection, or VS Code's proxy settings/],
      ['an HTTP error', docs.source('error'), /index\.md answered HTTP 503/],
      ['a web page instead of markdown', docs.source('html'), /index\.md is a web page, not markdown/],
      ['a changed layout', docs.source('layout'), /lists no models \(no <Tile> entries\): the layout of Box's docs may have changed/],
      ['a malformed card', docs.source('malformed'), /A model card at .* could not be read \(aws-claude-3-haiku-model-card\.md: no "API model name" row/],
      ['no answer', docs.source('silent'), /did not answer within 2 s/],
    ];
    for (const [what, source, expected] of failures) {
      await vscode.commands.executeCommand('notifications.clearAll');
      const result = await updateFrom(source);
      assert.equal(result.outcome, 'failed', what);
      assert.match(result.message, expected, what);
      assert.match(result.message, /The catalog in use is unchanged\.$/, what);
      assert.deepEqual(await notifications(result.message), [result.message], `${what}: one message, the outcome's`);
      const found = opusFinding(doc, vscode.languages.getDiagnostics(doc.uri));
      assert.equal(found?.code, 'unknown-model', `${what}: the catalog in use changed`);
      assert.match(found.message, BUNDLED, what);
    }
  });

  it('updating from the snapshot the bundled catalog came from changes nothing, and says so', async () => {
    await vscode.commands.executeCommand('notifications.clearAll');
    const result = await updateFrom(docs.source('main'));
    assert.equal(result.outcome, 'unchanged');
    assert.match(result.message, /no changes\. .*\/main\/ lists the same models as the catalog in use \(Box developer docs \(main, eee1aa64\), 2026-02-16\)/);
    assert.deepEqual(await notifications(result.message), [result.message]);
  });

  it('updating from staging shows what changes; applied, Claude Opus 4.5 completes, hovers, and is no longer flagged', async () => {
    const doc = await opusDocument();
    await diagnosticsWhen(doc.uri, (d) => opusFinding(doc, d) !== undefined);
    const pending = updateFrom(docs.source('staging'));
    const [title, ...rows] = (await ui({ action: 'quickPick', choose: 'Apply', screenshot: `${process.env.BOX_AI_MODELS_SCREENSHOTS}/catalog-update.png` })).texts ?? [];
    assert.equal(title, "Box's model docs differ from the catalog in use (Box developer docs (main, eee1aa64), 2026-02-16): 1 new.");
    assert.ok(rows.some((r) => r.startsWith('+ aws__claude_4_5_opus (AWS Claude Opus 4.5): new')), rows.join('\n'));
    const result = await pending;
    assert.equal(result.outcome, 'applied', result.message);

    assert.deepEqual(await diagnosticsWhen(doc.uri, (d) => d.length === 0), []);
    const hover = await hoverText(doc, rangeOf(doc, OPUS).start.translate(0, 3));
    assert.match(hover, /AWS Claude Opus 4\.5/);
    assert.match(hover, /\| Max output tokens \| 64,000 tokens \|/);
    assert.match(hover, new RegExp(`Catalog: ${docs.source('staging').replace(/[.]/g, '\\.')}, ${TODAY}`));
    const { doc: typing, position } = await openMarked('json', '{"ai_agent": {"type": "ai_agent_ask", "basic_text": {"model": "|"}}}');
    const items = await completionsWhen(typing, position, (i) => modelLabels(i).includes(OPUS));
    assert.ok(modelLabels(items).includes(OPUS));
  });

  it('the models view groups the catalog in use by provider and filters; its row actions insert, copy and count against a model', async () => {
    const { doc, position } = await openMarked('json', '{"ai_agent": {"type": "ai_agent_ask", "basic_text": {"model": "|"}}}');
    await vscode.window.showTextDocument(doc, { selection: new vscode.Range(position, position) });
    await vscode.commands.executeCommand('boxAiModels.models.focus');
    const rows = (await ui({ action: 'viewRows', view: VIEW, expect: 'Anthropic 9' })).texts ?? [];
    assert.match(rows[0], new RegExp(`${VIEW}.*/staging/, ${TODAY}`));
    assert.ok(rows.includes('Anthropic 9'), rows.join('\n'));
    assert.ok(rows.includes(`${OPUS}, AWS Claude Opus 4.5: Premium · 200k in · 64k out · ≈ count ±3%`), rows.join('\n'));

    // (The list draws only the rows in sight: filter to see the retired group.)
    await vscode.commands.executeCommand('boxAiModels.models.filter', 'gecko');
    const retired = (await ui({ action: 'viewRows', view: VIEW, expect: 'Retired 3' })).texts ?? [];
    assert.deepEqual(retired.slice(1), ['message: Filter "gecko": 3 of 43 models', 'Retired 3 [collapsed]']);

    await vscode.commands.executeCommand('boxAiModels.models.filter', 'claude opus');
    const filtered = (await ui({ action: 'viewRows', view: VIEW, expect: 'Anthropic 2', screenshot: `${process.env.BOX_AI_MODELS_SCREENSHOTS}/models-view.png` })).texts ?? [];
    assert.deepEqual(filtered.slice(1), ['message: Filter "claude opus": 2 of 43 models', 'Anthropic 2', `${OPUS}, AWS Claude Opus 4.5: Premium · 200k in · 64k out · ≈ count ±3%`, 'aws__claude_4_opus, AWS Claude 4 Opus: Premium · 200k in · 32k out · ≈ count ±3%']);

    await ui({ action: 'viewRowAction', view: VIEW, row: OPUS, title: 'Insert at Cursor' });
    const deadline = Date.now() + 10_000;
    while (!doc.getText().includes(OPUS) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.equal(doc.getText(), `{"ai_agent": {"type": "ai_agent_ask", "basic_text": {"model": "${OPUS}"}}}`);

    await ui({ action: 'viewRowAction', view: VIEW, row: OPUS, title: 'Copy Model ID' });
    const copiedBy = Date.now() + 10_000;
    while ((await vscode.env.clipboard.readText()) !== OPUS && Date.now() < copiedBy) await new Promise((r) => setTimeout(r, 100));
    assert.equal(await vscode.env.clipboard.readText(), OPUS);

    await ui({ action: 'viewRowAction', view: VIEW, row: OPUS, title: 'Count Active File Against This Model' });
    await statusWhen((t) => t.includes('AWS Claude Opus 4.5'), 'the count against Claude Opus 4.5');
    await vscode.commands.executeCommand('boxAiModels.selectTokenModel', 'auto');
    await vscode.commands.executeCommand('boxAiModels.models.clearFilter');
  });

  it('a model that left Box\'s list is offered as retired, and declining keeps the catalog as it was', async () => {
    const pending = updateFrom(docs.source('main'));
    const picked = await ui({ action: 'quickPick', choose: 'Keep the catalog in use' });
    assert.match((picked.texts ?? []).join('\n'), new RegExp(`− ${OPUS} \\(AWS Claude Opus 4\\.5\\): no longer listed; kept as retired since ${TODAY}`));
    const result = await pending;
    assert.equal(result.outcome, 'declined');
    const doc = await opusDocument();
    const hover = await hoverText(doc, rangeOf(doc, OPUS).start.translate(0, 3));
    assert.match(hover, /Available/);
    assert.match(hover, /\/staging\//);
  });
});
