// npm run contributions:build   writes the catalog-derived contributions: the model-id injection
// grammar (syntaxes/) and the ai_agent override snippets (data/snippets/). CI rebuilds and diffs them.
import { mkdirSync } from 'node:fs';
import { buildGrammar } from './contributions/grammar';
import { buildSnippets } from './contributions/snippets';
import { readCatalog, writeJson } from './generated';

const catalog = readCatalog();
writeJson('syntaxes/model-ids.injection.tmLanguage.json', buildGrammar(catalog));
mkdirSync('data/snippets', { recursive: true });
for (const language of ['json', 'typescript', 'python'] as const) {
  writeJson(`data/snippets/${language}.code-snippets`, buildSnippets(catalog, language));
}
console.log('wrote syntaxes/model-ids.injection.tmLanguage.json and data/snippets/{json,typescript,python}.code-snippets');
