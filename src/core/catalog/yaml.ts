import { parseDocument } from 'yaml';
import { Catalog, catalogFromData } from './catalog';

/**
 * Reads a catalog file written in YAML (data/models.yaml, or a user's extra catalog). Never throws:
 * text that is not YAML gives an empty catalog with one problem. Kept apart from catalog.ts so that
 * the YAML parser is only loaded where YAML is read (the build, the importer, users' extra files).
 */
export function parseCatalog(text: string, source: string): Catalog {
  try {
    const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
    if (doc.errors.length) return new Catalog([], [{ source, index: -1, message: `not valid YAML: ${doc.errors[0].message}` }]);
    return catalogFromData(doc.toJS(), source);
  } catch (error) {
    return new Catalog([], [{ source, index: -1, message: `not valid YAML: ${(error as Error).message}` }]);
  }
}
