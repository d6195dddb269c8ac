// `npm test`: unit tests under Node, then the integration suites in a real VS Code. Prints each
// tier's counts and a final "N passed, N failed" line; exits non-zero if anything failed or nothing ran.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { printSuiteResults, runRealVsCodeSuites } from './run-real-vscode';
import { ROOT } from './real-vscode';

function runUnitTests(): { passed: number; failed: number } {
  const result = spawnSync(process.execPath, ['--test', '--test-reporter=spec', join(ROOT, 'out', 'test', 'unit')], { cwd: ROOT, encoding: 'utf8' });
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  const count = (name: string) => Number(new RegExp(`ℹ ${name} (\\d+)`).exec(result.stdout)?.[1] ?? 0);
  const passed = count('pass');
  const failed = count('fail') + (result.status !== 0 && count('fail') === 0 ? 1 : 0);
  return { passed, failed };
}

async function main(): Promise<number> {
  console.log('== unit tests (Node)');
  const unit = runUnitTests();
  console.log(`unit: ${unit.passed} passed, ${unit.failed} failed`);
  console.log('\n== integration tests (real VS Code from code-server, headless Chromium)');
  let integration = { passed: 0, failed: 1 };
  try {
    const results = await runRealVsCodeSuites();
    printSuiteResults('integration', results);
    integration = results;
  } catch (error) {
    console.error(error);
    console.log('integration: 0 passed, 1 failed (the harness itself failed)');
  }
  const passed = unit.passed + integration.passed;
  const failed = unit.failed + integration.failed;
  console.log(`\nunit ${unit.passed}/${unit.passed + unit.failed}, integration ${integration.passed}/${integration.passed + integration.failed}`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 || unit.passed === 0 || integration.passed === 0 ? 1 : 0;
}

main().then((code) => (process.exitCode = code));
