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
  title: string;
  fullTitle(): string;
  duration?: number;
  clone(): MochaTest;
}

interface MochaSuite {
  tests: MochaTest[];
  suites: MochaSuite[];
}

interface MochaLike {
  run(done: () => void): { on(event: 'pass', listener: (test: MochaTest) => void): unknown; on(event: 'fail', listener: (test: MochaTest, error: Error) => void): unknown };
}

/**
 * Runs each test of `suite` (and of the suites in it) `times` times in a row, the runs numbered in
 * their titles: the harness's BOX_AI_MODELS_REPEAT, with BOX_AI_MODELS_GREP choosing the test, shows
 * whether a test is stable. A grep still matches the copies, as it matches the test's own title.
 */
export function repeatTests(suite: MochaSuite, times: number): void {
  for (const child of suite.suites) repeatTests(child, times);
  if (times <= 1) return;
  suite.tests = suite.tests.flatMap((test) => [
    test,
    ...Array.from({ length: times - 1 }, (_, i) => Object.assign(test.clone(), { title: `${test.title} (run ${i + 2} of ${times})` })),
  ]);
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
