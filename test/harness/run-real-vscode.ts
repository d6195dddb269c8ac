// Runs the integration suites inside a real VS Code, session by session (see SESSIONS): starts its
// server, opens the workbench in headless Chromium, lets the extension host run the suites, and
// answers their requests through the driver (UI actions on the workbench DOM, reference counts,
// results). Prints the outcome; exits non-zero when a test failed or none ran.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SuiteResults } from '../integration/report';
import { builtinsWithCode, CHROMIUM, CHROMIUM_ARGS, ensureVsCode, ROOT, startServer, workbenchUrl } from './real-vscode';
import { startDriver } from './driver';

/**
 * A VS Code session the suites run in. The built-in extensions that run code are off, except those
 * a suite tests the extension together with: a test then times the extension's providers, not VS Code's
 * (its JSON server takes seconds to answer on a 20 MB document, its TypeScript server to start).
 */
export interface Session {
  name: string;
  /**
   * The extension under test: the source tree, the packaged .vsix installed, or a web-only copy; or none
   * at all (`absent`: the same VS Code and suites without it, which a memory benchmark compares with).
   */
  extension: 'source' | 'installed' | 'web' | 'absent';
  /** For `installed`: a .vsix packaged already, installed instead of packaging one for the session. */
  vsix?: string;
  /** The Node suites (files in out/test/integration) it runs; the web session runs out/test/web. */
  suites: (file: string) => boolean;
  keepBuiltins: string[];
  /** Starts with the server data of the session of this name, as VS Code does after a restart. */
  restartOf?: string;
}

/** Suites that need a session of their own. */
const OWN_SESSION = ['schema.test.js', 'installed.test.js', 'catalog-update.test.js', 'catalog-restart.test.js'];
const SESSIONS: Session[] = [
  { name: 'the extension with the declarative built-ins', extension: 'source', suites: (file) => !OWN_SESSION.includes(file), keepBuiltins: [] },
  { name: "with VS Code's JSON language features", extension: 'source', suites: (file) => file === 'schema.test.js', keepBuiltins: ['vscode.json-language-features'] },
  { name: 'the packaged .vsix, installed', extension: 'installed', suites: (file) => file === 'installed.test.js', keepBuiltins: [] },
  { name: "in the browser's extension host (VS Code for the Web)", extension: 'web', suites: () => false, keepBuiltins: ['vscode.json-language-features'] },
  { name: "catalog updates from Box's docs (served on 127.0.0.1)", extension: 'source', suites: (file) => file === 'catalog-update.test.js', keepBuiltins: [] },
  { name: 'after a restart', extension: 'source', suites: (file) => file === 'catalog-restart.test.js', keepBuiltins: [], restartOf: "catalog updates from Box's docs (served on 127.0.0.1)" },
];

const TESTS = join(ROOT, 'out', 'test');
/** BOX_AI_MODELS_GREP runs only the tests whose full title matches; BOX_AI_MODELS_REPEAT=N runs each of them N times in a row. */
const grep = process.env.BOX_AI_MODELS_GREP ?? '';
const repeat = Math.max(1, Number(process.env.BOX_AI_MODELS_REPEAT) || 1);

export async function runRealVsCodeSuites(): Promise<SuiteResults> {
  ensureVsCode();
  const runDir = join(ROOT, 'test-results');
  rmSync(runDir, { recursive: true, force: true });
  mkdirSync(runDir, { recursive: true });
  const files = readdirSync(join(TESTS, 'integration')).filter((f) => f.endsWith('.test.js'));
  const total: SuiteResults = { passed: 0, failed: 0, failures: [], passes: [] };
  /** Server data of sessions that a later session restarts, by session name. */
  const kept = new Map<string, string>();
  // BOX_AI_MODELS_SESSIONS=1,4 runs only those sessions.
  const chosen = process.env.BOX_AI_MODELS_SESSIONS?.split(',');
  for (const [index, session] of SESSIONS.entries()) {
    const suites = files.filter(session.suites);
    if ((chosen && !chosen.includes(String(index + 1))) || (session.extension !== 'web' && suites.length === 0)) continue;
    console.log(`[harness] session ${index + 1}: ${session.name}${suites.length ? ` (${suites.join(', ')})` : ''}`);
    const sessionDir = join(runDir, `session-${index + 1}`);
    mkdirSync(sessionDir, { recursive: true });
    const restartsLater = SESSIONS.some((later) => later.restartOf === session.name);
    if (session.restartOf && !kept.has(session.restartOf)) throw new Error(`session "${session.name}" restarts "${session.restartOf}", which did not run`);
    const results = await runSession(session, sessionDir, suites, session.restartOf ? kept.get(session.restartOf) : undefined, restartsLater ? (dir) => kept.set(session.name, dir) : undefined);
    total.passed += results.passed;
    total.failed += results.failed;
    total.passes.push(...results.passes);
    total.failures.push(...results.failures);
  }
  for (const dir of kept.values()) rmSync(dir, { recursive: true, force: true });
  return total;
}

/** Where the session loads the extension for development from, its test entry, and what the server installs. */
function prepare(session: Session, dir: string, driverUrl: string, suites: string[]): { developmentPath: string; testEntry: string; vsix?: string; env: Record<string, string> } {
  const env = { BOX_AI_MODELS_DRIVER: driverUrl, BOX_AI_MODELS_GREP: grep, BOX_AI_MODELS_REPEAT: String(repeat), BOX_AI_MODELS_SCREENSHOTS: dir };
  const nodeEntry = join(TESTS, 'integration', 'index.js');
  switch (session.extension) {
    case 'source':
      return { developmentPath: ROOT, testEntry: nodeEntry, env: { ...env, BOX_AI_MODELS_SUITES: suites.join(',') } };
    case 'installed':
    case 'absent':
      // VS Code runs a test entry in the host of the development extension that holds it: for an
      // installed copy (or none), the compiled tests become that extension, a manifest with no code of its own.
      writeFileSync(join(TESTS, 'package.json'), JSON.stringify({ name: 'box-ai-models-tests', publisher: 'box-ai-models', version: '0.0.0', engines: { vscode: '^1.85.0' }, extensionKind: ['workspace'] }));
      return {
        developmentPath: TESTS,
        testEntry: nodeEntry,
        vsix: session.extension === 'installed' ? (session.vsix ?? packageVsix(dir)) : undefined,
        env: { ...env, BOX_AI_MODELS_SUITES: suites.join(','), BOX_AI_MODELS_SOURCE_TREE: ROOT },
      };
    case 'web': {
      // A copy whose manifest has `browser` and no `main` runs in the browser's extension host; the web
      // suites (a browser bundle) go inside it, and read the driver's address from a file beside them.
      const copy = join(dir, 'extension');
      for (const part of ['dist', 'data', 'syntaxes', 'README.md', 'LICENSE']) cpSync(join(ROOT, part), join(copy, part), { recursive: true });
      const { main: _node, ...manifest } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
      writeFileSync(join(copy, 'package.json'), JSON.stringify(manifest, null, 2));
      cpSync(join(TESTS, 'web'), join(copy, 'test'), { recursive: true });
      writeFileSync(join(copy, 'test', 'driver.json'), JSON.stringify({ url: driverUrl, grep, repeat }));
      return { developmentPath: copy, testEntry: join(copy, 'test', 'index.js'), env };
    }
  }
}

/** Builds the production bundles and packages them as users get them (`npm run package`). */
export function packageVsix(dir: string): string {
  const vsix = join(dir, 'box-ai-models.vsix');
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--production'], { cwd: ROOT, stdio: 'inherit' });
  execFileSync(join(ROOT, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--out', vsix], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  return vsix;
}

/**
 * Runs one session. `dataDir` is an earlier session's server data to start from; `keepData` takes this
 * session's server data instead of it being removed (for a later session to restart with).
 */
export async function runSession(session: Session, dir: string, suites: string[], dataDir?: string, keepData?: (dataDir: string) => void): Promise<SuiteResults> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const consoleLines: string[] = [];
  page.on('console', (m) => consoleLines.push(`[${m.type()}] ${m.text()}`));
  const driver = await startDriver(page, dir);
  const { developmentPath, testEntry, vsix, env } = prepare(session, dir, driver.url, suites);
  const server = await startServer({ env, skipBuiltins: builtinsWithCode(session.keepBuiltins), vsix, dataDir });
  try {
    await page.goto(workbenchUrl(server.port, join(ROOT, 'test', 'fixtures', 'workspace'), developmentPath, testEntry));
    let timer: NodeJS.Timeout | undefined;
    const results = await Promise.race([
      driver.results,
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('the suites did not finish within 15 minutes')), 15 * 60_000))),
      new Promise<never>((_, reject) => server.process.once('exit', () => reject(new Error(`VS Code server exited early:\n${server.log()}`)))),
    ]).finally(() => clearTimeout(timer));
    if (results.failed > 0) {
      // Keep VS Code's logs (the extension's output channel among them) for the failure's post-mortem.
      // (The server is still running: a lock file may go while it is copied.)
      try {
        cpSync(server.dataDir, join(dir, 'vscode-data'), { recursive: true, filter: (src) => !src.includes(`${join(server.dataDir, 'ext')}`) && !src.endsWith('.lock') });
      } catch (error) {
        console.error(`[harness] VS Code's data only partly saved: ${(error as Error).message}`);
      }
      writeFileSync(join(dir, 'browser-console.log'), consoleLines.join('\n'));
      console.error(`[harness] VS Code's data and logs saved in ${dir}`);
    }
    return results;
  } catch (error) {
    writeFileSync(join(dir, 'server.log'), server.log());
    writeFileSync(join(dir, 'browser-console.log'), consoleLines.join('\n'));
    console.error(`[harness] logs saved in ${dir}`);
    throw error;
  } finally {
    driver.close();
    await browser.close();
    server.stop();
    if (keepData) keepData(server.dataDir);
    else if (!dataDir) rmSync(server.dataDir, { recursive: true, force: true });
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
