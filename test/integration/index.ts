// Test entry that VS Code's extension host calls (extensionTestsPath): runs the mocha suites in this
// folder against the real `vscode` API. Used unchanged by the code-server harness and @vscode/test-electron.
// When BOX_AI_MODELS_RESULTS names a file, the outcome is written there for the driving script.
import Mocha from 'mocha';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SuiteResults {
  passed: number;
  failed: number;
  failures: { title: string; error: string; ms?: number }[];
  passes: { title: string; ms: number }[];
}

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 30_000, color: false, reporter: 'spec' });
  // BOX_AI_MODELS_SUITES: the suite files this session runs (comma-separated names); all when unset.
  const chosen = process.env.BOX_AI_MODELS_SUITES?.split(',').filter(Boolean);
  for (const file of readdirSync(__dirname).sort()) {
    if (file.endsWith('.test.js') && (!chosen || chosen.includes(file))) mocha.addFile(join(__dirname, file));
  }
  const grep = process.env.BOX_AI_MODELS_GREP;
  if (grep) mocha.grep(grep);

  const results: SuiteResults = { passed: 0, failed: 0, failures: [], passes: [] };
  await new Promise<void>((resolveRun) => {
    const runner = mocha.run(() => resolveRun());
    runner.on('pass', (test) => {
      results.passed++;
      results.passes.push({ title: test.fullTitle(), ms: test.duration ?? 0 });
    });
    runner.on('fail', (test, error: Error) => {
      results.failed++;
      results.failures.push({ title: test.fullTitle(), error: error?.stack ?? String(error), ms: test.duration });
    });
  });
  const out = process.env.BOX_AI_MODELS_RESULTS;
  if (out) writeFileSync(out, JSON.stringify(results, null, 2));
  if (results.failed > 0 || results.passed === 0) throw new Error(`${results.failed} integration test(s) failed, ${results.passed} passed`);
}
