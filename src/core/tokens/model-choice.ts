import { Catalog } from '../catalog/catalog';
import { ModelCard } from '../catalog/model';

/** `auto`, or a model id. */
export type ModelChoice = string;
export const AUTOMATIC = 'auto';

/** The Box agent whose default model the counter falls back to: the one answering questions on documents. */
export const FALLBACK_AGENT = 'Box AI for Documents';

export type ChoiceReason =
  | { kind: 'chosen' } // picked for this workspace, or set in the settings
  | { kind: 'named' } // automatic: the one model the file names
  | { kind: 'fallback'; named: number }; // automatic: the file names none (0) or several

export interface ResolvedModel {
  model: ModelCard;
  reason: ChoiceReason;
}

/** The model an automatic choice falls back to: Box's default for its document agent, else the first available chat model. */
export function fallbackModel(catalog: Catalog): ModelCard | undefined {
  const current = catalog.models.filter((m) => m.status !== 'retired');
  return current.find((m) => m.defaultFor.includes(FALLBACK_AGENT)) ?? current.find((m) => m.kind === 'chat');
}

/**
 * Which model the count is measured against. A fixed choice that the catalog does not know (a typo in
 * the settings, a model since removed) is treated as automatic rather than failing.
 */
export function resolveModel(choice: ModelChoice, namedInFile: readonly string[], catalog: Catalog): ResolvedModel | undefined {
  if (choice !== AUTOMATIC) {
    const chosen = catalog.lookup(choice)?.model;
    if (chosen) return { model: chosen, reason: { kind: 'chosen' } };
  }
  const named = [...new Set(namedInFile.map((name) => catalog.lookup(name)?.model).filter((m): m is ModelCard => !!m && m.kind === 'chat'))];
  if (named.length === 1) return { model: named[0], reason: { kind: 'named' } };
  const fallback = fallbackModel(catalog);
  return fallback && { model: fallback, reason: { kind: 'fallback', named: named.length } };
}
