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
import { activateExtension, closeAll, openUntitled, statusWhen, TOKEN_STATUS_ID } from './helpers';
import { referenceEngine } from '../unit/engines';
import { ui } from './ui-protocol';

const ROOT = resolve(__dirname, '..', '..', '..');
const MB = 1024 * 1024;
const RUNS = 3;

/** Milliseconds after the editor's tab showed. */
interface FirstCountRun {
  firstCountMs: number;
  firstProgressMs?: number;
  /** When VS Code reported the editor active to extensions. */
  reportedMs: number;
}

/**
 * About 3 MB of words that no measured file holds, each one new, twelve to a line. Counting it leaves
 * the counting threads' memory of pieces holding none of the measured text, so every run counts its
 * file as the engine's cold count does, not from pieces remembered from the run before.
 */
function unseenWords(): string {
  const words: string[] = [];
  for (let i = 0; i < 400_000; i++) {
    let word = '';
    for (let n = i + 26 ** 4; n > 0; n = Math.floor(n / 26)) word += String.fromCharCode(97 + (n % 26));
    words.push(i % 12 === 11 ? `${word}\n` : `${word} `);
  }
  return words.join('');
}

async function forgetPieces(words: string, tokens: string): Promise<void> {
  await vscode.window.showTextDocument(await openUntitled('plaintext', words));
  await statusWhen((t) => t.includes(`${tokens} / 1M tokens`), 'the count of unseen words', 5 * 60_000);
  await closeAll();
}

describe('benchmark: editor opened → first count', () => {
  const figures: { name: string; file: string; runs: FirstCountRun[] }[] = [];
  const words = unseenWords();
  const wordTokens = referenceEngine('o200k_base').count(words).toLocaleString('en-US');
  before(async () => {
    await activateExtension();
    await vscode.commands.executeCommand('boxAiModels.selectTokenModel', 'openai__gpt_5');
    // What VS Code does once for the first file of a language (its grammar, say) is not the count's time.
    for (const language of ['plaintext', 'javascript']) await vscode.window.showTextDocument(await openUntitled(language, 'const a = 1;\n'));
    await closeAll();
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
      const entry = { name, file: join(folder, `input-0.${extension}`), runs: [] as FirstCountRun[] };
      for (let run = 0; run < RUNS; run++) {
        // A new file each run, and no piece of it remembered: nothing of an earlier count is reused.
        await forgetPieces(words, wordTokens);
        const file = join(folder, `input-${run}.${extension}`);
        writeFileSync(file, text);
        if (run === 0) entry.file = file;
        // "Opened": when the file's editor tab shows in the workbench.
        await ui({ action: 'watchStatusbar', id: TOKEN_STATUS_ID, tab: basename(file) });
        // And when VS Code tells extensions that its editor is the active one: what the count waits for.
        let reported: number | undefined;
        const listening = vscode.window.onDidChangeActiveTextEditor((editor) => {
          if (editor?.document.uri.fsPath === file) reported ??= Date.now();
        });
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
        listening.dispose();
        assert.ok(reported, 'the editor was never reported active');
        entry.runs.push({ firstCountMs: count.at - opened.at, firstProgressMs: progress && progress.at - opened.at, reportedMs: reported - opened.at });
        await closeAll();
      }
      figures.push(entry);
    });
  }
});
