/** What a `model` field expects: a chat model, or an embedding model (under `embeddings`). */
export type SlotKind = 'chat' | 'embedding';

/** A `model` value inside a Box AI override. Offsets are UTF-16 indices into the document text. */
export interface Slot {
  kind: SlotKind;
  /** Start and end of the string's content (inside the quotes); equal when there is no value yet. */
  start: number;
  end: number;
  /** The string's content as written (escapes not decoded; model ids have none). */
  value: string;
  /** The quote the value uses, or '' when the cursor sits after `model:` with no string yet. */
  quote: string;
  /** False for a string that runs to the end of its line without a closing quote. */
  terminated: boolean;
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
