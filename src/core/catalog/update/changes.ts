// What a catalog update changes, and how models that left Box's list are kept.
import { Catalog } from '../catalog';
import { ModelCard } from '../model';

export interface FactChange {
  field: string;
  before: string;
  after: string;
}

export interface CatalogChanges {
  added: ModelCard[];
  /** Current before, no longer on Box's list now: kept as retired. */
  dropped: ModelCard[];
  changed: { id: string; facts: FactChange[] }[];
}

/** The facts compared between two catalogs; notes and recorded conflicts are commentary, not facts. */
const FACTS: (keyof ModelCard)[] = [
  'name', 'provider', 'hosting', 'kind', 'tier', 'access', 'status', 'retiredOn', 'released', 'knowledgeCutoff', 'contextWindow',
  'maxOutputTokens', 'throughput', 'openSource', 'compliance', 'defaultFor', 'boxAgent', 'paramsType', 'tokenizer', 'cardUrl', 'aliases',
];

/**
 * The models Box lists now, plus every model of the previous catalog that it no longer lists: those
 * stay, as retired since the date the previous catalog was read (when they were last seen), so that a
 * file naming one is told it left, not that it never existed.
 */
export function carryForward(previous: Catalog, listed: readonly ModelCard[], checkedOn: string): ModelCard[] {
  const names = new Set(listed.flatMap((m) => [m.id, ...m.aliases]));
  const lastSeen = previous.origin?.asOf ?? checkedOn;
  const kept = previous.models
    .filter((m) => !names.has(m.id))
    .map((m): ModelCard => {
      if (m.status === 'retired') return m;
      const { access: _unknownNow, ...rest } = m;
      return {
        ...rest,
        status: 'retired',
        retiredOn: lastSeen,
        notes: [...m.notes, `Not on Box's list of models when checked on ${checkedOn}; last seen in the catalog of ${lastSeen}.`],
      };
    });
  return [...listed, ...kept].sort((a, b) => a.id.localeCompare(b.id));
}

export function catalogChanges(before: readonly ModelCard[], after: readonly ModelCard[]): CatalogChanges {
  const old = new Map(before.map((m) => [m.id, m]));
  const changes: CatalogChanges = { added: [], dropped: [], changed: [] };
  for (const model of after) {
    const was = old.get(model.id);
    if (!was) changes.added.push(model);
    else if (was.status !== 'retired' && model.status === 'retired') changes.dropped.push(model);
    else {
      const facts = FACTS.map((field) => ({ field, before: shown(was[field]), after: shown(model[field]) })).filter((f) => f.before !== f.after);
      if (facts.length) changes.changed.push({ id: model.id, facts });
    }
  }
  return changes;
}

export function hasChanges(changes: CatalogChanges): boolean {
  return changes.added.length + changes.dropped.length + changes.changed.length > 0;
}

/** The changes as lines for people: a summary line, then one line per model. */
export function describeChanges(changes: CatalogChanges): string[] {
  const lines: string[] = [];
  for (const m of changes.added) lines.push(`+ ${m.id} (${m.name}): new`);
  for (const m of changes.dropped) lines.push(`− ${m.id} (${m.name}): no longer listed; kept as retired since ${m.retiredOn}`);
  for (const { id, facts } of changes.changed) lines.push(`~ ${id}: ${facts.map((f) => `${f.field} ${f.before} → ${f.after}`).join('; ')}`);
  return lines;
}

export function summariseChanges(changes: CatalogChanges): string {
  const parts = [
    changes.added.length && `${changes.added.length} new`,
    changes.dropped.length && `${changes.dropped.length} no longer listed`,
    changes.changed.length && `${changes.changed.length} with changed facts`,
  ].filter(Boolean);
  return parts.length ? `${parts.join(', ')}` : 'no changes';
}

function shown(value: unknown): string {
  if (value === undefined) return '(none)';
  if (Array.isArray(value)) return value.length ? value.join(', ') : '(none)';
  return String(value);
}

const WEEK_MS = 7 * 24 * 3600_000;

/** Whether the weekly check (when the user turned it on) is due: never done, or done a week ago or more. */
export function weeklyCheckDue(lastCheck: number | undefined, now: number): boolean {
  return lastCheck === undefined || now - lastCheck >= WEEK_MS;
}
