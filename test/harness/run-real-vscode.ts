// Runs the integration suites inside a real VS Code: starts its server, opens the workbench in
// headless Chromium, lets the extension host run test/integration, and serves the UI-level requests
// the suites make (typing, reading the suggest widget and hovers from the DOM). Prints the outcome;
// exits non-zero when a test failed or none ran.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SuiteResults } from '../integration/index';
import { builtinsWithCode, CHROMIUM, CHROMIUM_ARGS, ensureVsCode, ROOT, startServer, workbenchUrl } from './real-vscode';
import { serveUiRequests } from './ui-driver';

/**
 * A VS Code session the suites run in. The built-in extensions that run code are off, except those
 * a suite tests the extension together with: a test then times the extension's providers, not VS Code's
 * (its JSON server takes seconds to answer on a 20 MB document, its TypeScript server to start).
 */
interface Session {
  name: string;
  suites: (file: string) => boolean;
  keepBuiltins: string[];
  /** Runs against the packaged .vsix, installed, instead of the source tree. */
  installed?: true;
}

const INSTALLED_SUITE = 'installed.test.js';
const SESSIONS: Session[] = [
  { name: 'the extension with the declarative built-ins', suites: (file) => file !== 'schema.test.js' && file !== INSTALLED_SUITE, keepBuiltins: [] },
  { name: "with VS Code's JSON language features", suites: (file) => file === 'schema.test.js', keepBuiltins: ['vscode.json-language-features'] },
  { name: 'the packaged .vsix, installed', suites: (file) => file === INSTALLED_SUITE, keepBuiltins: [], installed: true },
];

export async function runRealVsCodeSuites(): Promise<SuiteResults> {
  ensureVsCode();
  const runDir = join(ROOT, 'test-results');
  rmSync(runDir, { recursive: true, force: true });
  mkdirSync(runDir, { recursive: true });
  const testsDir = join(ROOT, 'out', 'test', 'integration');
  const files = readdirSync(testsDir).filter((f) => f.endsWith('.test.js'));
  const total: SuiteResults = { passed: 0, failed: 0, failures: [], passes: [] };
  for (const [index, session] of SESSIONS.entries()) {
    const suites = files.filter(session.suites);
    if (suites.length === 0) continue;
    console.log(`[harness] session ${index + 1}: ${session.name} (${suites.join(', ')})`);
    const sessionDir = join(runDir, `session-${index + 1}`);
    mkdirSync(sessionDir, { recursive: true });
    const vsix = session.installed ? packageVsix(sessionDir) : undefined;
    const results = await runSession(sessionDir, suites, builtinsWithCode(session.keepBuiltins), vsix);
    total.passed += results.passed;
    total.failed += results.failed;
    total.passes.push(...results.passes);
    total.failures.push(...results.failures);
  }
  return total;
}

/**
 * VS Code runs a test entry in the extension host of the development extension that contains it. For
 * an installed copy, the compiled tests become that extension: a manifest with no code of its own.
 */
function testCarrier(): string {
  const folder = join(ROOT, 'out', 'test');
  const manifest = { name: 'box-ai-models-tests', publisher: 'box-ai-models', version: '0.0.0', engines: { vscode: '^1.85.0' }, extensionKind: ['workspace'] };
  writeFileSync(join(folder, 'package.json'), JSON.stringify(manifest, null, 2));
  return folder;
}

/** Builds the production bundles and packages them as users get them (`npm run package`). */
function packageVsix(dir: string): string {
  const vsix = join(dir, 'box-ai-models.vsix');
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--production'], { cwd: ROOT, stdio: 'inherit' });
  execFileSync(join(ROOT, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--out', vsix], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  return vsix;
}

async function runSession(runDir: string, suites: string[], skipBuiltins: string[], vsix?: string): Promise<SuiteResults> {
  const resultsFile = join(runDir, 'integration.json');
  const uiDir = join(runDir, 'ui');
  mkdirSync(uiDir);
  const env = { BOX_AI_MODELS_RESULTS: resultsFile, BOX_AI_MODELS_UI_DIR: uiDir, BOX_AI_MODELS_SUITES: suites.join(','), BOX_AI_MODELS_GREP: process.env.BOX_AI_MODELS_GREP ?? '' };
  const server = await startServer({ env: { ...env, ...(vsix ? { BOX_AI_MODELS_SOURCE_TREE: ROOT } : {}) }, skipBuiltins, vsix });
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  const consoleLines: string[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('console', (m) => consoleLines.push(`[${m.type()}] ${m.text()}`));
    const folder = join(ROOT, 'test', 'fixtures', 'workspace');
    await page.goto(workbenchUrl(server.port, folder, vsix ? testCarrier() : ROOT, join(ROOT, 'out', 'test', 'integration', 'index.js')));
    const deadline = Date.now() + 15 * 60_000;
    let stopUi = false;
    const ui = serveUiRequests(page, uiDir, () => stopUi);
    while (!existsSync(resultsFile)) {
      if (Date.now() > deadline) throw new Error('integration suites did not finish within 15 minutes');
      if (server.process.exitCode !== null) throw new Error(`VS Code server exited early:\n${server.log()}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    stopUi = true;
    await ui;
    await new Promise((r) => setTimeout(r, 200)); // let the file be written completely
    const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as SuiteResults;
    if (results.failed > 0) {
      // Keep VS Code's logs (the extension's output channel among them) for the failure's post-mortem.
      cpSync(server.dataDir, join(runDir, 'vscode-data'), { recursive: true, filter: (src) => !src.includes(`${join(server.dataDir, 'ext')}`) });
      console.error(`[harness] VS Code's data and logs saved in ${join(runDir, 'vscode-data')}`);
    }
    return results;
  } catch (error) {
    writeFileSync(join(runDir, 'server.log'), server.log());
    writeFileSync(join(runDir, 'browser-console.log'), consoleLines.join('\n'));
    console.error(`[harness] logs saved in ${runDir}`);
    throw error;
  } finally {
    await browser.close();
    server.stop();
    rmSync(server.dataDir, { recursive: true, force: true });
  }
}

export function printSuiteResults(name: string, results: SuiteResults): void {
  // Durations show how close a test runs to its timeout on a loaded machine.
  for (const { title, ms } of results.passes) console.log(`  ✔ ${title} (${ms} ms)`);
  for (const failure of results.failures) console.log(`  ✘ ${failure.title}\n${failure.error.replace(/^/gm, '      ')}`);
  console.log(`${name}: ${results.passed} passed, ${results.failed} failed`);
}

if (require.main === module) {
  runRealVsCodeSuites()
    .then((results) => {
      printSuiteResults('real VS Code', results);
      console.log(`${results.passed} passed, ${results.failed} failed`);
      process.exitCode = results.failed > 0 || results.passed === 0 ? 1 : 0;
    })
    .catch((error) => {
      console.error(error);
      process.exitCode = 1;
    });
}
