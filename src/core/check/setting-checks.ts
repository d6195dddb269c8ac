import { Catalog } from '../catalog/catalog';
import { ModelCard, PARAMS_TYPES } from '../catalog/model';
import { Slot } from '../locate/slot';
import { groupDigits } from '../present/format';
import { Finding } from './finding';

// Limits from Box's OpenAPI description of ai_agent overrides.
export const CHUNK_TOKENS_MIN = 1;
export const CHUNK_TOKENS_MAX = 512;
export const PROMPT_TEMPLATE_MAX_LENGTH = 10_000;

/**
 * Settings that do not fit the model beside them or Box's limits: an `llm_endpoint_params.type` of
 * another provider, more completion tokens than the model can write, a chunk size outside 1..512, a
 * prompt template without its placeholders or over 10,000 characters. `slots` are one document's
 * slots and settings, as the locators report them.
 */
export function checkSettings(slots: readonly Slot[], catalog: Catalog): Finding[] {
  const findings: Finding[] = [];
  // The chat model of each object, to compare the settings in and under it with.
  const modelOf = new Map<number, ModelCard>();
  // Objects declared `type: ai_agent_text_gen`, whose tools' templates need fewer placeholders.
  const textGenAgents = new Set<number>();
  for (const slot of slots) {
    const model = slot.key === 'model' && slot.kind === 'chat' ? catalog.lookup(slot.value)?.model : undefined;
    if (model?.kind === 'chat') modelOf.set(slot.owner.id, model);
    if (slot.key === 'type' && slot.value === 'ai_agent_text_gen') textGenAgents.add(slot.owner.id);
  }
  for (const slot of slots) {
    if (!slot.terminated) continue; // still being typed
    const at = { start: slot.start, end: slot.end };
    switch (slot.key) {
      case 'type': {
        const model = slot.owner.key === 'llm_endpoint_params' && slot.owner.parentId !== undefined ? modelOf.get(slot.owner.parentId) : undefined;
        const expected = model?.paramsType;
        if (!model || !expected || slot.value === expected || slot.value === '') break;
        const known = (PARAMS_TYPES as readonly string[]).includes(slot.value);
        findings.push({
          code: 'params-type-mismatch',
          ...at,
          message: `llm_endpoint_params.type "${slot.value}" ${known ? 'is for another provider' : 'is not a type Box defines'}: ${model.name} (${model.id}) is hosted by ${model.hosting} and takes "${expected}".`,
          fixes: [{ title: `Change to ${expected}`, replacement: expected, preferred: true }],
        });
        break;
      }
      case 'num_tokens_for_completion': {
        const model = modelOf.get(slot.owner.id);
        const requested = Number(slot.value);
        if (!model?.maxOutputTokens || !(requested > model.maxOutputTokens)) break;
        findings.push({
          code: 'completion-tokens-over-max',
          ...at,
          message: `num_tokens_for_completion is ${groupDigits(requested)}, but ${model.name} (${model.id}) writes at most ${groupDigits(model.maxOutputTokens)} output tokens.`,
          fixes: [{ title: `Change to ${model.maxOutputTokens}`, replacement: String(model.maxOutputTokens), preferred: true }],
        });
        break;
      }
      case 'num_tokens_per_chunk': {
        const size = Number(slot.value);
        if (size >= CHUNK_TOKENS_MIN && size <= CHUNK_TOKENS_MAX) break;
        const nearest = size < CHUNK_TOKENS_MIN ? CHUNK_TOKENS_MIN : CHUNK_TOKENS_MAX;
        findings.push({
          code: 'chunk-size-out-of-range',
          ...at,
          message: `embeddings.strategy.num_tokens_per_chunk is ${groupDigits(size)}; Box accepts ${CHUNK_TOKENS_MIN} to ${CHUNK_TOKENS_MAX}.`,
          fixes: [{ title: `Change to ${nearest}`, replacement: String(nearest), preferred: true }],
        });
        break;
      }
      case 'prompt_template':
        findings.push(...checkPromptTemplate(slot, isTextGen(slot, textGenAgents)));
        break;
    }
  }
  return findings;
}

function checkPromptTemplate(slot: Slot, textGen: boolean): Finding[] {
  const findings: Finding[] = [];
  const at = { start: slot.start, end: slot.end, fixes: [] };
  const required = textGen ? ['{user_question}'] : ['{user_question}', '{content}'];
  const missing = required.filter((p) => !slot.value.includes(p));
  if (missing.length) {
    const needs = textGen ? 'A text_gen prompt_template must contain {user_question}' : 'A prompt_template must contain both {user_question} and {content}';
    findings.push({ code: 'prompt-template-placeholder-missing', ...at, message: `${needs}; this one lacks ${missing.join(' and ')}. Box rejects it.` });
  }
  const length = decodedLength(slot);
  if (length > PROMPT_TEMPLATE_MAX_LENGTH) {
    findings.push({
      code: 'prompt-template-too-long',
      ...at,
      message: `prompt_template is ${groupDigits(length)} characters; Box accepts at most ${groupDigits(PROMPT_TEMPLATE_MAX_LENGTH)}.`,
    });
  }
  return findings;
}

/**
 * Text generation (`basic_gen`, AiAgentBasicGenTool, an agent of type ai_agent_text_gen) needs only
 * {user_question} in its template; the ask and extract tools need {content} too.
 */
function isTextGen(slot: Slot, textGenAgents: ReadonlySet<number>): boolean {
  if (slot.owner.key === 'basic_gen' || /BasicGen|TextGen/.test(slot.owner.label ?? '')) return true;
  return slot.owner.parentId !== undefined && textGenAgents.has(slot.owner.parentId);
}

/** The length of a string value once its backslash escapes are read (YAML block values come decoded). */
function decodedLength(slot: Slot): number {
  const { value } = slot;
  if (slot.quote === '' || slot.quote === '|' || !value.includes('\\')) return value.length;
  let length = 0;
  for (let i = 0; i < value.length; length++) {
    if (value[i] !== '\\') i++;
    else if (value[i + 1] === 'u') i += 6;
    else if (value[i + 1] === 'x') i += 4;
    else i += 2;
  }
  return length;
}
