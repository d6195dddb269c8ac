import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { catalogFromData } from '../../src/core/catalog/catalog';
import { checkDocument } from '../../src/core/check';
import { locateSlots, modelSlots } from '../../src/core/locate';
import { buildGrammar, INJECT_TO, MODEL_SCOPES } from '../../tools/contributions/grammar';
import { buildSnippets } from '../../tools/contributions/snippets';
import { loadOniguruma } from '../support/oniguruma';

const ROOT = resolve(__dirname, '..', '..', '..');
const catalog = catalogFromData(JSON.parse(readFileSync(join(ROOT, 'dist', 'models.json'), 'utf8')), 'models.json');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const read = (path: string) => JSON.parse(readFileSync(join(ROOT, path), 'utf8'));

test('the committed grammar and snippets are what the catalog builds', () => {
  assert.deepEqual(read('syntaxes/model-ids.injection.tmLanguage.json'), buildGrammar(catalog));
  for (const language of ['json', 'typescript', 'python'] as const) {
    assert.deepEqual(read(`data/snippets/${language}.code-snippets`), buildSnippets(catalog, language), language);
  }
});

test('the manifest contributes the grammar to every language served and the snippets to JSON, JS/TS and Python', () => {
  const [grammar] = manifest.contributes.grammars;
  assert.equal(grammar.scopeName, buildGrammar(catalog).scopeName);
  assert.deepEqual(grammar.injectTo, INJECT_TO);
  const snippetLanguages = manifest.contributes.snippets.map((s: { language: string }) => s.language).sort();
  assert.deepEqual(snippetLanguages, ['javascript', 'javascriptreact', 'json', 'jsonc', 'python', 'typescript', 'typescriptreact']);
});

test('grammar patterns (in oniguruma, as VS Code runs them) match whole ids only, each under its scope', async () => {
  const oniguruma = await loadOniguruma();
  const patterns = buildGrammar(catalog).patterns as { name: string; match: string }[];
  const scopeOf = (text: string): string[] => {
    const scanner = new oniguruma.OnigScanner(patterns.map((p) => p.match));
    const found: string[] = [];
    const string = new oniguruma.OnigString(text);
    for (let at = 0; ; ) {
      const match = scanner.findNextMatchSync(string, at);
      if (!match) break;
      const [whole] = match.captureIndices;
      found.push(`${text.slice(whole.start, whole.end)} ${patterns[match.index].name}`);
      at = whole.end;
    }
    return found;
  };
  for (const model of catalog.models) {
    const scope = model.status === 'retired' ? MODEL_SCOPES.retired : MODEL_SCOPES.current;
    assert.deepEqual(scopeOf(`"${model.id}"`), [`${model.id} ${scope}`]);
    for (const alias of model.aliases) assert.deepEqual(scopeOf(` ${alias} `), [`${alias} ${model.status === 'retired' ? MODEL_SCOPES.retired : MODEL_SCOPES.alias}`]);
    assert.deepEqual(scopeOf(`${model.id}_v2 x${model.id} ${model.id}.1 ${model.id}-b`), [], model.id);
  }
});

/** A snippet body with each choice list replaced by its first choice, as accepting it with Tab gives. */
function expand(body: string[]): string {
  return body.join('\n').replace(/\$\{\d+\|([^,|]+)[^|]*\|\}/g, '$1').replace(/\$0/g, '').replace(/\t/g, '  ');
}

test('each snippet, expanded with its first choices, is a Box override the checks accept', () => {
  const wrap: Record<string, (body: string) => [string, string]> = {
    json: (b) => ['json', `{\n${b}\n}`],
    typescript: (b) => ['typescript', `client.ai.createAiAsk({\n${b}\n});`],
    python: (b) => ['python', `client.ai.create_ai_ask(\n${b}\n)`],
  };
  for (const language of ['json', 'typescript', 'python'] as const) {
    for (const [name, snippet] of Object.entries(buildSnippets(catalog, language))) {
      const [languageId, text] = wrap[language](expand(snippet.body));
      const slots = modelSlots(locateSlots(text, languageId));
      assert.ok(slots.length >= 1, `${language} ${name}: no model slots in\n${text}`);
      for (const slot of slots) assert.equal(catalog.get(slot.value)?.kind, slot.kind, `${language} ${name}: ${slot.value}`);
      assert.deepEqual(checkDocument(locateSlots(text, languageId), catalog), [], `${language} ${name}`);
      if (language === 'json') assert.doesNotThrow(() => JSON.parse(text), text);
    }
  }
});

test('snippet choice lists: current models of the slot\'s kind, the agent\'s default first', () => {
  const ask = buildSnippets(catalog, 'json')['Box AI ask override'].body.join('\n');
  const lists = [...ask.matchAll(/\$\{\d+\|([^|]+)\|\}/g)].map((m) => m[1].split(','));
  const chat = catalog.offered('chat').map((m) => m.id).sort();
  const embedding = catalog.offered('embedding').map((m) => m.id).sort();
  assert.deepEqual([...lists[0]].sort(), chat);
  assert.deepEqual([...lists[2]].sort(), embedding);
  assert.ok(catalog.get(lists[0][0])!.defaultFor.includes('Box AI for Documents'));
  const extract = buildSnippets(catalog, 'python')['Box AI extract override'].body.join('\n');
  const first = /\$\{1\|([^,|]+)/.exec(extract)![1];
  assert.ok(catalog.get(first)!.defaultFor.includes('Box AI Standard Extract'), first);
});
