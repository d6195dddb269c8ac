/** What a `model` field expects: a chat model, or an embedding model (under `embeddings`). */
export type SlotKind = 'chat' | 'embedding';

/**
 * Keys whose values the locators report from inside Box AI overrides: `model` (what completion and
 * hover serve) and the settings the checks compare with it. SDK camelCase keys are reported in
 * snake_case.
 */
export type SlotKey = 'model' | 'type' | 'num_tokens_for_completion' | 'num_tokens_per_chunk' | 'prompt_template';
const SLOT_KEYS: readonly SlotKey[] = ['model', 'type', 'num_tokens_for_completion', 'num_tokens_per_chunk', 'prompt_template'];

/**
 * The object a value sits in, and the object around that, each named by the key that holds it. In
 * SDK code a constructor call and its options object are one object (`new AiAgentBasicTextTool({...})`,
 * `AiAgentBasicTextTool(model=...)`). `id` is the object's start offset, which tells objects apart.
 */
export interface Owner {
  // Read-only: the slots of one object share one Owner.
  readonly id: number;
  readonly key: string | undefined;
  /** The name that marks the object as it is written: its key, or the SDK class or type around it. */
  readonly label: string | undefined;
  readonly parentId: number | undefined;
  readonly parentKey: string | undefined;
}

/**
 * A value inside a Box AI override: a `model` string (or the empty place where one is being typed),
 * or a setting's string or number. Offsets are UTF-16 indices into the document text.
 */
export interface Slot {
  key: SlotKey;
  /** For `model`: what the field takes. Settings carry the kind of the object they sit in. */
  kind: SlotKind;
  /** Start and end of the string's content (inside the quotes); equal when there is no value yet. */
  start: number;
  end: number;
  /** The string's content as written (escapes not decoded; model ids have none), or a number's digits. */
  value: string;
  /**
   * The quote the value uses (`"""` for a Python triple-quoted string); '' for a number, a YAML
   * plain scalar, or the empty place after `model:` with no string yet.
   */
  quote: string;
  /** False for a string that runs to the end of its line without a closing quote. */
  terminated: boolean;
  /** The quote a completion brings when there is no string yet ('' where values go unquoted, as in YAML). */
  newQuote: string;
  owner: Owner;
}

/**
 * An Owner found in a stretch of text (a Markdown fence, a JSON document inside a string) moved to the
 * host document, where the stretch starts at `by`. The stretch's top level becomes an object of its
 * own, apart from the host's and from other stretches' top levels.
 */
export function shiftOwner(owner: Owner, by: number): Owner {
  const shift = (id: number) => (id < 0 ? -1 - by : id + by);
  return { ...owner, id: shift(owner.id), parentId: owner.parentId === undefined ? undefined : shift(owner.parentId) };
}

/** Where a value sits and how it is written: what a scanner knows before it knows the value's object. */
export type SlotRange = Pick<Slot, 'start' | 'end' | 'value' | 'quote' | 'terminated'>;

/** A slot with its fields always in one order (scanners make many; one shape keeps them cheap). */
export function newSlot(key: SlotKey, kind: SlotKind, range: SlotRange, newQuote: string, owner: Owner): Slot {
  return { key, kind, start: range.start, end: range.end, value: range.value, quote: range.quote, terminated: range.terminated, newQuote, owner };
}

/** Which `model` keys count: only those in a recognised Box override, or every one. */
export type SlotScope = 'boxOverrides' | 'anyModelKey';

/** Keys of an ai_agent override that hold a tool with its own `model` (snake_case and SDK camelCase). */
const TOOL_KEYS = [
  'basic_text', 'basic_text_multi', 'long_text', 'long_text_multi', 'basic_image', 'basic_image_multi', 'spreadsheet', 'basic_gen',
  'basicText', 'basicTextMulti', 'longText', 'longTextMulti', 'basicImage', 'basicImageMulti', 'basicGen',
];
/** Keys and variable names that wrap a whole override. */
const AGENT_KEYS = ['ai_agent', 'aiAgent'];
/** Box SDK functions whose options carry a model name directly. */
const DEFAULT_CONFIG_CALLS = ['getAiAgentDefaultConfig', 'get_ai_agent_default_config', 'GetAiAgentDefaultConfigQueryParams', 'GetAiAgentDefaultConfigQueryParamsArg'];
/** Box SDK classes and types of override objects: AiAgentAsk, AiAgentBasicTextTool, AiStudioAgentAsk... */
const SDK_TYPE = /^(AiAgent|AiStudioAgent|CreateAiAgent)[A-Za-z]*$/;

const BOX_LABELS = new Set([...TOOL_KEYS, ...AGENT_KEYS, ...DEFAULT_CONFIG_CALLS]);

// Scanners name every object they open by its key, and documents repeat a few keys many times over.
const snakeCaseMemo = new Map<string, string>();

/** `numTokensForCompletion` → `num_tokens_for_completion`; snake_case keys are returned as they are. */
export function snakeCase(key: string): string {
  let snake = snakeCaseMemo.get(key);
  if (snake === undefined) {
    snake = /[A-Z]/.test(key) ? key.replace(/(?<=[a-z0-9])([A-Z])/g, '_$1').toLowerCase() : key;
    if (snakeCaseMemo.size >= 4096) snakeCaseMemo.clear(); // bounded: identifiers in a document are unbounded
    snakeCaseMemo.set(key, snake);
  }
  return snake;
}

/** Each reported key under its API (snake_case) and SDK (camelCase) spellings. */
const SLOT_KEY_SPELLINGS: ReadonlyMap<string, SlotKey> = new Map(
  SLOT_KEYS.flatMap((key) => [key, key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())].map((spelling) => [spelling, key] as const)),
);

/** The reported key a property or argument name stands for (snake_case or SDK camelCase), if any. */
export function slotKeyOf(name: string | undefined): SlotKey | undefined {
  return name === undefined ? undefined : SLOT_KEY_SPELLINGS.get(name);
}

/** Keys whose values are numbers; the others take strings. */
export function isNumberKey(key: SlotKey): boolean {
  return key === 'num_tokens_for_completion' || key === 'num_tokens_per_chunk';
}

/** Only the `model` values, for completion and hover. */
export function modelSlots(slots: readonly Slot[]): Slot[] {
  return slots.filter((s) => s.key === 'model');
}

// Any text in which some name could mark an override contains one of these (a cheap test before a
// costly parse: most YAML files, lockfiles and manifests among them, hold no Box override at all). A
// name that contains another (`basic_text_multi`, `getAiAgentDefaultConfig`) is left out: the shorter
// one finds it, and each name the pattern tries costs its pass over every file.
const BOX_LABEL_MENTION = new RegExp(withoutLonger([...BOX_LABELS, 'AiAgent', 'AiStudioAgent']).join('|'));

function withoutLonger(names: readonly string[]): string[] {
  return names.filter((name) => !names.some((other) => other !== name && name.includes(other)));
}

/** False when no key, variable, callee or type name in the text can mark a Box AI override. */
export function mayHoldBoxLabel(text: string): boolean {
  return BOX_LABEL_MENTION.test(text);
}

/** True when a key, variable, callee or type name marks a Box AI override around it. */
export function isBoxLabel(label: string | undefined): boolean {
  return label !== undefined && (BOX_LABELS.has(label) || SDK_TYPE.test(label));
}

/** True when a `model` directly under this label takes an embedding model. */
export function isEmbeddingLabel(label: string | undefined): boolean {
  return label === 'embeddings' || (label !== undefined && /EmbeddingsField$/.test(label));
}

/** The slot whose value (or empty insertion point) contains the offset; ends count as inside. */
export function slotAt(slots: readonly Slot[], offset: number): Slot | undefined {
  // Slots are in document order: binary search for the last one starting at or before the offset.
  let lo = 0;
  let hi = slots.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (slots[mid].start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  const slot = found >= 0 ? slots[found] : undefined;
  return slot && offset <= slot.end ? slot : undefined;
}
