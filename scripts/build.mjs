// Bundles the extension with esbuild; with --tests also transpiles tests, tools and benchmarks to out/.
// Type checking is separate (`npm run typecheck`).
import * as esbuild from 'esbuild';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';
import { join } from 'node:path';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');

/** Every .ts file below a folder. */
function tsFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (path === join('test', 'fixtures')) return []; // sample files users would write, not ours to build
    if (statSync(path).isDirectory()) return tsFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
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

await esbuild.build({
  ...shared,
  entryPoints: ['src/extension.ts'],
  bundle: true,
  outfile: 'dist/extension.js',
  external: ['vscode'],
  // jsonc-parser's UMD build requires its parts dynamically, which a bundle cannot follow: take its ESM build.
  mainFields: ['module', 'main'],
  plugins: [yamlApart],
  minify: production,
});

await esbuild.build({
  ...shared,
  entryPoints: ['yaml'],
  bundle: true,
  outfile: 'dist/yaml.js',
  minify: production,
});

// Users' extra catalog files are YAML: their reader is a separate bundle, loaded only when one is set.
await esbuild.build({
  ...shared,
  entryPoints: ['src/core/catalog/yaml.ts'],
  bundle: true,
  outfile: 'dist/catalog-yaml.js',
  plugins: [yamlApart],
  minify: production,
});

// Token counting runs in a worker thread. Its rank tables (megabytes of JavaScript) are separate files
// the worker requires by path on first use of an encoding, so neither activation nor the worker's
// start pays for them.
await esbuild.build({
  ...shared,
  entryPoints: ['src/worker/token-worker.ts'],
  bundle: true,
  outfile: 'dist/token-worker.js',
  minify: production,
});
for (const encoding of ['o200k_base', 'cl100k_base']) {
  await esbuild.build({
    ...shared,
    entryPoints: [`node_modules/gpt-tokenizer/cjs/bpeRanks/${encoding}.js`],
    bundle: true,
    outfile: `dist/ranks/${encoding}.js`,
    sourcemap: false,
    minify: production,
  });
}

// The bundled catalog ships as JSON (parsed in about a millisecond); data/models.yaml stays the source.
mkdirSync('dist', { recursive: true });
writeFileSync('dist/models.json', JSON.stringify(parse(readFileSync('data/models.yaml', 'utf8'))));

// The runtime dependencies are bundled into dist/: their licences ship with them.
const notices = Object.keys(JSON.parse(readFileSync('package.json', 'utf8')).dependencies).sort().map((name) => {
  const folder = join('node_modules', name);
  const { version, license } = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
  const file = readdirSync(folder).find((f) => /^licen[cs]e(\.(md|txt))?$/i.test(f));
  if (!file) throw new Error(`${name} has no licence file to ship`);
  return `${name} ${version} (${license})\n\n${readFileSync(join(folder, file), 'utf8').trim()}\n`;
});
writeFileSync('dist/THIRD-PARTY-NOTICES.txt', `Box AI Models bundles the following packages.\n\n${notices.join(`\n${'-'.repeat(72)}\n\n`)}`);

if (args.has('--tests')) {
  rmSync('out', { recursive: true, force: true });
  await esbuild.build({
    ...shared,
    entryPoints: [...tsFiles('src'), ...tsFiles('test'), ...tsFiles('tools'), ...tsFiles('bench')],
    outdir: 'out',
    outbase: '.',
    bundle: false,
  });
}
