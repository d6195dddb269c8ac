// Benchmark, not a test (npm run bench:vscode): how long after a file's editor opens its first token
// count shows in the status bar, in the real VS Code: generated text of 1 MB and 19 MB, TypeScript's
// 1.9 MB lib.dom.d.ts opened as text, and VS Code's own 19 MB workbench.js. Writes the figures
// to test-results/first-count.json; the runner prints them beside the engine's own cold count.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import * as vscode from 'vscode';
import { mixedCorpus } from '../../bench/corpus';
import { activateExtension, closeAll, statusWhen, TOKEN_STATUS_ID } from './helpers';
import { ui } from './ui-protocol';

const ROOT = resolve(__dirname, '..', '..', '..');
const MB = 1024 * 1024;
const RUNS = 3;

describe('benchmark: editor opened → first count', () => {
  const figures: { name: string; file: string; runs: { firstProgressMs?: number; firstCountMs: number }[] }[] = [];
  before(async () => {
    await activateExtension();
    await vscode.commands.executeCommand('boxAiModels.selectTokenModel', 'openai__gpt_5');
  });
  after(async () => {
    await vscode.commands.executeCommand('boxAiModels.selectTokenModel', 'auto');
    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    writeFileSync(join(ROOT, 'test-results', 'first-count.json'), JSON.stringify(figures, null, 2));
  });

  const cases: [name: string, extension: string, text: () => string][] = [
    ['generated text, 1 MB', 'txt', () => mixedCorpus(MB)],
    ["TypeScript's lib.dom.d.ts (1.9 MB), as text", 'txt', () => readFileSync(join(ROOT, 'node_modules', 'typescript', 'lib', 'lib.dom.d.ts'), 'utf8')],
    ['generated text, 19 MB', 'txt', () => mixedCorpus(19 * MB)],
    ["VS Code's workbench.js (19 MB)", 'js', () => readFileSync(join(ROOT, '.vscode-test', 'server', 'node_modules', 'code-server', 'lib', 'vscode', 'out', 'vs', 'code', 'browser', 'workbench', 'workbench.js'), 'utf8')],
  ];
  for (const [name, extension, source] of cases) {
    it(name, async function () {
      this.timeout(10 * 60_000);
      const folder = mkdtempSync(join(tmpdir(), 'box-ai-models-bench-'));
      const text = source();
      const entry = { name, file: join(folder, `input-0.${extension}`), runs: [] as { firstProgressMs?: number; firstCountMs: number }[] };
      for (let run = 0; run < RUNS; run++) {
        // A new file each run: nothing of an earlier count is reused.
        const file = join(folder, `input-${run}.${extension}`);
        writeFileSync(file, text);
        if (run === 0) entry.file = file;
        // "Opened": when the file's editor tab shows in the workbench.
        await ui({ action: 'watchStatusbar', id: TOKEN_STATUS_ID, tab: basename(file) });
        await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
        await statusWhen((t) => / \/ 1M tokens/.test(t), 'the count', 5 * 60_000);
        let seen = (await ui({ action: 'statusbarHistory' })).timed ?? [];
        for (let i = 0; i < 50 && !seen.some((s) => s.text === 'tab opened'); i++) {
          await new Promise((r) => setTimeout(r, 100));
          seen = (await ui({ action: 'statusbarHistory' })).timed ?? [];
        }
        const opened = seen.find((s) => s.text === 'tab opened');
        assert.ok(opened, 'the editor tab never showed');
        // The first count after the tab showed (an earlier one is the previous file's).
        const after = seen.slice(seen.indexOf(opened));
        const count = after.find((s) => / \/ 1M tokens/.test(s.text));
        assert.ok(count, 'the count was never recorded after the tab showed');
        const progress = after.slice(0, after.indexOf(count)).find((s) => /Counting tokens/.test(s.text));
        entry.runs.push({ firstCountMs: count.at - opened.at, firstProgressMs: progress && progress.at - opened.at });
        await closeAll();
      }
      figures.push(entry);
    });
  }
});
