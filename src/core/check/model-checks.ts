import { Catalog, describeOrigin } from '../catalog/catalog';
import { ModelCard } from '../catalog/model';
import { API_ID } from '../catalog/validate';
import { Slot } from '../locate/slot';
import { Finding, Fix } from './finding';

/**
 * What Box's API would reject or warn about in each model slot: a value that is no Box model name, a
 * Box-shaped id the catalog does not know, a spelling only some of Box's docs use, a retired model,
 * a model of the wrong kind for the slot. Empty values (still being typed) are left alone.
 */
export function checkSlots(slots: readonly Slot[], catalog: Catalog, now = Date.now()): Finding[] {
  const findings: Finding[] = [];
  for (const slot of slots) {
    if (slot.key !== 'model' || slot.value.trim() === '') continue;
    const finding = checkSlot(slot, catalog, now);
    if (finding) findings.push({ ...finding, start: slot.start, end: slot.end });
  }
  return findings;
}

function checkSlot(slot: Slot, catalog: Catalog, now: number): Omit<Finding, 'start' | 'end'> | undefined {
  const hit = catalog.lookup(slot.value);
  if (!hit) return unknownName(slot, catalog, now);
  const { model } = hit;
  if (model.kind !== slot.kind) {
    const offered = catalog.offered(slot.kind);
    return slot.kind === 'embedding'
      ? {
          code: 'chat-model-in-embedding-slot',
          message: `${model.id} is a chat model; embeddings.model takes an embedding model (${offered.map((m) => m.id).join(', ')}).`,
          fixes: offered.map((m, i) => ({ title: `Change to ${m.id}`, replacement: m.id, preferred: i === 0 })),
        }
      : {
          code: 'embedding-model-in-chat-slot',
          message: `${model.id} is an embedding model; this model field takes a chat model. Embedding models belong under embeddings.`,
          fixes: [],
        };
  }
  if (model.status === 'retired') {
    const successor = model.successor ? catalog.get(model.successor) : undefined;
    return {
      code: 'retired-model',
      message: `${model.name} (${model.id}) was retired${model.retiredOn ? ` on ${model.retiredOn}` : ''}; requests naming it are expected to fail.${successor ? ` Suggested successor: ${successor.id} (${successor.name}).` : ''}`,
      fixes: successor ? [{ title: `Change to ${successor.id}`, replacement: successor.id, preferred: true }] : [],
    };
  }
  if (hit.via === 'alias') {
    return {
      code: 'alias-model',
      message: `"${slot.value}" is another spelling of ${model.id} (${model.name}) seen in Box's docs; the API documents ${model.id}.`,
      fixes: [{ title: `Change to ${model.id}`, replacement: model.id, preferred: true }],
    };
  }
  return undefined;
}

/** A catalog older than this offers its update first for an id it does not know. */
export const STALE_CATALOG_DAYS = 30;

/**
 * A name the catalog does not know. Without Box's `provider__` shape it cannot be a Box model (an
 * error); with it, it may be a model Box added after the catalog was read (a warning naming that
 * catalog, with the ways to learn of it: the update first when the catalog is over a month old).
 */
function unknownName(slot: Slot, catalog: Catalog, now: number): Omit<Finding, 'start' | 'end'> {
  const what = slot.kind === 'embedding' ? 'embedding model' : 'model';
  const boxShaped = API_ID.test(slot.value);
  const close = closestIds(boxShaped ? slot.value : boxSpelling(slot.value), catalog.offered(slot.kind), !boxShaped);
  const didYouMean = close.length ? ` Did you mean ${close.join(', ')}?` : '';
  const fixes: Fix[] = close.map((id, i) => ({ title: `Change to ${id}`, replacement: id, preferred: i === 0 }));
  if (!boxShaped) {
    return {
      code: 'not-a-box-model-name',
      message: `"${slot.value}" is not a Box AI ${what} name: Box names models provider__model (for example aws__claude_3_7_sonnet) and answers 400 to anything else.${didYouMean}`,
      fixes,
    };
  }
  const family = familyOf(slot.value, catalog);
  const asOf = catalog.origin?.asOf;
  const message = family
    ? `"${slot.value}" is not in the model catalog (${describeOrigin(catalog.origin)}), but it is named like Box's ${family}… models: Box may have added it after ${asOf ?? 'the catalog was read'}. Update the catalog from Box's docs to learn of it (its facts are unknown until then).${didYouMean} If it is a typo, Box answers 400.`
    : `"${slot.value}" is not in the model catalog (${describeOrigin(catalog.origin)}).${didYouMean} If Box added it since, update the catalog or add it to a workspace catalog file; otherwise Box answers 400.`;
  const stale = asOf !== undefined && now - Date.parse(`${asOf}T00:00:00Z`) > STALE_CATALOG_DAYS * 24 * 3600_000;
  return { code: 'unknown-model', message, fixes, actions: ['update-catalog', 'add-to-workspace-catalog'], ...(stale ? { actionsFirst: true } : {}) };
}

/**
 * The family an unknown id is named in, when the catalog has models of it: `aws__claude_4_6_opus` →
 * `aws__claude_`, as `aws__claude_4_5_opus` is. A family is the id up to the first word after its last `__`.
 */
export function familyOf(id: string, catalog: Catalog): string | undefined {
  const family = /^(.*__[a-z]+)(?=[_\d.]|$)/.exec(id)?.[1];
  if (!family) return undefined;
  return catalog.models.some((m) => m.id !== id && m.id.startsWith(family) && /^[_\d.]/.test(m.id.slice(family.length))) ? `${family}_` : undefined;
}

/** `claude-3-7-sonnet-20250219` → `claude_3_7_sonnet_20250219`: a provider's own name in Box's spelling. */
function boxSpelling(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9]+/g, '_');
}

/** Up to three current ids closest to a misspelt one: contained in it or it in them, or few edits away. */
export function closestIds(value: string, models: readonly ModelCard[], withoutProvider = false): string[] {
  const wanted = value.toLowerCase();
  const scored = models.map((m) => {
    // A provider's own name is compared with the part of Box's id after the last `__`.
    const id = withoutProvider ? m.id.toLowerCase().split('__').pop()! : m.id.toLowerCase();
    const distance = id.includes(wanted) || wanted.includes(id) ? Math.abs(id.length - wanted.length) / 4 : editDistance(wanted, id);
    return { id: m.id, distance };
  });
  const limit = Math.max(2, Math.floor(wanted.length / 3));
  return scored
    .filter((s) => s.distance <= limit)
    // Ties in id order by code unit: ids are ASCII, and localeCompare's first call costs ICU's set-up (about 10 ms).
    .sort((a, b) => a.distance - b.distance || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, 3)
    .map((s) => s.id);
}

/**
 * Levenshtein distance, with an adjacent swap counting as one edit. Three rows of the table are kept
 * (a swap looks two rows back), not the whole table: it runs for every model on every misspelt value.
 */
export function editDistance(a: string, b: string): number {
  let twoBack = new Uint32Array(b.length + 1);
  let previous = new Uint32Array(b.length + 1);
  let current = new Uint32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const bj = b.charCodeAt(j - 1);
      let best = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) best = Math.min(best, twoBack[j - 2] + 1);
      current[j] = best;
    }
    [twoBack, previous, current] = [previous, current, twoBack];
  }
  return previous[b.length];
}
