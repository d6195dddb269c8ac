// Test entry that VS Code's Node extension host calls (extensionTestsPath): runs the mocha suites in this
// folder against the real `vscode` API. Used unchanged by the code-server harness and @vscode/test-electron.
// With the harness's driver (BOX_AI_MODELS_DRIVER), the outcome is posted to it (./report.ts).
import Mocha from 'mocha';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { repeatTests, runAndReport } from './report';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 30_000, color: false, reporter: 'spec' });
  // BOX_AI_MODELS_SUITES: the suite files this session runs (comma-separated names); all when unset.
  const chosen = process.env.BOX_AI_MODELS_SUITES?.split(',').filter(Boolean);
  for (const file of readdirSync(__dirname).sort()) {
    // Benchmarks (*.bench.js) run only when chosen by name (npm run bench:vscode).
    if ((file.endsWith('.test.js') && !chosen) || chosen?.includes(file)) mocha.addFile(join(__dirname, file));
  }
  const grep = process.env.BOX_AI_MODELS_GREP;
  if (grep) mocha.grep(grep);
  // Loaded here, not by run(), so that the tests can be repeated first (BOX_AI_MODELS_REPEAT).
  await mocha.loadFilesAsync();
  repeatTests(mocha.suite, Number(process.env.BOX_AI_MODELS_REPEAT) || 1);
  await runAndReport(mocha);
}
