// The suites' outcome, gathered from a mocha run (Node's mocha or its browser build) and posted to the
// harness's driver. No Node imports: the web suites use it too.
import { callDriver, uiDriverAvailable } from './ui-protocol';

export interface SuiteResults {
  passed: number;
  failed: number;
  failures: { title: string; error: string; ms?: number }[];
  passes: { title: string; ms: number }[];
}

interface MochaTest {
  fullTitle(): string;
  duration?: number;
}

interface MochaLike {
  run(done: () => void): { on(event: 'pass', listener: (test: MochaTest) => void): unknown; on(event: 'fail', listener: (test: MochaTest, error: Error) => void): unknown };
}

/** Runs mocha and gathers its outcome; posts it to the driver, if there is one. Rejects when a test failed or none ran. */
export async function runAndReport(mocha: MochaLike): Promise<void> {
  const results: SuiteResults = { passed: 0, failed: 0, failures: [], passes: [] };
  await new Promise<void>((resolveRun) => {
    const runner = mocha.run(() => resolveRun());
    runner.on('pass', (test) => {
      results.passed++;
      results.passes.push({ title: test.fullTitle(), ms: test.duration ?? 0 });
    });
    runner.on('fail', (test, error) => {
      results.failed++;
      results.failures.push({ title: test.fullTitle(), error: error?.stack ?? String(error), ms: test.duration });
    });
  });
  if (uiDriverAvailable()) await callDriver('/results', results);
  if (results.failed > 0 || results.passed === 0) throw new Error(`${results.failed} integration test(s) failed, ${results.passed} passed`);
}
