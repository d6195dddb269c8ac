// The command line's targets (README, "The command line"): `check` of a generated tree against Node
// just reading the same files, on one thread and on every core; start-up against `node -e 0`; `count`
// of 10 MB, start-up included, against the engine counting the same text in-process. Each figure is a
// median of whole runs of the built package (cli/dist), as users run it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { mixedCorpus } from './corpus';
import { median } from './measure';
import { vocabularyFile } from '../src/core/tokens/engine';

const ROOT = resolve(__dirname, '..', '..');
const BIN = join(ROOT, 'cli', 'dist', 'main.js');
const FILES = 2000;
const FILE_SIZE = 30 * 1024;

/** Ordinary code and prose of each served language, with no Box override in it: most of a real tree. */
const FILLERS: [string, (i: number) => string][] = [
  ['json', (i) => `{"name": "package-${i}", "version": "1.${i % 9}.0", "scripts": {"build": "tsc -p .", "test": "node --test"}, "dependencies": {"left-pad": "^1.3.0"}},\n`],
  ['ts', (i) => `export function total${i}(items: { price: number; count: number }[]): number {\n  return items.reduce((sum, item) => sum + item.price * item.count, 0); // ${i}\n}\n`],
  ['js', (i) => `const handler${i} = async (request, response) => {\n  const body = await request.json();\n  response.end(JSON.stringify({ ok: true, id: ${i}, body }));\n};\n`],
  ['py', (i) => `def total_${i}(items):\n    """Sum of price times count."""\n    return sum(item["price"] * item["count"] for item in items)\n\n`],
  ['yaml', (i) => `job_${i}:\n  runs-on: ubuntu-latest\n  steps:\n    - run: npm ci\n    - run: npm test\n`],
  ['md', (i) => `## Section ${i}\n\nThe service reads the request, checks it, and answers with the stored record.\n\n\`\`\`sh\nnpm run build && npm test\n\`\`\`\n\n`],
  ['http', (i) => `GET https://api.example.com/items/${i}\nAccept: application/json\n\n###\n`],
  ['sh', (i) => `echo "step ${i}"\ncurl -s https://api.example.com/health -o /dev/null\n`],
];
const TYPO_OVERRIDE = '{"ai_agent": {"type": "ai_agent_ask", "basic_text": {"model": "aws__claude_3_7_sonet"}}},\n';

/** A tree of FILES files of every served language, about FILE_SIZE each, 1% holding a Box override with a typo. */
function makeTree(root: string): string[] {
  const paths: string[] = [];
  for (let n = 0; n < FILES; n++) {
    // One file in a hundred is an override file with a typo in it.
    const [extension, unit] = n % 100 === 7 ? FILLERS[0] : FILLERS[n % FILLERS.length];
    let text = n % 100 === 7 ? TYPO_OVERRIDE : '';
    for (let i = 0; text.length < FILE_SIZE; i++) text += unit(i);
    const folder = join(root, `package-${n % 40}`, n % 3 ? 'src' : 'docs');
    mkdirSync(folder, { recursive: true });
    const path = join(folder, `file-${n}.${extension}`);
    writeFileSync(path, extension === 'json' ? `[${text.replace(/,\n$/, '')}]` : text);
    paths.push(path);
  }
  return paths;
}

function timed(run: () => void): number {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function runCli(args: string[], cwd: string): number {
  return timed(() => {
    const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (result.status !== 0 && result.status !== 1) throw new Error(`box-ai-models ${args.join(' ')} failed: ${result.stderr}`);
  });
}

export function cliBenchmarks(): string[] {
  const root = mkdtempSync(join(tmpdir(), 'box-ai-cli-bench-'));
  try {
    const paths = makeTree(root);
    const bytes = paths.reduce((sum, path) => sum + statSync(path).size, 0);
    const found = JSON.parse(spawnSync(process.execPath, [BIN, 'check', '--format', 'json'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).stdout) as { messages: unknown[] }[];
    const withFindings = found.filter((r) => r.messages.length > 0).length;
    const runs = 5;
    const read = median(Array.from({ length: runs }, () => timed(() => paths.forEach((path) => readFileSync(path)))));
    // The command's own figures include Node's start-up, so the yardstick is a Node process that walks and reads the tree.
    const readProcess = median(Array.from({ length: runs }, () => timed(() => spawnSync(process.execPath, ['-e', READ_TREE], { cwd: root }))));
    const cores = availableParallelism();
    const one = median(Array.from({ length: runs }, () => runCli(['check', '--jobs', '1', '--format', 'json'], root)));
    const all = median(Array.from({ length: runs }, () => runCli(['check', '--format', 'json'], root)));
    const start = median(Array.from({ length: 11 }, () => timed(() => spawnSync(process.execPath, ['-e', '0']))));
    const version = median(Array.from({ length: 11 }, () => timed(() => spawnSync(process.execPath, [BIN, '--version']))));

    const text = mixedCorpus(10 * 1024 * 1024);
    const file = join(root, 'large.md');
    writeFileSync(file, text);
    // The engine's own time, cold as the command is: a fresh process times loading the table and counting.
    const engineScript = `const { Engines } = require(${JSON.stringify(join(__dirname, '..', 'src', 'worker', 'engines.js'))});
const { TokenDocument } = require(${JSON.stringify(join(__dirname, '..', 'src', 'core', 'tokens', 'document.js'))});
const start = performance.now();
const engines = new Engines();
engines.add('o200k_base', require('fs').readFileSync(${JSON.stringify(join(ROOT, 'cli', 'dist', 'ranks', vocabularyFile('o200k_base')))}));
new TokenDocument(require('fs').readFileSync('large.md', 'utf8'), engines.get('o200k_base')).measure([], undefined, 2000000);
process.stdout.write(String(performance.now() - start));`;
    const engineMs = () => {
      const run = spawnSync(process.execPath, ['-e', engineScript], { cwd: root, encoding: 'utf8' });
      if (run.status !== 0 || !(Number(run.stdout) > 0)) throw new Error(`the engine's own count failed: ${run.stderr || run.stdout}`);
      return Number(run.stdout);
    };
    const inProcess = median(Array.from({ length: 3 }, engineMs));
    const counted = median(Array.from({ length: 3 }, () => runCli(['count', 'large.md', '--model', 'openai__gpt_5_mini'], root)));
    const mb = (n: number) => (n / 1e6).toFixed(1);
    return [
      `command line (cli/dist, ${cores} cores): check of ${FILES} files, ${mb(bytes)} MB in ${FILLERS.length} kinds of file, ${withFindings} with findings`,
      '| measurement | median ms | ratio | target |',
      '|---|---:|---:|---|',
      `| Node reads the files, in-process (readFileSync, list given) | ${read.toFixed(0)} | | |`,
      `| a Node process walks the tree and reads the files (start-up included) | ${readProcess.toFixed(0)} | | |`,
      `| check, --jobs 1 (start-up included) | ${one.toFixed(0)} | ${(one / readProcess).toFixed(2)}× the reading process | |`,
      `| check, one thread per core (start-up included) | ${all.toFixed(0)} | ${(all / readProcess).toFixed(2)}× the reading process | at most 2× |`,
      `| check throughput, every core | ${((FILES / all) * 1000).toFixed(0)} files/s | ${(one / all).toFixed(2)}× one thread (${(one / all / cores).toFixed(2)} per core) | |`,
      `| node -e 0 | ${start.toFixed(1)} | | |`,
      `| box-ai-models --version | ${version.toFixed(1)} | ${(version - start).toFixed(1)} ms over | at most 50 ms over |`,
      `| engine in a fresh process: o200k_base loaded, 10 MB read and counted | ${inProcess.toFixed(0)} | | |`,
      `| box-ai-models count of the same 10 MB (start-up included) | ${counted.toFixed(0)} | ${(counted / inProcess).toFixed(2)}× in-process | at most 1.2× |`,
    ];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** A Node program that reads every file below the current folder: what any tool that walks a tree pays before it looks at a byte. */
const READ_TREE = `const fs = require('fs'), path = require('path');
(function walk(dir) { for (const e of fs.readdirSync(dir, { withFileTypes: true })) { const p = path.join(dir, e.name); if (e.isDirectory()) walk(p); else fs.readFileSync(p); } })('.');`;
