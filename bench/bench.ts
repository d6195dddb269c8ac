// npm run bench: prints medians and p95s for the work behind completion and hover, and for activation.
// Figures are machine-dependent; compare ratios, and run on an idle machine.
import { readFileSync } from 'node:fs';
import Module from 'node:module';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { catalogFromData } from '../src/core/catalog/catalog';
import { parseCatalog } from '../src/core/catalog/yaml';
import { checkDocument } from '../src/core/check';
import { checkRequests } from '../src/core/check/request-checks';
import { locatorFor, locateSlots, modelSlots, YAML_MAX_LENGTH } from '../src/core/locate';
import { modelDetail } from '../src/core/present/card';
import { jsonCorpus, markdownCorpus, pythonCorpus, scriptCorpus, yamlCorpus } from './corpus';
import { measure } from './measure';
import { hostStallBenchmarks } from './host-stalls';
import { tokenBenchmarks } from './tokens';
import { cliBenchmarks } from './cli';

const ROOT = resolve(__dirname, '..', '..');

const rows: [string, string, string][] = [];
/** What the scanning worker does for diagnostics: every slot and setting checked, and the request bodies. */
function diagnose(text: string, languageId: string) {
  return checkDocument(locateSlots(text, languageId), catalog, checkRequests(text, languageId));
}

function report(name: string, r: { median: number; p95: number }): void {
  rows.push([name, r.median.toFixed(3), r.p95.toFixed(3)]);
}

const catalog = parseCatalog(readFileSync(join(ROOT, 'data', 'models.yaml'), 'utf8'), 'models.yaml');

for (const [label, languageId, text] of [
  ['1 MB JSON', 'json', jsonCorpus(1024 * 1024)],
  ['1 MB TS', 'typescript', scriptCorpus(1024 * 1024)],
  ['1 MB Python', 'python', pythonCorpus(1024 * 1024)],
] as const) {
  // Offsets inside model strings in the middle of the document, where users type.
  const slotOffsets = modelSlots(locateSlots(text, languageId)).map((s) => s.start + 3);
  const middle = slotOffsets.slice(Math.floor(slotOffsets.length * 0.4), Math.floor(slotOffsets.length * 0.6));
  const pick = (run: number) => middle[(run * 7919) % middle.length];

  report(`${label}: full scan of every slot (reference)`, measure(21, () => locateSlots(text, languageId)));
  // What a debounced edit costs the diagnostics: every slot and setting, then every check.
  report(`${label}: diagnostics (full scan + every check)`, measure(21, () => diagnose(text, languageId)));
  report(
    `${label}: first request, no snapshots yet`,
    measure(21, (run) => locatorFor(languageId, 'boxOverrides')!.slotAt(text, pick(run))),
  );
  // A warm document: the user types one character in a model string, then completion runs.
  const locator = locatorFor(languageId, 'boxOverrides')!;
  locator.slotAt(text, text.length - 1);
  let doc = text;
  // The user types in one model string: each keystroke is followed by a completion request there.
  const typingAt = middle[Math.floor(middle.length / 2)];
  report(
    `${label}: completion while typing in one place (incremental)`,
    measure(
      400,
      (run) => {
        const at = typingAt + (run % 3);
        locator.invalidateFrom(at); // what the change event does
        const slot = locator.slotAt(doc, at + 1)!;
        catalog.offered(slot.kind).map(modelDetail);
      },
      (run) => {
        const at = typingAt + (run % 3);
        doc = `${doc.slice(0, at)}x${doc.slice(at + 1)}`; // the keystroke (same length: offsets stay valid)
      },
    ),
  );
  // Worse: each edit lands somewhere else in the middle fifth, so snapshots after the last edit are gone.
  report(
    `${label}: completion after an edit elsewhere (incremental)`,
    measure(
      400,
      (run) => {
        const at = pick(run);
        locator.invalidateFrom(at);
        const slot = locator.slotAt(doc, at + 1)!;
        catalog.offered(slot.kind).map(modelDetail);
      },
      (run) => {
        const at = pick(run);
        doc = `${doc.slice(0, at)}x${doc.slice(at + 1)}`;
      },
    ),
  );
  report(
    `${label}: hover on an unchanged document`,
    measure(400, (run) => {
      const slot = locator.slotAt(doc, pick(run))!;
      catalog.lookup(slot.value);
    }),
  );
}

// YAML (through its parser) and Markdown (through its fences) are read whole: after an edit, the next
// request or diagnostics pass costs one full read.
for (const [label, languageId, text] of [
  ['512 KB YAML (the largest parsed)', 'yaml', yamlCorpus(YAML_MAX_LENGTH - 1024)],
  // The same document with every Box key renamed: no parse at all, as for lockfiles and manifests.
  ['512 KB YAML without a Box override', 'yaml', yamlCorpus(YAML_MAX_LENGTH - 1024).replace(/ai_agent|basic_text|long_text/g, 'settings')],
  ['1 MB Markdown', 'markdown', markdownCorpus(1024 * 1024)],
] as const) {
  report(`${label}: full read, what a request after an edit costs`, measure(11, () => locateSlots(text, languageId)));
  report(`${label}: diagnostics (full read + every check)`, measure(11, () => diagnose(text, languageId)));
}

// The same 500 request bodies (1 MB in all) as `curl` commands in a shell script and as a `.http`
// file: a shell script's bodies are decoded from its quoting, which must cost little more.
{
  const bodies = Array.from({ length: 500 }, (_, i) => `{\n  "mode": "single_item_qa",\n  "prompt": "Question ${i}: ${'which parties signed, and when? '.repeat(40)}",\n  "items": [{"id": "${1000 + i}", "type": "file"}],\n  "ai_agent": {"type": "ai_agent_ask", "basic_text": {"model": "aws__claude_3_7_sonnet", "num_tokens_for_completion": 8000}}\n}`);
  const shell = bodies.map((b) => `curl -L -X POST "https://api.box.com/2.0/ai/ask" \\\n  -H "authorization: Bearer $TOKEN" \\\n  -d '${b}'\n\n`).join('');
  const http = bodies.map((b) => `POST https://api.box.com/2.0/ai/ask\nAuthorization: Bearer {{token}}\nContent-Type: application/json\n\n${b}\n\n###\n`).join('');
  // A new text each run (a comment at the end), as after an edit: nothing read for the last one is reused.
  const shellTimes = measure(11, (run) => diagnose(`${shell}# run ${run}\n`, 'shellscript'));
  const httpTimes = measure(11, (run) => diagnose(`${http}# run ${run}\n`, 'http'));
  report(`${(shell.length / 1024 / 1024).toFixed(1)} MB shell script, 500 curl bodies: diagnostics (full read + every check)`, shellTimes);
  report(`the same 500 bodies as a ${(http.length / 1024 / 1024).toFixed(1)} MB .http file: diagnostics (full read + every check)`, httpTimes);
  console.log(`shell script vs .http, same bodies: ${(shellTimes.median / httpTimes.median).toFixed(2)}× (target: at most 1.5×)\n`);
}

const bundledCatalogJson = readFileSync(join(ROOT, 'dist', 'models.json'), 'utf8'); // the string the bundles carry
report('catalog first use: parse + validate the bundled catalog', measure(21, () => catalogFromData(JSON.parse(bundledCatalogJson), 'models.json')));
report('catalog from YAML (how a user catalog file is read), for comparison', measure(21, () => parseCatalog(readFileSync(join(ROOT, 'data', 'models.yaml'), 'utf8'), 'models.yaml')));

// Activation: load the bundled extension and call activate() with a stand-in `vscode` module that
// records registrations (what VS Code would do in its extension host, minus VS Code itself).
const noop = () => ({ dispose() {} });
const fakeVscode = {
  window: {
    createOutputChannel: () => ({ trace() {}, info() {}, warn() {}, error() {}, show() {}, dispose() {} }),
    createStatusBarItem: () => ({ show() {}, hide() {}, dispose() {} }),
    createTreeView: () => ({ visible: false, onDidChangeVisibility: noop, dispose() {} }),
    onDidChangeActiveTextEditor: noop,
    onDidChangeTextEditorSelection: noop,
    activeTextEditor: undefined,
    tabGroups: { onDidChangeTabs: noop, all: [] },
  },
  workspace: {
    onDidChangeConfiguration: noop, onDidSaveTextDocument: noop, onDidOpenTextDocument: noop, onDidCloseTextDocument: noop, onDidChangeTextDocument: noop,
    getConfiguration: () => ({ get: (_: string, d: unknown) => d }),
    textDocuments: [],
  },
  languages: {
    registerCompletionItemProvider: noop, registerHoverProvider: noop, registerCodeActionsProvider: noop,
    createDiagnosticCollection: () => ({ set() {}, delete() {}, dispose() {} }),
  },
  EventEmitter: class {
    event = noop;
    fire() {}
    dispose() {}
  },
  DiagnosticSeverity: {},
  CodeActionKind: {},
  StatusBarAlignment: { Left: 1, Right: 2 },
  ExtensionMode: { Production: 1, Development: 2, Test: 3 },
  commands: { registerCommand: noop },
  Disposable: { from: (...d: { dispose(): void }[]) => ({ dispose: () => d.forEach((x) => x.dispose()) }) },
  CompletionItem: class {},
  CompletionItemKind: {},
};
const load = (Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown })._load;
(Module as unknown as { _load: unknown })._load = (request: string, ...rest: unknown[]) => (request === 'vscode' ? fakeVscode : load(request, ...rest));
const bundle = join(ROOT, 'dist', 'extension.js');
const loadedBefore = new Set(Object.keys(require.cache));
const requireTimes = measure(1, () => require(bundle));
report('activation: require dist/extension.js (cold, once)', requireTimes);
const extension = require(bundle) as { activate: (context: unknown) => void };
report('activation: activate()', measure(50, () => extension.activate({ subscriptions: [], extensionUri: { fsPath: ROOT }, workspaceState: { get: () => undefined }, extensionMode: 1 })));
// Nothing may load at activation besides the bundle itself: no rank table, no tokenizer, no worker.
const loaded = Object.keys(require.cache).filter((path) => !loadedBefore.has(path) && path !== bundle);
if (loaded.length > 0) throw new Error(`activation loaded ${loaded.join(', ')}`);

console.log(`box-ai-models benchmark · node ${process.version} · ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}`);
console.log('| measurement | median ms | p95 ms |');
console.log('|---|---:|---:|');
for (const [name, median, p95] of rows) console.log(`| ${name} | ${median} | ${p95} |`);
console.log('');
for (const line of tokenBenchmarks()) console.log(line);
console.log('');
for (const line of cliBenchmarks()) console.log(line);

void (async () => {
  console.log('');
  for (const line of await hostStallBenchmarks(catalog)) console.log(line);
})().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
