// The command line and the extension report the same findings for the same files: code, range, severity
// and message, each file opened in the real VS Code and checked by `box-ai-models check` beside it.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, closeAll, testingApi, until } from './helpers';

const ROOT = resolve(__dirname, '..', '..', '..');
const SEVERITY: Record<string, vscode.DiagnosticSeverity> = { error: vscode.DiagnosticSeverity.Error, warning: vscode.DiagnosticSeverity.Warning, information: vscode.DiagnosticSeverity.Information, hint: vscode.DiagnosticSeverity.Hint };
/** Fixture folders with findings of every kind: models, settings, requests; JSON, TS, Python, YAML, .http and Markdown. */
const FOLDERS = ['diagnostics', 'languages'];

interface CliMessage {
  ruleId: string;
  severity: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

describe('the command line and the extension agree', () => {
  before(async () => {
    await activateExtension();
  });
  after(closeAll);

  it('box-ai-models check reports exactly the diagnostics the extension shows for the same files', async () => {
    const workspace = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const run = spawnSync(process.execPath, [join(ROOT, 'cli', 'dist', 'main.js'), 'check', '--format', 'json', ...FOLDERS], { cwd: workspace, encoding: 'utf8', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
    assert.equal(run.status, 1, `errors among the findings: exit 1 (${run.stderr})`);
    const cli = JSON.parse(run.stdout) as { filePath: string; messages: CliMessage[] }[];
    assert.ok(cli.length >= 5, 'the folders hold the fixture files');
    assert.ok(cli.reduce((n, r) => n + r.messages.length, 0) >= 8, 'and they have findings to compare');
    const api = testingApi();
    for (const { filePath, messages } of cli) {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(join(workspace, filePath)));
      await until(() => api.checkedVersion(doc) === doc.version, `${filePath} was checked`);
      const editor = vscode.languages
        .getDiagnostics(doc.uri)
        .filter((d) => d.source === 'box-ai-models')
        .map((d) => [d.code, d.range.start.line + 1, d.range.start.character + 1, d.range.end.line + 1, d.range.end.character + 1, d.severity, d.message]);
      const fromCli = messages.map((m) => [m.ruleId, m.line, m.column, m.endLine, m.endColumn, SEVERITY[m.severity], m.message]);
      assert.deepEqual(fromCli, editor, filePath);
    }
  });
});
