import { ModelCard, ModelKind } from './model';
import { CatalogProblem, crossCheck, FULL_DATE, validateEntry } from './validate';

export interface Lookup {
  model: ModelCard;
  /** `alias` when the text matched one of the model's other spellings, not its id. */
  via: 'id' | 'alias';
}

/** Where a catalog's facts come from, and the date they were read there. */
export interface CatalogOrigin {
  /** For people: "Box developer docs (main)", a URL, a folder. */
  source: string;
  /** ISO date (YYYY-MM-DD) the source was read. */
  asOf: string;
}

/** The models the extension knows, indexed for lookups by id and alias. */
export class Catalog {
  private readonly byName = new Map<string, Lookup>();

  constructor(
    readonly models: readonly ModelCard[],
    /** Entries that were skipped, with why. Valid entries are kept regardless. */
    readonly problems: readonly CatalogProblem[] = [],
    readonly origin?: CatalogOrigin,
  ) {
    for (const model of models) {
      this.byName.set(model.id, { model, via: 'id' });
      for (const alias of model.aliases) if (!this.byName.has(alias)) this.byName.set(alias, { model, via: 'alias' });
    }
  }

  lookup(name: string): Lookup | undefined {
    return this.byName.get(name);
  }

  get(id: string): ModelCard | undefined {
    const hit = this.byName.get(id);
    return hit?.via === 'id' ? hit.model : undefined;
  }

  /** Models one may put in a slot of this kind today: never retired ones. */
  offered(kind: ModelKind, includePreview = true): ModelCard[] {
    return this.models.filter(
      (m) => m.kind === kind && m.status !== 'retired' && (includePreview || m.status === 'available'),
    );
  }

  /** Adds models from another catalog (a user's file); on a clash the earlier entry wins, with a problem. */
  merge(other: Catalog, source: string): Catalog {
    const problems = [...this.problems, ...other.problems];
    const models = [...this.models];
    for (const model of other.models) {
      const clash = [model.id, ...model.aliases].find((name) => this.byName.has(name));
      if (clash) problems.push({ source, index: -1, id: model.id, message: `"${clash}" is already in the catalog; entry ignored` });
      else models.push(model);
    }
    return new Catalog(models, problems, this.origin);
  }
}

/**
 * A user's catalog file on top of the catalog in use. A whole catalog (one that names its source and
 * date, as `box-ai-models update-catalog` writes it) that is newer takes the place of the one in use, so
 * a team can keep a fresh catalog in its repository; an older one is not used. Any other file adds its
 * models.
 */
export function withCatalogFile(catalog: Catalog, file: Catalog, source: string): Catalog {
  if (!file.origin || file.models.length === 0) return catalog.merge(file, source);
  if (catalog.origin && file.origin.asOf <= catalog.origin.asOf) {
    const problem = { source, index: -1, message: `a whole catalog as of ${file.origin.asOf}, not newer than the one in use (${describeOrigin(catalog.origin)}); not used` };
    return new Catalog(catalog.models, [...catalog.problems, problem], catalog.origin);
  }
  return new Catalog(file.models, [...catalog.problems, ...file.problems], file.origin);
}

/** "Box developer docs (main), 2026-02-16": how messages name the catalog a check used. */
export function describeOrigin(origin: CatalogOrigin | undefined): string {
  return origin ? `${origin.source}, ${origin.asOf}` : 'a catalog of unknown date';
}

/**
 * Builds a catalog from already-parsed data (`{ models: [...] }`). Never throws: a wrong shape gives an
 * empty catalog with one problem; a broken entry is skipped with a problem naming it.
 */
export function catalogFromData(data: unknown, source: string): Catalog {
  const list = typeof data === 'object' && data !== null ? (data as { models?: unknown }).models : undefined;
  if (!Array.isArray(list)) return new Catalog([], [{ source, index: -1, message: 'expected a top-level "models:" list' }]);

  const problems: CatalogProblem[] = [];
  const origin = originOf(data as Record<string, unknown>);
  if (origin === null) problems.push({ source, index: -1, message: '"source" and "asOf" (YYYY-MM-DD) go together, as non-empty strings' });
  const cards: ModelCard[] = [];
  const indexOf: number[] = [];
  list.forEach((raw, index) => {
    const { card, errors } = validateEntry(raw);
    const id = typeof (raw as { id?: unknown })?.id === 'string' ? (raw as { id: string }).id : undefined;
    for (const message of errors) problems.push({ source, index, id, message });
    if (card) {
      cards.push(card);
      indexOf.push(index);
    }
  });
  const rejected = new Set<number>();
  for (const { index, message } of crossCheck(cards)) {
    problems.push({ source, index: indexOf[index], id: cards[index].id, message });
    // A duplicate is dropped; a dangling successor only loses the successor.
    if (message.includes('already used')) rejected.add(index);
    else delete cards[index].successor;
  }
  return new Catalog(cards.filter((_, i) => !rejected.has(i)), problems, origin ?? undefined);
}

/** The file's `source` and `asOf`; undefined when it gives neither, null when they are malformed. */
function originOf(data: Record<string, unknown>): CatalogOrigin | undefined | null {
  const { source, asOf } = data;
  if (source === undefined && asOf === undefined) return undefined;
  if (typeof source !== 'string' || source.trim() === '' || typeof asOf !== 'string' || !FULL_DATE.test(asOf)) return null;
  return { source, asOf };
}

/** One line per problem, for logs and notifications. */
export function formatProblem(problem: CatalogProblem): string {
  const where = problem.index < 0 ? problem.source : `${problem.source} models[${problem.index}]${problem.id ? ` (${problem.id})` : ''}`;
  return `${where}: ${problem.message}`;
}
