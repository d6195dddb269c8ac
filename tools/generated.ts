// What the generators share: the catalog they build from, and how they write their output.
import { readFileSync, writeFileSync } from 'node:fs';
import { Catalog } from '../src/core/catalog/catalog';
import { parseCatalog } from '../src/core/catalog/yaml';

/** data/models.yaml, refusing to build anything from a catalog with problems. */
export function readCatalog(): Catalog {
  const catalog = parseCatalog(readFileSync('data/models.yaml', 'utf8'), 'data/models.yaml');
  if (catalog.problems.length) throw new Error(`data/models.yaml has problems: ${catalog.problems.map((p) => p.message).join('; ')}`);
  return catalog;
}

/** Pretty JSON with a final newline, as the generated files are committed (and diffed in CI). */
export function writeJson(path: string, value: unknown): void {
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}
