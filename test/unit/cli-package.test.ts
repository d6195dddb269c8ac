// The command line as users get it: `npm pack` of cli/, installed into a temporary folder, run through
// the `bin` npm links. Every exit code, each format, --fix and --fix-dry-run, the settings file, the size
// and binary skips, and what the package ships.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..', '..');
const TYPO = 'aws__claude_3_7_sonet';

test('the packed package installs, runs through its bin, and ships its vocabularies with their licences', async (t) => {
  const work = mkdtempSync(join(tmpdir(), 'box-ai-pack-'));
  t.after(() => rmSync(work, { recursive: true, force: true }));
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: join(ROOT, 'cli'), encoding: 'utf8' }))[0] as { filename: string; files: { path: string }[] };
  const shipped = packed.files.map((f) => f.path).sort();
  for (const file of ['dist/main.js', 'dist/cli.js', 'dist/check-worker.js', 'dist/ranks/o200k_base.bin', 'dist/ranks/llama4.bin', 'dist/ranks/gemma3.bin', 'dist/THIRD-PARTY-NOTICES.txt', 'dist/LICENSE', 'README.md', 'package.json']) {
    assert.ok(shipped.includes(file), `${file} is shipped`);
  }
  assert.ok(!shipped.some((f) => f.endsWith('.map')), 'no source maps');
  const prefix = join(work, 'install');
  mkdirSync(prefix);
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', join(work, packed.filename)], { cwd: prefix, encoding: 'utf8' });
  const bin = join(prefix, 'node_modules', '.bin', 'box-ai-models');
  const notices = readFileSync(join(prefix, 'node_modules', 'box-ai-models', 'dist', 'THIRD-PARTY-NOTICES.txt'), 'utf8');
  for (const needed of ['Built with Llama', 'LLAMA 4 COMMUNITY LICENSE', 'jsonc-parser', 'ignore', 'gpt-tokenizer']) assert.ok(notices.includes(needed), needed);

  const project = join(work, 'project');
  mkdirSync(join(project, '.vscode'), { recursive: true });
  writeFileSync(join(project, 'ask.json'), `{"ai_agent": {"basic_text": {"model": "${TYPO}"}, "long_text": {"model": "azure__openai__gpt_4.1_mini"}}}\n`);
  writeFileSync(join(project, 'blob.json'), Buffer.from([0x7b, 0, 0x7d]));
  writeFileSync(join(project, 'large.md'), `\`\`\`json\n{"ai_agent": {"basic_text": {"model": "${TYPO}"}}}\n\`\`\`\n${'text '.repeat(1000)}`);
  const box = (...args: string[]) => spawnSync(bin, args, { cwd: project, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

  assert.match(box('--version').stdout, /^\d+\.\d+\.\d+\n$/);
  const stylish = box('check', '--max-file-size-kb', '4');
  assert.equal(stylish.status, 0, stylish.stderr);
  assert.match(stylish.stdout, /^ask\.json\n {2}1:40 {2}warning {2}"aws__claude_3_7_sonet" is not in the model catalog/m);
  assert.match(stylish.stdout, /✖ 2 problems \(0 errors, 1 warning, 1 other\)/);
  assert.match(stylish.stderr, /skipped blob\.json: binary/);
  assert.match(stylish.stderr, /skipped large\.md: larger than boxAiModels\.maxFileSizeKB \(4 KB\)/);
  assert.equal(box('check', '--max-warnings', '0').status, 1);
  writeFileSync(join(project, '.vscode', 'settings.json'), '{ "boxAiModels.diagnostics.severity": { "unknown-model": "error" } }');
  const strict = box('check', '--format', 'json');
  assert.equal(strict.status, 1);
  assert.equal(JSON.parse(strict.stdout).find((r: { filePath: string }) => r.filePath === 'large.md').errorCount, 1, 'the settings file applies, and the fence is read');
  assert.equal(JSON.parse(box('check', '--format', 'sarif').stdout).version, '2.1.0');
  assert.match(box('check', '--format', 'github').stdout, /^::error file=ask\.json,line=1,col=40,/m);
  assert.equal(box('check', '--nonsense').status, 2);
  assert.equal(box('check', 'missing.json', '--error-on-unmatched').status, 2);

  const dry = box('check', '--fix-dry-run', 'ask.json');
  assert.match(dry.stdout, /^\+.*azure__openai__gpt_4_1_mini/m);
  assert.ok(readFileSync(join(project, 'ask.json'), 'utf8').includes('gpt_4.1_mini'));
  box('check', '--fix', 'ask.json');
  assert.ok(readFileSync(join(project, 'ask.json'), 'utf8').includes('azure__openai__gpt_4_1_mini'));

  const count = spawnSync(bin, ['count', '-', '--model', 'ibm__llama_4_scout', '--json'], { cwd: project, input: 'Hello, Box!', encoding: 'utf8' });
  assert.equal(count.status, 0, count.stderr);
  assert.deepEqual(JSON.parse(count.stdout)[0].exact, true);
  assert.match(box('models').stdout, /^Catalog: /);
});
