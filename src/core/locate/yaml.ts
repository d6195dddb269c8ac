import type * as Yaml from 'yaml';
import { isBoxLabel, isEmbeddingLabel, isNumberKey, newSlot, Owner, Slot, slotKeyOf, SlotRange, SlotScope, snakeCase } from './slot';

// YAML configs that hold overrides, read with the `yaml` package: YAML's quoting, flow and block forms
// are too many to scan by hand. The parser is required on first use, so activation never pays for it.

let parser: typeof Yaml | undefined;

interface Context {
  box: boolean;
  label: string | undefined;
  owner: Owner;
}

/**
 * Every `model` value and reported setting inside a Box override in a YAML text (every `model` with
 * scope `anyModelKey`), in document order. Broken YAML yields what the parser could still read.
 */
export function findYamlSlots(text: string, scope: SlotScope = 'boxOverrides'): Slot[] {
  parser ??= require('yaml') as typeof Yaml;
  const slots: Slot[] = [];
  const top: Context = { box: scope === 'anyModelKey', label: undefined, owner: { id: -1, key: undefined, label: undefined, parentId: undefined, parentKey: undefined } };
  for (const document of parser.parseAllDocuments(text, { uniqueKeys: false })) {
    if ('contents' in document) visit(document.contents, top, text, slots, parser);
  }
  return slots.sort((a, b) => a.start - b.start);
}

function visit(node: unknown, context: Context, text: string, slots: Slot[], yaml: typeof Yaml): void {
  if (yaml.isSeq(node)) {
    for (const item of node.items) visit(item, context, text, slots, yaml);
    return;
  }
  if (!yaml.isMap(node)) return;
  for (const pair of node.items) {
    const name = yaml.isScalar(pair.key) ? String(pair.key.value) : undefined;
    const value = pair.value;
    if (yaml.isMap(value) || yaml.isSeq(value)) {
      const id = value.range?.[0] ?? -1;
      const key = name && snakeCase(name);
      const inner: Context = {
        box: context.box || isBoxLabel(name),
        label: name,
        owner: yaml.isMap(value) ? { id, key, label: name, parentId: context.owner.id, parentKey: context.owner.key } : context.owner,
      };
      visit(value, inner, text, slots, yaml);
      continue;
    }
    const key = slotKeyOf(name);
    if (!key || !context.box || (value !== null && !yaml.isScalar(value))) continue;
    const slot = scalarSlot(value, pair.key, text);
    if (!slot) continue;
    if (key !== 'model' && slot.value === '') continue;
    if (isNumberKey(key) && !(slot.quote === '' && /^\d+$/.test(slot.value))) continue;
    slots.push(newSlot(key, isEmbeddingLabel(context.label) ? 'embedding' : 'chat', slot, '', context.owner));
  }
}

/** Where a scalar's content lies, and how it is written; an absent value is the empty place after `key:`. */
function scalarSlot(value: Yaml.Scalar | null, key: unknown, text: string): SlotRange | undefined {
  if (value === null || value.range === undefined || value.range === null) {
    const keyRange = (key as Yaml.Scalar | undefined)?.range;
    if (!keyRange) return undefined;
    const colon = text.indexOf(':', keyRange[1]);
    return colon < 0 ? undefined : { start: colon + 1, end: colon + 1, value: '', quote: '', terminated: true };
  }
  const [start, end] = value.range;
  if (value.type === 'QUOTE_DOUBLE' || value.type === 'QUOTE_SINGLE') {
    const quote = text[start];
    const terminated = end - start >= 2 && text[end - 1] === quote;
    // An unclosed quote runs on across lines in YAML; the value being typed is the rest of its line.
    const lineEnd = terminated ? end - 1 : lineEndFrom(text, start + 1, end);
    return { start: start + 1, end: lineEnd, value: terminated ? String(value.value ?? '') : text.slice(start + 1, lineEnd), quote, terminated };
  }
  if (value.type === 'PLAIN') return { start, end, value: text.slice(start, end), quote: '', terminated: true };
  // Block scalars (`|`, `>`): the header and content are the range, the decoded text the value.
  return { start, end, value: String(value.value ?? ''), quote: '|', terminated: true };
}

function lineEndFrom(text: string, from: number, limit: number): number {
  for (let i = from; i < limit; i++) if (text[i] === '\n' || text[i] === '\r') return i;
  return limit;
}
