// Diagnostics and quick fixes on model values, as VS Code reports and applies them.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, applyPreferredFix, closeAll, diagnosticsWhen, openUntitled, rangeOf, testingApi, until } from './helpers';

const SOURCE = 'box-ai-models';

function fixture(...path: string[]): vscode.Uri {
  return vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'diagnostics', ...path);
}

/** Applies the preferred fix and returns the fixed value: the text from the range's start to the next quote. */
async function fixedValue(doc: vscode.TextDocument, diagnostic: vscode.Diagnostic): Promise<string> {
  await applyPreferredFix(doc, diagnostic);
  return doc.getText(diagnostic.range.with({ end: diagnostic.range.start.translate(0, 200) })).split('"')[0];
}

describe('diagnostics in a real VS Code', () => {
  before(async () => {
    await activateExtension();
  });
  afterEach(closeAll);

  it('reports each problem in a JSON override with its range and code', async () => {
    const doc = await vscode.workspace.openTextDocument(fixture('overrides.json'));
    const found = await diagnosticsWhen(doc.uri, (d) => d.length >= 4);
    const byCode = new Map(found.map((d) => [d.code, d]));
    assert.deepEqual([...byCode.keys()].sort(), ['alias-model', 'chat-model-in-embedding-slot', 'retired-model', 'unknown-model']);
    assert.deepEqual(byCode.get('unknown-model')!.range, rangeOf(doc, 'aws__claude_3_7_sonet'));
    assert.equal(byCode.get('unknown-model')!.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(byCode.get('unknown-model')!.message, /Did you mean aws__claude_3_7_sonnet/);
    assert.deepEqual(byCode.get('retired-model')!.range, rangeOf(doc, 'google__gemini_1_5_flash_001'));
    assert.equal(byCode.get('retired-model')!.severity, vscode.DiagnosticSeverity.Warning);
    assert.deepEqual(byCode.get('alias-model')!.range, rangeOf(doc, 'azure__openai__gpt_4.1_mini'));
    assert.equal(byCode.get('alias-model')!.severity, vscode.DiagnosticSeverity.Information);
    assert.deepEqual(byCode.get('chat-model-in-embedding-slot')!.range, rangeOf(doc, 'aws__claude_3_haiku'));
  });

  it("with the bundled catalog, a model Box added since gets no error; a typo is a warning, a provider's own name an error", async () => {
    const doc = await openUntitled(
      'json',
      '{"ai_agent": {"type": "ai_agent_ask", "basic_text": {"model": "aws__claude_4_6_opus"}, "long_text": {"model": "claude-3-7-sonnet-20250219"}, "basic_text_multi": {"model": "aws__claude_3_7_sonet"}}}',
    );
    const found = await diagnosticsWhen(doc.uri, (d) => d.length >= 3);
    const at = (text: string) => found.find((d) => d.range.isEqual(rangeOf(doc, text)));
    assert.equal(at('aws__claude_4_6_opus')?.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(at('aws__claude_4_6_opus')!.message, /not in the model catalog \(Box developer docs \(box\/box-mintlify main, 9d553316\), 2026-01-30\)/);
    assert.deepEqual([at('claude-3-7-sonnet-20250219')?.code, at('claude-3-7-sonnet-20250219')?.severity], ['not-a-box-model-name', vscode.DiagnosticSeverity.Error]);
    assert.deepEqual([at('aws__claude_3_7_sonet')?.code, at('aws__claude_3_7_sonet')?.severity], ['unknown-model', vscode.DiagnosticSeverity.Warning]);
    assert.ok(!found.some((d) => d.severity === vscode.DiagnosticSeverity.Error && d.range.isEqual(rangeOf(doc, 'aws__claude_4_6_opus'))));
  });

  it('reports an embedding model in a chat slot of an SDK call', async () => {
    const doc = await vscode.workspace.openTextDocument(fixture('sdk-call.ts'));
    const found = await diagnosticsWhen(doc.uri, (d) => d.length > 0);
    assert.deepEqual(found.map((d) => [d.code, d.range]), [['embedding-model-in-chat-slot', rangeOf(doc, 'azure__openai__text_embedding_ada_002')]]);
  });

  it('each quick fix produces the expected text', async () => {
    const original = new TextDecoder().decode(await vscode.workspace.fs.readFile(fixture('overrides.json')));
    const doc = await openUntitled('json', original);
    const expected: Record<string, string> = {
      'unknown-model': 'aws__claude_3_7_sonnet',
      'retired-model': 'google__gemini_2_5_flash',
      'alias-model': 'azure__openai__gpt_4_1_mini',
      'chat-model-in-embedding-slot': 'azure__openai__text_embedding_ada_002',
    };
    for (const [code, replacement] of Object.entries(expected)) {
      const found = await diagnosticsWhen(doc.uri, (d) => d.some((x) => x.code === code));
      const diagnostic = found.find((d) => d.code === code)!;
      assert.ok(diagnostic, `no ${code}`);
      assert.equal(await fixedValue(doc, diagnostic), replacement, code);
      await diagnosticsWhen(doc.uri, (d) => !d.some((x) => x.code === code));
    }
    assert.deepEqual(await diagnosticsWhen(doc.uri, (d) => d.length === 0), [], 'all fixed');
  });

  it('updates while typing: a fixed value clears, a broken one appears', async () => {
    const doc = await openUntitled('json', '{"basic_text": {"model": "aws__claude_3_7_sonet"}}');
    const replace = async (from: string, to: string) => {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(doc.uri, rangeOf(doc, from), to);
      assert.ok(await vscode.workspace.applyEdit(edit));
    };
    assert.deepEqual((await diagnosticsWhen(doc.uri, (d) => d.length === 1)).map((d) => d.code), ['unknown-model']);
    await replace('sonet', 'sonnet');
    assert.deepEqual(await diagnosticsWhen(doc.uri, (d) => d.length === 0), []);
    await replace('sonnet', 'sonet');
    const found = await diagnosticsWhen(doc.uri, (d) => d.length === 1);
    assert.deepEqual(found.map((d) => [d.code, d.range]), [['unknown-model', rangeOf(doc, 'aws__claude_3_7_sonet')]]);
  });

  it('the severity setting changes or silences a check', async () => {
    const config = vscode.workspace.getConfiguration('boxAiModels');
    try {
      await config.update('diagnostics.severity', { 'retired-model': 'error', 'unknown-model': 'off' }, vscode.ConfigurationTarget.Workspace);
      const doc = await vscode.workspace.openTextDocument(fixture('overrides.json'));
      const found = await diagnosticsWhen(doc.uri, (d) => d.some((x) => x.code === 'retired-model' && x.severity === vscode.DiagnosticSeverity.Error));
      assert.equal(found.find((d) => d.code === 'retired-model')?.severity, vscode.DiagnosticSeverity.Error);
      assert.ok(!found.some((d) => d.code === 'unknown-model'));
    } finally {
      await config.update('diagnostics.severity', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('stays silent on files that use model keys outside Box overrides', async () => {
    const files = await vscode.workspace.fs.readDirectory(fixture('not-box'));
    assert.ok(files.length >= 5);
    const docs = await Promise.all(files.map(([name]) => vscode.workspace.openTextDocument(fixture('not-box', name))));
    // Judged once each document's current version has been checked: no diagnostics and not checked yet look alike.
    const api = testingApi();
    for (const doc of docs) await until(() => api.checkedVersion(doc) === doc.version, `${doc.uri.path} was checked`);
    for (const doc of docs) assert.deepEqual(vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === SOURCE), [], doc.uri.path);
  });
});
