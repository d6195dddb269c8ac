import { Catalog } from '../core/catalog/catalog';
import { closestIds } from '../core/check/model-checks';

/** ` (did you mean …?)` for a model name the catalog does not know, or nothing. */
export function lookupSuggestions(name: string, catalog: Catalog): string {
  const close = closestIds(name, catalog.models.filter((m) => m.status !== 'retired'));
  return close.length ? ` (did you mean ${close.join(' or ')}?)` : '';
}
