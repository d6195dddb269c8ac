import { Catalog } from '../catalog/catalog';
import { ModelCard } from '../catalog/model';
import { Slot } from '../locate/slot';
import { Finding } from './finding';

/**
 * What Box's API would reject or warn about in each model slot: an unknown id, a spelling only some
 * of Box's docs use, a retired model, a model of the wrong kind for the slot. Empty values (still
 * being typed) are left alone.
 */
export function checkSlots(slots: readonly Slot[], catalog: Catalog): Finding[] {
  const findings: Finding[] = [];
  for (const slot of slots) {
    if (slot.key !== 'model' || slot.value.trim() === '') continue;
    const finding = checkSlot(slot, catalog);
    if (finding) findings.push({ ...finding, start: slot.start, end: slot.end });
  }
  return findings;
}

function checkSlot(slot: Slot, catalog: Catalog): Omit<Finding, 'start' | 'end'> | undefined {
  const hit = catalog.lookup(slot.value);
  if (!hit) {
    const close = closestIds(slot.value, catalog.offered(slot.kind));
    const what = slot.kind === 'embedding' ? 'embedding model' : 'model';
    return {
      code: 'unknown-model',
      message: `Unknown Box AI ${what} "${slot.value}".${close.length ? ` Did you mean ${close.join(', ')}?` : ''} Box answers 400 to a model it does not know.`,
      fixes: close.map((id, i) => ({ title: `Change to ${id}`, replacement: id, preferred: i === 0 })),
    };
  }
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

/** Up to three current ids closest to a misspelt one: contained in it or it in them, or few edits away. */
export function closestIds(value: string, models: readonly ModelCard[]): string[] {
  const wanted = value.toLowerCase();
  const scored = models.map((m) => {
    const id = m.id.toLowerCase();
    const distance = id.includes(wanted) || wanted.includes(id) ? Math.abs(id.length - wanted.length) / 4 : editDistance(wanted, id);
    return { id: m.id, distance };
  });
  const limit = Math.max(2, Math.floor(wanted.length / 3));
  return scored
    .filter((s) => s.distance <= limit)
    .sort((a, b) => a.distance - b.distance || a.id.localeCompare(b.id))
    .slice(0, 3)
    .map((s) => s.id);
}

/** Levenshtein distance, with an adjacent swap counting as one edit. */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
    }
  }
  return rows[a.length][b.length];
}
