// Runs a TypeScript entry point: bundles it with esbuild into node_modules/.cache, then runs it with
// the remaining arguments (paths stay relative to the caller's folder).
import * as esbuild from 'esbuild';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';

const [entry, ...rest] = process.argv.slice(2);
// Inside the project so that external packages resolve from its node_modules.
const outDir = resolve('node_modules/.cache/box-ai-models');
mkdirSync(outDir, { recursive: true });
const outfile = join(outDir, `run-${process.pid}.js`);
await esbuild.build({
  entryPoints: [resolve(entry)],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  outfile,
  external: ['vscode', 'playwright-core', 'esbuild'],
  sourcemap: 'inline',
  logLevel: 'warning',
});
const child = spawnSync(process.execPath, ['--enable-source-maps', outfile, ...rest], { stdio: 'inherit' });
process.exit(child.status ?? 1);
