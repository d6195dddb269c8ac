// Bundles the extension with esbuild; with --tests also transpiles tests, tools and benchmarks to out/.
// Type checking is separate (`npm run typecheck`).
import * as esbuild from 'esbuild';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');

/** Every .ts file below a folder. */
function tsFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (path === join('test', 'fixtures')) return []; // sample files users would write, not ours to build
    if (path === join('test', 'web')) return []; // bundled for the browser below
    if (statSync(path).isDirectory()) return tsFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** A TypeScript module of the project's, bundled in memory and loaded (for what the build makes with the project's own code). */
async function loadTs(entry) {
  const built = await esbuild.build({ entryPoints: [entry], bundle: true, write: false, platform: 'node', format: 'esm', logLevel: 'warning' });
  return import(`data:text/javascript;base64,${Buffer.from(built.outputFiles[0].text).toString('base64')}`);
}

const shared = {
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  sourcemap: !production,
  logLevel: 'warning',
  logOverride: { 'import-is-undefined': 'error' },
};

// The YAML parser (for YAML documents and users' catalog files) is a bundle of its own, dist/yaml.js,
// that bundles which need it require by path on first use, so activation never loads it.
const yamlApart = {
  name: 'yaml-apart',
  setup(build) {
    build.onResolve({ filter: /^yaml$/ }, () => ({ path: './yaml.js', external: true }));
  },
};

// The bundled catalog: data/models.yaml as JSON text, put into each extension bundle as a string and
// parsed on first use (about a millisecond). dist/models.json is the same, for tests and the benchmark.
mkdirSync('dist', { recursive: true });
const catalogJson = JSON.stringify(parse(readFileSync('data/models.yaml', 'utf8')));
writeFileSync('dist/models.json', catalogJson);
// The hand-kept decisions on Box's docs, which a catalog update applies as `npm run catalog:import` does.
const correctionsJson = JSON.stringify(parse(readFileSync('data/corrections.yaml', 'utf8')));
const extensionBundle = {
  ...shared,
  bundle: true,
  external: ['vscode'],
  define: { BUNDLED_CATALOG_JSON: JSON.stringify(catalogJson), BUNDLED_CORRECTIONS_JSON: JSON.stringify(correctionsJson) },
  minify: production,
};

// The Node extension host (desktop, remote): `main`.
await esbuild.build({
  ...extensionBundle,
  entryPoints: ['src/node/main.ts'],
  outfile: 'dist/extension.js',
  // jsonc-parser's UMD build requires its parts dynamically, which a bundle cannot follow: take its ESM build.
  mainFields: ['module', 'main'],
  plugins: [yamlApart],
});

// VS Code for the Web's extension host (a Web Worker): `browser`. One file, no Node built-ins; the
// YAML parser inside it is evaluated only when first required.
await esbuild.build({
  ...extensionBundle,
  entryPoints: ['src/web/main.ts'],
  outfile: 'dist/web/extension.js',
  platform: 'browser',
  target: 'es2022',
  mainFields: ['browser', 'module', 'main'],
});

await esbuild.build({
  ...shared,
  entryPoints: ['yaml'],
  bundle: true,
  outfile: 'dist/yaml.js',
  minify: production,
});

// Users' extra catalog files are YAML: on Node their reader is a separate bundle, loaded only when one is set.
await esbuild.build({
  ...shared,
  entryPoints: ['src/core/catalog/yaml.ts'],
  bundle: true,
  outfile: 'dist/catalog-yaml.js',
  plugins: [yamlApart],
  minify: production,
});

// Token counting runs in a worker: a worker thread on Node, a Web Worker on the web, one counting core.
await esbuild.build({
  ...shared,
  entryPoints: ['src/worker/node-worker.ts'],
  bundle: true,
  outfile: 'dist/token-worker.js',
  minify: production,
});
await esbuild.build({
  ...shared,
  entryPoints: ['src/worker/web-worker.ts'],
  bundle: true,
  outfile: 'dist/web/token-worker.js',
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
  minify: production,
});
// Reading large documents whole (and every full scan for the checks) runs in a second worker, so that
// neither waits for the other; on Node it requires the YAML parser from dist/yaml.js like the host.
await esbuild.build({
  ...shared,
  entryPoints: ['src/worker/node-scan-worker.ts'],
  bundle: true,
  outfile: 'dist/scan-worker.js',
  mainFields: ['module', 'main'],
  plugins: [yamlApart],
  minify: production,
});
await esbuild.build({
  ...shared,
  entryPoints: ['src/worker/web-scan-worker.ts'],
  bundle: true,
  outfile: 'dist/web/scan-worker.js',
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
  mainFields: ['browser', 'module', 'main'],
  minify: production,
});

// Vocabularies (megabytes) are files the host reads and sends to the worker before the first count in
// their encoding, so neither activation nor the worker's start pays for them. The byte-pair ones are
// binary rank tables (src/core/tokens/rank-table.ts), Gemma 3's its pieces' UTF-16 units in one block
// (src/core/tokens/piece-file.ts): both load as views, not as a parse. OpenAI's come from gpt-tokenizer;
// Meta's, Mistral's, Anthropic's and Gemma's from what `npm run vocab:build` made of the published files.
rmSync('dist/ranks', { recursive: true, force: true });
mkdirSync('dist/ranks', { recursive: true });
const { BYTE_PAIR_TABLES, encodeRankTable } = await loadTs('src/core/tokens/rank-table.ts');
const require = createRequire(import.meta.url);
for (const encoding of BYTE_PAIR_TABLES) {
  const openai = encoding === 'o200k_base' || encoding === 'cl100k_base';
  const ranks = openai ? require(`gpt-tokenizer/cjs/bpeRanks/${encoding}`).default : JSON.parse(readFileSync(`data/vocab/${encoding}.json`, 'utf8'));
  writeFileSync(`dist/ranks/${encoding}.bin`, encodeRankTable(ranks));
}
const { encodeSentencePieces, packSentencePieces } = await loadTs('src/core/tokens/piece-file.ts');
writeFileSync('dist/ranks/gemma3.bin', encodeSentencePieces(packSentencePieces(JSON.parse(readFileSync('data/vocab/gemma3.json', 'utf8')))));

// The runtime dependencies are bundled into dist/: their licences ship with them.
function noticeOf(name) {
  const folder = join('node_modules', name);
  const { version, license } = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
  const file = readdirSync(folder).find((f) => /^licen[cs]e(-mit)?(\.(md|txt))?$/i.test(f));
  if (!file) throw new Error(`${name} has no licence file to ship`);
  return `${name} ${version} (${license})\n\n${readFileSync(join(folder, file), 'utf8').trim()}\n`;
}
const notices = Object.keys(JSON.parse(readFileSync('package.json', 'utf8')).dependencies).sort().map(noticeOf);
// So do the tokenizer vocabularies', with the notice Meta's licences ask for (data/vocab/README.md).
const vocabularies = ['README.md', 'LLAMA-3.2-LICENSE.txt', 'LLAMA-3.2-USE_POLICY.md', 'LLAMA-4-LICENSE.txt', 'LLAMA-4-USE_POLICY.md', 'MISTRAL-COMMON-LICENSE.txt', 'ANTHROPIC-TOKENIZER-LICENSE.txt', 'GEMMA3-TOKENIZER-LICENSE.txt']
  .map((file) => readFileSync(join('data', 'vocab', file), 'utf8').trim() + '\n');
const rule = `\n${'-'.repeat(72)}\n\n`;
writeFileSync('dist/THIRD-PARTY-NOTICES.txt', `Box AI Models bundles the following packages.\n\n${notices.join(rule)}${rule}${vocabularies.join(rule)}`);

// The command line (cli/, its own npm package): a small entry that answers --version on its own, the
// engine it loads for every command, and the worker threads `check` spreads files over. It ships the
// vocabularies it counts with, with their licences and notices, as the .vsix does.
const cliVersion = JSON.parse(readFileSync('cli/package.json', 'utf8')).version;
const cliDefines = { CLI_VERSION: JSON.stringify(cliVersion), BUNDLED_CATALOG_JSON: JSON.stringify(catalogJson), BUNDLED_CORRECTIONS_JSON: JSON.stringify(correctionsJson) };
rmSync('cli/dist', { recursive: true, force: true });
await esbuild.build({
  ...shared,
  entryPoints: ['src/cli/main.ts'],
  bundle: true,
  outfile: 'cli/dist/main.js',
  banner: { js: '#!/usr/bin/env node' },
  define: cliDefines,
  external: ['./cli.js'],
  minify: production,
});
const cliEngine = await esbuild.build({
  ...shared,
  entryPoints: { cli: 'src/cli/cli.ts', 'check-worker': 'src/cli/check-worker.ts' },
  bundle: true,
  outdir: 'cli/dist',
  define: cliDefines,
  mainFields: ['module', 'main'],
  metafile: true,
  minify: production,
});
mkdirSync('cli/dist/ranks', { recursive: true });
for (const name of readdirSync('dist/ranks')) writeFileSync(`cli/dist/ranks/${name}`, readFileSync(`dist/ranks/${name}`));
writeFileSync('cli/dist/LICENSE', readFileSync('LICENSE'));
// The packages esbuild put into the engine, and gpt-tokenizer, whose rank tables are in ranks/.
const cliPackages = new Set(['gpt-tokenizer']);
for (const input of Object.keys(cliEngine.metafile.inputs)) {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  if (match) cliPackages.add(match[1]);
}
writeFileSync('cli/dist/THIRD-PARTY-NOTICES.txt', `The box-ai-models command bundles the following packages.\n\n${[...cliPackages].sort().map(noticeOf).join(rule)}${rule}${vocabularies.join(rule)}`);

if (args.has('--tests')) {
  rmSync('out', { recursive: true, force: true });
  await esbuild.build({
    ...shared,
    entryPoints: [...tsFiles('src'), ...tsFiles('test'), ...tsFiles('tools'), ...tsFiles('bench')],
    outdir: 'out',
    outbase: '.',
    bundle: false,
  });
  // The web suite and its entry, bundled for the browser's extension host, with mocha's browser build
  // and the part of node:assert the tests use.
  await esbuild.build({
    ...shared,
    entryPoints: ['test/web/index.ts'],
    bundle: true,
    outfile: 'out/test/web/index.js',
    platform: 'browser',
    target: 'es2022',
    external: ['vscode'],
    alias: { 'node:assert/strict': './test/web/assert.ts' },
  });
}
