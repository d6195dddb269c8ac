import { Catalog } from '../../src/core/catalog/catalog';

/** Scopes the injection gives model ids inside strings; themes colour `support.constant` and `invalid.deprecated`. */
export const MODEL_SCOPES = {
  current: 'support.constant.model-id.box-ai',
  alias: 'support.constant.model-id.alias.box-ai',
  retired: 'invalid.deprecated.model-id.retired.box-ai',
} as const;

export const GRAMMAR_SCOPE_NAME = 'box-ai.model-ids.injection';

/** The grammars the injection goes into: JSON, JSONC, JS/TS (and React), Python, YAML, and Markdown (for its fences). */
export const INJECT_TO = ['source.json', 'source.json.comments', 'source.js', 'source.js.jsx', 'source.ts', 'source.tsx', 'source.python', 'source.yaml', 'text.html.markdown'];

function alternation(ids: string[]): string {
  // Longest first, so that no id stops at a shorter one it starts with.
  const escaped = [...new Set(ids)].sort((a, b) => b.length - a.length || a.localeCompare(b)).map((id) => id.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&'));
  // An id is whole only when no name character touches it on either side.
  return `(?<![\\w.\\-])(?:${escaped.join('|')})(?![\\w.\\-])`;
}

/**
 * A TextMate injection grammar that scopes the catalog's model ids wherever a string is: current ids,
 * the alias spellings Box's docs use, and retired ids apart, so themes can show a retired one as such.
 */
export function buildGrammar(catalog: Catalog): Record<string, unknown> {
  const current = catalog.models.filter((m) => m.status !== 'retired');
  const retired = catalog.models.filter((m) => m.status === 'retired');
  const patterns = [
    { name: MODEL_SCOPES.current, ids: current.map((m) => m.id) },
    { name: MODEL_SCOPES.alias, ids: current.flatMap((m) => m.aliases) },
    { name: MODEL_SCOPES.retired, ids: retired.flatMap((m) => [m.id, ...m.aliases]) },
  ].filter((p) => p.ids.length > 0);
  return {
    $comment: 'Generated from data/models.yaml by `npm run contributions:build`; do not edit.',
    scopeName: GRAMMAR_SCOPE_NAME,
    injectionSelector: 'L:string -comment',
    patterns: patterns.map((p) => ({ name: p.name, match: alternation(p.ids) })),
  };
}
