// The command line's engine (cli/dist/cli.js, as built) run in-process on fixture trees, with its output
// captured; and its pieces (discovery, settings, fixes, diffs, formats) on their own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { catalogFromData } from '../../src/core/catalog/catalog';
import { countText, EngineShelf } from '../../src/cli/count';
import { proxyFor } from '../../src/cli/catalog';
import { discoverFiles } from '../../src/cli/files';
import { applyFixes, unifiedDiff, writeIfUnchanged } from '../../src/cli/fix';
import { loadSettings } from '../../src/cli/settings';
import type { CliIo } from '../../src/cli/io';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ADDED_MODEL, answerDocsRequest } from '../integration/docs-server';

const ROOT = resolve(__dirname, '..', '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { run } = require(join(ROOT, 'cli', 'dist', 'cli.js')) as typeof import('../../src/cli/cli');

const TYPO = 'aws__claude_3_7_sonet';
const OVERRIDE = `{\n  "ai_agent": {\n    "type": "ai_agent_ask",\n    "basic_text": { "model": "${TYPO}" },\n    "long_text": { "model": "azure__openai__gpt_4.1_mini" }\n  }\n}\n`;

/** A folder with the given files (path → text or bytes), removed after the test. */
function tree(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), 'box-ai-cli-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

async function cli(cwd: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { cwd, env: {}, stdoutIsTTY: false, out: (t) => (out += t), err: (t) => (err += t), readStdin: async () => '' };
  const code = await run(argv, io);
  return { code, out, err };
}

test('check: finds what the extension finds, walks the tree as git does, and exits 1 on an error, 0 on warnings only', async (t) => {
  const root = tree({
    'agents/ask.json': OVERRIDE,
    'src/call.ts': "client.ai.createAiAsk({ mode: 'single_item_qa', prompt: 'q', items: [a, b] });\n",
    'node_modules/pkg/ask.json': OVERRIDE,
    'build/out.json': OVERRIDE,
    '.gitignore': 'build/\n',
    'notes.txt': OVERRIDE,
  });
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const json = await cli(root, 'check', '--format', 'json');
  const results = JSON.parse(json.out) as { filePath: string; messages: { ruleId: string; line: number; column: number; endColumn: number; severity: string }[] }[];
  assert.deepEqual(results.map((r) => r.filePath), ['agents/ask.json', 'src/call.ts'], 'node_modules, ignored folders and unserved files are left out');
  assert.deepEqual(results[0].messages.map((m) => [m.ruleId, m.line, m.column, m.endColumn, m.severity]), [
    ['unknown-model', 4, 31, 31 + TYPO.length, 'warning'],
    ['alias-model', 5, 30, 30 + 'azure__openai__gpt_4.1_mini'.length, 'information'],
  ]);
  assert.deepEqual(results[1].messages.map((m) => m.ruleId), ['single-item-qa-items']);
  assert.equal(json.code, 1, 'an error was found');
  assert.equal((await cli(root, 'check', 'agents')).code, 0, 'warnings only');
  assert.equal((await cli(root, 'check', 'agents', '--max-warnings', '0')).code, 1, 'more warnings than allowed');
  assert.equal((await cli(root, 'check', 'build/out.json', '--format', 'json')).out.includes('unknown-model'), true, 'a file named on the command line is read even where ignored');
  const globbed = JSON.parse((await cli(root, 'check', '**/*.ts', '--format', 'json')).out) as { filePath: string }[];
  assert.deepEqual(globbed.map((r) => r.filePath), ['src/call.ts']);
});

test('check: files read one after another, larger and smaller than the read buffer, each checked as its own text', async (t) => {
  const padding = ' '.repeat(100) + '\n';
  const root = tree({
    'a.json': padding.repeat(3000) + OVERRIDE, // 300 KB: a buffer of its own
    'b.json': padding.repeat(2000) + OVERRIDE, // 200 KB: the shared buffer
    'c.json': OVERRIDE, // shorter than what the buffer held before
    'd.json': '{"ai_agent": {}}\n',
  });
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const results = JSON.parse((await cli(root, 'check', '--jobs', '1', '--format', 'json')).out) as { filePath: string; messages: { ruleId: string; line: number }[] }[];
  assert.deepEqual(
    results.map((r) => [r.filePath, r.messages.map((m) => `${m.ruleId}@${m.line}`)]),
    [
      ['a.json', ['unknown-model@3004', 'alias-model@3005']],
      ['b.json', ['unknown-model@2004', 'alias-model@2005']],
      ['c.json', ['unknown-model@4', 'alias-model@5']],
      ['d.json', []],
    ],
  );
});

test('check: settings from .vscode/settings.json, then --config, then flags; a broken settings file is read as far as it goes', async (t) => {
  const root = tree({ 'ask.json': OVERRIDE, '.vscode/settings.json': '{\n  // team settings\n  "boxAiModels.diagnostics.severity": { "unknown-model": "error" },\n}\n' });
  t.after(() => rmSync(root, { recursive: true, force: true }));
  assert.equal((await cli(root, 'check')).code, 1, 'the workspace makes unknown-model an error');
  writeFileSync(join(root, 'quiet.json'), JSON.stringify({ 'boxAiModels.diagnostics.severity': { 'unknown-model': 'off' } }));
  const quiet = await cli(root, 'check', '--config', 'quiet.json', '--format', 'json');
  assert.equal(quiet.code, 0);
  assert.ok(!quiet.out.includes('unknown-model'), 'off leaves it out');
  assert.equal((await cli(root, 'check', '--config', 'quiet.json', '--severity', 'unknown-model=error')).code, 1, 'flags win');
  writeFileSync(join(root, '.vscode/settings.json'), '{ "boxAiModels.diagnostics.severity": { "unknown-model": "error" }, "broken": ');
  const broken = await cli(root, 'check');
  assert.equal(broken.code, 1, 'what could be read is used');
  assert.match(broken.err, /settings\.json:1:\d+: .*the settings that could be read are used/);
  assert.equal((await cli(root, 'check', '--config', 'missing.json')).code, 2);
  assert.equal((await cli(root, 'check', '--severity', 'unknown-model=loud')).code, 2);
  assert.equal((await cli(root, 'check', '--fix', '--fix-dry-run')).code, 2);
  assert.equal((await cli(root, 'check', '--bogus')).code, 2, 'an unknown option is a usage error, never a glob');
  assert.equal((await cli(root, 'frobnicate')).code, 2);
});

test('check: unmatched patterns, binary, invalid UTF-8, oversized and broken files each get a message while the rest is checked', async (t) => {
  const root = tree({
    'ask.json': OVERRIDE,
    'binary.json': Buffer.from([0x7b, 0x00, 0x7d]),
    'latin1.json': Buffer.from('{"model": "caf\xe9"}', 'latin1'),
    'big.json': `{"ai_agent": {"basic_text": {"model": "${TYPO}"}}, "pad": "${'x'.repeat(3000)}"}`,
    'broken.ts': "client.ai.createAiAsk({ mode: 'single_item_qa', items: [a, b], aiAgent: { basicText: { model: 'aws__claude_3_7_sonet",
  });
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const result = await cli(root, 'check', '--format', 'json', '--max-file-size-kb', '2');
  const files = JSON.parse(result.out) as { filePath: string; skipped?: string; messages: { ruleId: string }[] }[];
  const byName = Object.fromEntries(files.map((f) => [f.filePath, f]));
  assert.match(byName['binary.json'].skipped!, /binary/);
  assert.match(byName['latin1.json'].skipped!, /not valid UTF-8/);
  assert.match(byName['big.json'].skipped!, /larger than boxAiModels\.maxFileSizeKB \(2 KB\)/);
  assert.deepEqual(byName['ask.json'].messages.map((m) => m.ruleId), ['unknown-model', 'alias-model']);
  assert.deepEqual(byName['broken.ts'].messages.map((m) => m.ruleId), ['single-item-qa-items', 'unknown-model'], 'code cut off mid-string is read as far as it goes');
  assert.match(result.err, /skipped binary\.json: binary/);
  const unmatched = await cli(root, 'check', 'nope/*.json');
  assert.equal(unmatched.code, 0);
  assert.match(unmatched.err, /"nope\/\*\.json": matched no file/);
  assert.equal((await cli(root, 'check', 'nope/*.json', '--error-on-unmatched')).code, 2);
});

test('check --fix applies single-candidate fixes atomically; --fix-dry-run prints the diff and writes nothing', async (t) => {
  const root = tree({ 'ask.json': OVERRIDE, 'call.py': 'client.ai.create_ai_ask(CreateAiAskMode.SINGLE_ITEM_QA, "q", [a, b])\n', 'bom.json': `\ufeff${OVERRIDE}` });
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const dry = await cli(root, 'check', '--fix-dry-run');
  assert.match(dry.out, /^--- a\/ask\.json\n\+\+\+ b\/ask\.json\n@@ -2,7 \+2,7 @@\n/m);
  assert.match(dry.out, /^-    "long_text": \{ "model": "azure__openai__gpt_4\.1_mini" \}\n\+    "long_text": \{ "model": "azure__openai__gpt_4_1_mini" \}$/m);
  assert.match(dry.out, /^\+client\.ai\.create_ai_ask\(CreateAiAskMode\.MULTIPLE_ITEM_QA, "q", \[a, b\]\)$/m);
  assert.equal(readFileSync(join(root, 'ask.json'), 'utf8'), OVERRIDE, 'a dry run writes nothing');
  const fixed = await cli(root, 'check', '--fix', '--format', 'json');
  assert.equal(readFileSync(join(root, 'ask.json'), 'utf8'), OVERRIDE.replace('gpt_4.1_mini', 'gpt_4_1_mini'), 'the alias fix (one candidate) applied; the typo (three candidates) left');
  assert.equal(readFileSync(join(root, 'bom.json'), 'utf8'), `\ufeff${OVERRIDE.replace('gpt_4.1_mini', 'gpt_4_1_mini')}`, 'the BOM is kept');
  assert.equal(readFileSync(join(root, 'call.py'), 'utf8'), 'client.ai.create_ai_ask(CreateAiAskMode.MULTIPLE_ITEM_QA, "q", [a, b])\n');
  const left = JSON.parse(fixed.out) as { filePath: string; messages: { ruleId: string }[] }[];
  assert.deepEqual(left.find((r) => r.filePath === 'ask.json')!.messages.map((m) => m.ruleId), ['unknown-model'], 'what is left is reported');
  assert.equal(fixed.code, 0);
});

test('applyFixes: bottom to top, overlaps left for the next pass; unifiedDiff keeps context and line numbers', () => {
  const text = 'a x b y c';
  const problem = (start: number, end: number, replacement: string) => ({ code: 'alias-model' as const, severity: 'warning' as const, message: '', start, end, line: 1, column: 1, endLine: 1, endColumn: 1, fixes: [{ title: '', replacement, preferred: true }] });
  assert.deepEqual(applyFixes(text, [problem(2, 3, 'X'), problem(6, 7, 'Y')]), { text: 'a X b Y c', applied: 2 });
  assert.deepEqual(applyFixes(text, [problem(2, 7, 'Z'), problem(6, 7, 'Y')]), { text: 'a x b Y c', applied: 1 }, 'the overlapping fix waits');
  const before = Array.from({ length: 12 }, (_, i) => `line ${i + 1}`).join('\n');
  const after = before.replace('line 2', 'LINE 2').replace('line 11', 'LINE 11');
  assert.equal(unifiedDiff('f', before, after), '--- a/f\n+++ b/f\n@@ -1,5 +1,5 @@\n line 1\n-line 2\n+LINE 2\n line 3\n line 4\n line 5\n@@ -8,5 +8,5 @@\n line 8\n line 9\n line 10\n-line 11\n+LINE 11\n line 12\n');
});

test('discoverFiles: .gitignore at every level, negations, and why a pattern matched nothing', (t) => {
  const root = tree({ 'a/.gitignore': '*.json\n!keep.json\n', 'a/drop.json': '{}', 'a/keep.json': '{}', 'a/b/deep.json': '{}', 'c.yaml': 'a: 1' });
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const found = discoverFiles([], root).files.map((f) => f.slice(root.length + 1));
  assert.deepEqual(found, ['a/keep.json', 'c.yaml']);
  assert.deepEqual(discoverFiles(['a'], root).files.map((f) => f.slice(root.length + 1)), ['a/keep.json']);
  assert.deepEqual(discoverFiles(['missing'], root).unmatched, [{ pattern: 'missing', why: 'no such file or folder' }]);
});

test('loadSettings: extraCatalogFiles and maxFileSizeKB from the workspace, relative to it', (t) => {
  const root = tree({ '.vscode/settings.json': JSON.stringify({ 'boxAiModels.extraCatalogFiles': ['team/models.yaml'], 'boxAiModels.maxFileSizeKB': 10, 'boxAiModels.slotScope': 'anyModelKey' }) });
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const settings = loadSettings({}, root, () => assert.fail('no warning expected'));
  assert.deepEqual([settings.catalogFiles, settings.maxLength, settings.scope], [[join(root, 'team/models.yaml')], 10 * 1024, 'anyModelKey']);
});

test('formats: SARIF 2.1.0 with the properties GitHub code scanning requires; GitHub workflow commands escaped', async (t) => {
  const root = tree({ 'dir with space/ask.json': OVERRIDE });
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const log = JSON.parse((await cli(root, 'check', '--format', 'sarif')).out);
  // GitHub's requirements for an upload: version 2.1.0, runs[].tool.driver.name, results with ruleId,
  // message.text and a physicalLocation whose artifactLocation.uri is relative and region.startLine set.
  assert.equal(log.version, '2.1.0');
  assert.match(log.$schema, /sarif-2\.1\.0/);
  const [runLog] = log.runs;
  assert.equal(runLog.tool.driver.name, 'box-ai-models');
  assert.match(runLog.tool.driver.version, /^\d+\.\d+\.\d+$/);
  const rules = runLog.tool.driver.rules as { id: string; name: string; shortDescription: { text: string }; helpUri: string }[];
  assert.equal(rules.length, 17, 'one rule per check code');
  for (const rule of rules) assert.ok(rule.id && /^[A-Z][A-Za-z]+$/.test(rule.name) && rule.shortDescription.text && rule.helpUri, rule.id);
  assert.equal(runLog.results.length, 2);
  for (const result of runLog.results) {
    assert.equal(rules[result.ruleIndex].id, result.ruleId);
    assert.ok(result.message.text);
    const { artifactLocation, region } = result.locations[0].physicalLocation;
    assert.equal(artifactLocation.uri, 'dir%20with%20space/ask.json');
    assert.ok(region.startLine >= 1 && region.startColumn >= 1 && region.endColumn > region.startColumn);
  }
  assert.deepEqual(runLog.results.map((r: { level: string }) => r.level), ['warning', 'note']);
  assert.deepEqual(JSON.parse((await cli(root, 'check', 'none/*.json', '--format', 'sarif')).out).runs[0].results, [], 'results is present even when empty');
  const github = (await cli(root, 'check', '--format', 'github')).out.split('\n');
  assert.match(github[0], /^::warning file=dir with space\/ask\.json,line=4,col=31,endLine=4,endColumn=52,title=unknown-model::"aws__claude_3_7_sonet" is not in the model catalog \(Box developer docs \(box\/box-mintlify main, 9d553316\), 2026-01-30\)/);
  assert.equal(github.length, 3, 'one line a problem');
  assert.match(github[1], /^::notice file=/);
});

test('count, models and update-catalog: counts as the status bar does, the catalog with its date, and a catalog file check takes', async (t) => {
  const root = tree({ 'ask.json': '{"ai_agent": {"basic_text": {"model": "openai__gpt_5_1"}}}', 'big.md': 'Box reads the first part of this file. '.repeat(60_000) });
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const counted = await cli(root, 'count', 'ask.json', 'big.md', '--model', 'google__gemini_2_5_pro');
  assert.match(counted.out, /^ask\.json: [\d,]+ \/ 1M tokens · Google Gemini 2\.5 Pro \(exact, gemma3\) — fits$/m);
  assert.match(counted.out, /^big\.md: [\d,]+ \/ 1M tokens · Box reads 2 MB · Google Gemini 2\.5 Pro \(exact, gemma3; Box reads [\d,]+ tokens of 2\.3 MB\) — Box reads only the first 2 MB$/m);
  assert.equal(counted.code, 0);
  assert.equal((await cli(root, 'count', 'big.md', '--model', 'google__gemini_2_5_pro', '--fail-on-overflow')).code, 1);
  const auto = JSON.parse((await cli(root, 'count', 'ask.json', '--json')).out)[0];
  assert.deepEqual([auto.model.id, auto.model.chosen, auto.exact, auto.verdict], ['openai__gpt_5_1', 'named', true, 'fits'], 'the one model the file names');
  const claude = JSON.parse((await cli(root, 'count', 'ask.json', '--json', '--model', 'aws__claude_3_7_sonnet')).out)[0];
  assert.deepEqual([claude.exact, claude.band], [false, { low: -0.03, high: 0.03 }]);
  assert.match((await cli(root, 'count', 'ask.json', '--model', 'aws__claude_3_7_sonet')).err, /is not in the catalog \(did you mean aws__claude_3_7_sonnet/);

  const models = await cli(root, 'models');
  assert.match(models.out, /^Catalog: Box developer docs \(box\/box-mintlify main, 9d553316\), 2026-01-30; 33 models in use/);
  assert.equal(JSON.parse((await cli(root, 'models', '--json', '--all')).out).models.length, 44);

  // A newer copy of Box's docs, served on 127.0.0.1 (it adds one fictional model), becomes a catalog file that check takes.
  const server = createServer((request, response) => {
    if (!answerDocsRequest(request.url ?? '', response)) response.writeHead(404).end();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  t.after(() => server.close());
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const update = await cli(root, 'update-catalog', '--source', `${base}/newer/`, '--out', 'models.json');
  assert.equal(update.code, 0, update.err);
  assert.match(update.err, new RegExp(`lists 34 models.*${ADDED_MODEL.id}`, 's'));
  writeFileSync(join(root, 'new.json'), `{"ai_agent": {"basic_text": {"model": "${ADDED_MODEL.id}"}}}`);
  assert.match((await cli(root, 'check', 'new.json', '--format', 'json')).out, /unknown-model/);
  assert.doesNotMatch((await cli(root, 'check', 'new.json', '--format', 'json', '--catalog', 'models.json')).out, /unknown-model/, 'the fresh catalog knows it');
  const frozen = await cli(root, 'update-catalog', '--source', `${base}/main/`);
  assert.deepEqual([frozen.code, frozen.out], [1, ''], 'the old repository is refused, and nothing is written');
  assert.match(frozen.err, /older copy of Box's docs/);
  const down = await cli(root, 'update-catalog', '--source', `${base}/error/`);
  assert.equal(down.code, 1);
  assert.match(down.err, /503/);
});

test('count: a vocabulary that cannot be used falls back to the marked general estimate, with the reason', (t) => {
  const folder = mkdtempSync(join(tmpdir(), 'box-ai-ranks-'));
  t.after(() => rmSync(folder, { recursive: true, force: true }));
  const llama3 = readFileSync(join(ROOT, 'dist', 'ranks', 'llama3.bin'));
  writeFileSync(join(folder, 'llama3.bin'), llama3.subarray(0, llama3.length - 4096)); // truncated
  writeFileSync(join(folder, 'o200k_base.bin'), readFileSync(join(ROOT, 'dist', 'ranks', 'o200k_base.bin')));
  const catalog = catalogFromData(JSON.parse(readFileSync(join(ROOT, 'dist', 'models.json'), 'utf8')), 'models.json');
  const shelf = new EngineShelf(folder);
  const { report } = countText('x.txt', 'Hello, Box!', 'ibm__llama_3_2_90b_vision_instruct', catalog, shelf);
  assert.equal(report.exact, false);
  assert.equal(report.encoding, 'o200k_base');
  assert.match(report.unusable!.why, /the llama3 vocabulary cannot be used: its sizes do not add up .* truncated or damaged/);
  assert.equal(shelf.get('llama3'), shelf.get('llama3'), 'a broken vocabulary is read once');
});

test("models and count take the workspace's extra catalog files, as check does and as the extension does", async (t) => {
  const extra = readFileSync(join(ROOT, 'test', 'fixtures', 'workspace', 'catalog', 'extra-models.yaml'), 'utf8');
  const root = tree({ 'team/models.yaml': extra, '.vscode/settings.json': '{ "boxAiModels.extraCatalogFiles": ["team/models.yaml"] }', 'prompt.md': 'Hello, Box!' });
  t.after(() => rmSync(root, { recursive: true, force: true }));
  assert.match((await cli(root, 'models')).out, /^acme__web_model +Acme Web Model \(64k window, available\)$/m);
  const counted = JSON.parse((await cli(root, 'count', 'prompt.md', '--model', 'acme__web_model', '--json')).out)[0];
  assert.deepEqual([counted.model.id, counted.exact], ['acme__web_model', false]);
  assert.equal((await cli(root, 'models', '--config', 'missing.json')).code, 2, 'a missing --config file is a usage error');
});

test('update-catalog goes through HTTPS_PROXY, except for loopback and NO_PROXY hosts', () => {
  const agentFor = proxyFor({ HTTPS_PROXY: 'http://proxy.invalid:3128', NO_PROXY: '.internal.example,docs.example' });
  assert.ok(agentFor('https://raw.githubusercontent.com/box/box-mintlify/main/index.mdx'), 'a remote host goes through the proxy');
  for (const url of ['https://127.0.0.1:8443/a', 'https://localhost/a', 'https://docs.example/a', 'https://mirror.internal.example/a']) assert.equal(agentFor(url), undefined, url);
  assert.equal(proxyFor({})('https://raw.githubusercontent.com/'), undefined, 'no proxy set');
  assert.equal(proxyFor({ HTTPS_PROXY: 'http://proxy.invalid:3128' })('http://example.com/'), undefined, 'plain http takes HTTP_PROXY');
});

test('--fix never writes over a file that changed after it was read, and leaves no temporary file behind', (t) => {
  const root = tree({ 'ask.json': 'changed meanwhile' });
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const path = join(root, 'ask.json');
  assert.match(writeIfUnchanged(path, 'what was read', 'fixed')!, /changed while it was being fixed/);
  assert.equal(readFileSync(path, 'utf8'), 'changed meanwhile');
  assert.equal(writeIfUnchanged(path, 'changed meanwhile', 'fixed'), undefined);
  assert.equal(readFileSync(path, 'utf8'), 'fixed');
  assert.deepEqual(readdirSync(root), ['ask.json'], 'no temporary file is left');
});

test('a catalog file with broken entries: each named on stderr, its valid entries used, the files still checked', async (t) => {
  const root = tree({
    'team.yaml': 'models:\n  - id: acme__good_model\n    name: Acme Good\n    provider: Acme\n    hosting: Acme\n    kind: chat\n    tier: standard\n    status: available\n    tokenizer: estimate\n    cardUrl: https://example.com/acme\n  - id: not a valid id\n    name: Broken\n',
    'ask.json': '{"ai_agent": {"basic_text": {"model": "acme__good_model"}, "long_text": {"model": "aws__claude_3_7_sonet"}}}',
  });
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const result = await cli(root, 'check', 'ask.json', '--catalog', 'team.yaml', '--format', 'json');
  assert.match(result.err, /team\.yaml models\[1\] \(not a valid id\): .*\(the entries concerned are skipped\)/);
  const [file] = JSON.parse(result.out) as { messages: { ruleId: string; line: number; column: number }[] }[];
  assert.deepEqual(file.messages.map((m) => m.ruleId), ['unknown-model'], 'the good entry is known; the typo is still found');
  const missing = await cli(root, 'check', 'ask.json', '--catalog', 'nope.yaml');
  assert.match(missing.err, /cannot read the catalog file .*nope\.yaml \(ENOENT\); it is not used/);
});
