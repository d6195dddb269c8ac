// The ai_agent JSON Schema as VS Code's own JSON service applies it: to *.ai-agent.json files through
// the extension's jsonValidation contribution, and to any JSON file that names it in `$schema`.
import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, closeAll, completionsWhen, diagnosticsWhen, EXTENSION_ID, labelOf } from './helpers';

/** Problems from VS Code's JSON service. */
const jsonProblems = (uri: vscode.Uri, ready: (d: vscode.Diagnostic[]) => boolean) => diagnosticsWhen(uri, ready, (source) => source === 'json' || source === undefined);

describe('ai_agent JSON schema in a real VS Code', () => {
  before(async () => {
    await activateExtension();
  });
  afterEach(closeAll);

  it('*.ai-agent.json files are validated against it', async () => {
    const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'schema', 'broken.ai-agent.json');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const found = await jsonProblems(uri, (d) => d.length >= 2);
    const lines = found.map((d) => d.range.start.line).sort();
    assert.ok(lines.includes(4), `chunk size on line 5: ${found.map((d) => `${d.range.start.line}: ${d.message}`).join(' | ')}`);
    assert.ok(lines.includes(5), `prompt template on line 6: ${found.map((d) => `${d.range.start.line}: ${d.message}`).join(' | ')}`);
  });

  it('a JSON file naming the schema in $schema gets key completions and validation', async () => {
    const schemaUri = vscode.Uri.joinPath(vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri, 'data', 'ai-agent.schema.json');
    const text = `{\n  "$schema": "${schemaUri.toString()}",\n  "type": "ai_agent_text_gen",\n  "basic_gen": {\n    \n  }\n}\n`;
    const file = join(mkdtempSync(join(tmpdir(), 'box-ai-models-')), 'override.json');
    writeFileSync(file, text);
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc);
    const keys = (await completionsWhen(doc, new vscode.Position(4, 4), (items) => items.some((i) => labelOf(i) === 'content_template'))).map(labelOf);
    for (const key of ['model', 'prompt_template', 'content_template', 'llm_endpoint_params', 'num_tokens_for_completion']) assert.ok(keys.includes(key), `${key} not offered: ${keys.join(', ')}`);

    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(4, 4), '"num_tokens_for_completion": 0');
    await vscode.workspace.applyEdit(edit);
    const found = await jsonProblems(doc.uri, (d) => d.some((x) => x.range.start.line === 4));
    assert.ok(found.some((d) => d.range.start.line === 4), `no problem for 0 completion tokens: ${found.map((d) => d.message).join(' | ')}`);
  });
});
