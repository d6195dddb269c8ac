// `Box AI: Update Model Catalog` against a local server that serves Box's model docs (the Mintlify
// snapshot, a newer copy of it with one more model, the site's Markdown exports, the old frozen
// repository, and the ways a source goes wrong), the workspace catalog quick fix, the models view and
// the token counter's picker. This session ends with the newer copy applied: the next session
// (catalog-restart.test.ts) starts from it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { UpdateOutcome } from '../../src/features/catalog-update';
import { STALE_CATALOG_DAYS } from '../../src/core/check/model-checks';
import { closedPort } from './closed-port';
import { ADDED_MODEL } from './docs-server';
import { activateExtension, BUNDLED_CATALOG, closeAll, completionsWhen, diagnosticsWhen, escapeRegExp, hoverText, modelLabels, openMarked, openUntitled, rangeOf, statusWhen } from './helpers';
import { driverUrl, ui } from './ui-protocol';

const NEW = ADDED_MODEL.id;
const BUNDLED = new RegExp(escapeRegExp(BUNDLED_CATALOG));
const VIEW = 'Box AI Models';
const TODAY = new Date().toISOString().slice(0, 10);
const UPDATE = "Update the model catalog from Box's docs…";

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

/** An override naming the model only the newer copy of Box's docs lists. */
async function newModelDocument(): Promise<vscode.TextDocument> {
  return openUntitled('json', `{"ai_agent": {"type": "ai_agent_ask", "basic_text": {"model": "${NEW}"}}}`);
}

/** Box's model docs as the driver serves them: a snapshot (`mintlify`, `newer`, `main`) or a way of failing. */
const docs = { source: (root: string) => `${driverUrl()}/docs/${root}/` };

function newModelFinding(doc: vscode.TextDocument, found: vscode.Diagnostic[]): vscode.Diagnostic | undefined {
  return found.find((d) => d.range.isEqual(rangeOf(doc, NEW)));
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

  it('with the bundled catalog, an id Box added since is a warning that says so, with the catalog actions (the update first once the catalog is over a month old)', async () => {
    const doc = await newModelDocument();
    const found = newModelFinding(doc, await diagnosticsWhen(doc.uri, (d) => newModelFinding(doc, d) !== undefined));
    assert.ok(found, 'no diagnostic on the new id');
    assert.equal(found.code, 'unknown-model');
    assert.equal(found.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(found.message, BUNDLED);
    assert.match(found.message, /named like Box's aws__claude_… models: Box may have added it after 2026-01-30/);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, found.range, vscode.CodeActionKind.QuickFix.value);
    const titles = (actions ?? []).map((a) => a.title);
    assert.ok(titles.includes(UPDATE), titles.join(', '));
    assert.ok(titles.includes(`Add ${NEW} to the workspace model catalog`), titles.join(', '));
    // The bundled catalog's age decides which comes first, as the check's rule says.
    const stale = Date.now() - Date.parse('2026-01-30T00:00:00Z') > STALE_CATALOG_DAYS * 24 * 3600_000;
    if (stale) assert.equal(titles[0], UPDATE, titles.join(', '));
    else assert.notEqual(titles[0], UPDATE, titles.join(', '));
    const hover = await hoverText(doc, rangeOf(doc, NEW).start.translate(0, 3));
    assert.match(hover, /named like Box's `aws__claude_…` models: Box may have added it after 2026-01-30\. \[Update the model catalog\]\(command:boxAiModels\.updateCatalog/);
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
    const doc = await newModelDocument();
    await diagnosticsWhen(doc.uri, (d) => newModelFinding(doc, d) !== undefined);
    await config().update('catalog.timeoutSeconds', 2, vscode.ConfigurationTarget.Global);
    const failures: [string, string, RegExp][] = [
      ['offline', `http://127.0.0.1:${await closedPort()}/docs/`, /could not be read: cannot reach 127\.0\.0\.1:\d+ \(ECONNREFUSED\)\. Check the connection, or VS Code's proxy settings/],
      ['an HTTP error', docs.source('error'), /index\.mdx answered HTTP 503/],
      ['a web page instead of Markdown', docs.source('html'), /index\.mdx is a web page, not Markdown/],
      ['a page with no cards', docs.source('layout'), /index\.mdx lists no models \(no <CustomCard> or <Tile> entries\): the layout of Box's docs may have changed/],
      ['a card without its table', docs.source('malformed'), /A model card at .* could not be read \(aws-claude-3-haiku-model-card\.mdx: no "API model name" row/],
      ['broken MDX', docs.source('broken'), /index\.mdx could not be read: the <CustomCard> at line \d+ is never closed/],
      ['no answer', docs.source('silent'), /did not answer within 2 s/],
      ['the frozen old repository', docs.source('main'), /lists 31 models, the newest GPT-5\.2 \(released 2025-12-11\): 2 fewer than the catalog in use .* It looks like an older copy of Box's docs/],
    ];
    for (const [what, source, expected] of failures) {
      await vscode.commands.executeCommand('notifications.clearAll');
      const result = await updateFrom(source);
      assert.equal(result.outcome, 'failed', what);
      assert.match(result.message, expected, what);
      assert.match(result.message, /The catalog in use is unchanged\.$/, what);
      assert.deepEqual(await notifications(result.message), [result.message], `${what}: one message, the outcome's`);
      const found = newModelFinding(doc, vscode.languages.getDiagnostics(doc.uri));
      assert.equal(found?.code, 'unknown-model', `${what}: the catalog in use changed`);
      assert.match(found.message, BUNDLED, what);
    }
  });

  it("updating from the source the bundled catalog came from changes nothing, and says what it read", async () => {
    await vscode.commands.executeCommand('notifications.clearAll');
    const result = await updateFrom(docs.source('mintlify'));
    assert.equal(result.outcome, 'unchanged', result.message);
    assert.match(result.message, new RegExp(`no changes\\. .*/mintlify/ lists 33 models, the newest Google Gemini 3 Flash \\(released 2025-12-17\\): the same models as the catalog in use \\(${escapeRegExp(BUNDLED_CATALOG)}\\)`));
    assert.deepEqual(await notifications(result.message), [result.message]);
  });

  it("the site's Markdown export of a newer page is read like the source: the new model, and nothing else", async () => {
    const pending = updateFrom(`${driverUrl()}/docs/export/ai-models.md`);
    const [title, ...rows] = (await ui({ action: 'quickPick', choose: 'Keep the catalog in use' })).texts ?? [];
    assert.equal(title, `Box's model docs differ from the catalog in use (${BUNDLED_CATALOG}): 1 new.`);
    assert.ok(rows.some((r) => r.startsWith(`+ ${NEW} (${ADDED_MODEL.name}): new`)), rows.join('\n'));
    assert.equal((await pending).outcome, 'declined');
  });

  it('updating from a newer copy shows what changes; applied, the new model completes, hovers with its facts, and is no longer flagged', async () => {
    const doc = await newModelDocument();
    await diagnosticsWhen(doc.uri, (d) => newModelFinding(doc, d) !== undefined);
    const pending = updateFrom(docs.source('newer'));
    const [title, ...rows] = (await ui({ action: 'quickPick', choose: 'Apply', screenshot: `${process.env.BOX_AI_MODELS_SCREENSHOTS}/catalog-update.png` })).texts ?? [];
    assert.equal(title, `Box's model docs differ from the catalog in use (${BUNDLED_CATALOG}): 1 new.`);
    assert.ok(rows.some((r) => r.startsWith(`+ ${NEW} (${ADDED_MODEL.name}): new`)), rows.join('\n'));
    const result = await pending;
    assert.equal(result.outcome, 'applied', result.message);
    assert.match(result.message, /1 new\. It lists 34 models, the newest Google Gemini 3 Flash \(released 2025-12-17\)\.$/);

    assert.deepEqual(await diagnosticsWhen(doc.uri, (d) => d.length === 0), []);
    const hover = await hoverText(doc, rangeOf(doc, NEW).start.translate(0, 3));
    assert.match(hover, new RegExp(escapeRegExp(ADDED_MODEL.name)));
    assert.match(hover, /\| Input context window \| 300,000 tokens \|/);
    assert.match(hover, /\| Max output tokens \| 48,000 tokens \|/);
    assert.match(hover, /\| Released \| 2025-06-02 \|/);
    assert.match(hover, new RegExp(`Catalog: ${escapeRegExp(docs.source('newer'))}, ${TODAY}`));
    const { doc: typing, position } = await openMarked('json', '{"ai_agent": {"type": "ai_agent_ask", "basic_text": {"model": "|"}}}');
    const items = await completionsWhen(typing, position, (i) => modelLabels(i).includes(NEW));
    assert.ok(modelLabels(items).includes(NEW));
  });

  it("the models view and the token counter's picker show the new model; the view's row actions insert, copy and count against it", async () => {
    const { doc, position } = await openMarked('json', '{"ai_agent": {"type": "ai_agent_ask", "basic_text": {"model": "|"}}}');
    await vscode.window.showTextDocument(doc, { selection: new vscode.Range(position, position) });
    await vscode.commands.executeCommand('boxAiModels.models.focus');
    const rows = (await ui({ action: 'viewRows', view: VIEW, expect: 'Anthropic 10' })).texts ?? [];
    assert.match(rows[0], new RegExp(`${VIEW}.*/newer/, ${TODAY}`));
    assert.ok(rows.includes('Anthropic 10'), rows.join('\n'));

    // (The list draws only the rows in sight: filter to see the retired group.)
    await vscode.commands.executeCommand('boxAiModels.models.filter', 'gecko');
    const retired = (await ui({ action: 'viewRows', view: VIEW, expect: 'Retired 3' })).texts ?? [];
    assert.deepEqual(retired.slice(1), ['message: Filter "gecko": 3 of 45 models', 'Retired 3 [collapsed]']);

    await vscode.commands.executeCommand('boxAiModels.models.filter', 'claude opus');
    const opus = (await ui({ action: 'viewRows', view: VIEW, expect: 'Anthropic 2', screenshot: `${process.env.BOX_AI_MODELS_SCREENSHOTS}/models-view.png` })).texts ?? [];
    assert.deepEqual(opus.slice(1), ['message: Filter "claude opus": 2 of 45 models', 'Anthropic 2', 'aws__claude_4_opus, AWS Claude 4 Opus: Premium · 200k in · 32k out · ≈ count ±3%', 'aws__claude_4_5_opus, AWS Claude Opus 4.5: Premium · Beta · 200k in · 64k out · ≈ count ±3%']);

    await vscode.commands.executeCommand('boxAiModels.models.filter', 'claude test');
    const added = `${NEW}, ${ADDED_MODEL.name}: Premium · 300k in · 48k out · ≈ count ±3%`;
    const filtered = (await ui({ action: 'viewRows', view: VIEW, expect: added })).texts ?? [];
    assert.deepEqual(filtered.slice(1), ['message: Filter "claude test": 1 of 45 models', 'Anthropic 1', added]);

    await ui({ action: 'viewRowAction', view: VIEW, row: NEW, title: 'Insert at Cursor' });
    const deadline = Date.now() + 10_000;
    while (!doc.getText().includes(NEW) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.equal(doc.getText(), `{"ai_agent": {"type": "ai_agent_ask", "basic_text": {"model": "${NEW}"}}}`);

    await ui({ action: 'viewRowAction', view: VIEW, row: NEW, title: 'Copy Model ID' });
    const copiedBy = Date.now() + 10_000;
    while ((await vscode.env.clipboard.readText()) !== NEW && Date.now() < copiedBy) await new Promise((r) => setTimeout(r, 100));
    assert.equal(await vscode.env.clipboard.readText(), NEW);

    await ui({ action: 'viewRowAction', view: VIEW, row: NEW, title: 'Count Active File Against This Model' });
    await statusWhen((t) => t.includes(ADDED_MODEL.name), `the count against ${ADDED_MODEL.name}`);
    await vscode.commands.executeCommand('boxAiModels.selectTokenModel', 'auto');
    await vscode.commands.executeCommand('boxAiModels.models.clearFilter');

    // The token counter's own picker lists it too, and counts against its window (an estimate, as for every Claude model).
    const picking = vscode.commands.executeCommand('boxAiModels.selectTokenModel');
    const [pickTitle, ...picks] = (await ui({ action: 'quickPick', choose: ADDED_MODEL.name, filter: 'claude test' })).texts ?? [];
    assert.equal(pickTitle, 'Count tokens against');
    assert.ok(picks.some((r) => r.includes(ADDED_MODEL.name) && r.includes(NEW)), picks.join('\n'));
    await picking;
    const { text } = await statusWhen((t) => t.endsWith(ADDED_MODEL.name), `the count against ${ADDED_MODEL.name}`);
    assert.match(text, /^≈[\d,]+ ±3% \/ 300k tokens · /);
    await vscode.commands.executeCommand('boxAiModels.selectTokenModel', 'auto');
  });

  it("a model that left Box's list is offered as retired, and declining keeps the catalog as it was", async () => {
    const pending = updateFrom(docs.source('mintlify'));
    const picked = await ui({ action: 'quickPick', choose: 'Keep the catalog in use' });
    assert.match((picked.texts ?? []).join('\n'), new RegExp(`− ${NEW} \\(${escapeRegExp(ADDED_MODEL.name)}\\): no longer listed; kept as retired since ${TODAY}`));
    const result = await pending;
    assert.equal(result.outcome, 'declined');
    const doc = await newModelDocument();
    const hover = await hoverText(doc, rangeOf(doc, NEW).start.translate(0, 3));
    assert.match(hover, /Available/);
    assert.match(hover, /\/newer\//);
  });
});
