// Box AI request bodies against Box's own limits (its OpenAPI description): the prompt's length, how
// many items each endpoint takes, the `mode` of an ask, and inline item content past the text Box reads.
// Bodies are JSON (files, `.http`, Markdown fences, `curl`) or the arguments of an SDK call; both are read
// into request values (locate/request.ts) and checked alike. Which endpoint a body is for comes from its
// URL (a `.http` request line, a `curl` command), the SDK method, or its `ai_agent.type`; when none
// tells, nothing is said.
import { Node, parseTree } from 'jsonc-parser';
import { piecesOf } from '../locate/embedded';
import { JSON_LANGUAGES, SCRIPT_LANGUAGES } from '../locate';
import { constantField, Endpoint, objectField, RequestBody, RequestValue, valueOfJson } from '../locate/request';
import { mentionsSdkCall, sdkRequests } from '../locate/sdk-calls';
import { BOX_TEXT_LIMIT } from '../limits';
import { groupDigits } from '../present/format';
import { utf8Length } from '../tokens/strings';
import { Finding } from './finding';

export { Endpoint } from '../locate/request';

/** `prompt` is at most this many characters (AiAsk, AiTextGen, AiExtract: maxLength 10000). */
export const PROMPT_MAX_LENGTH = 10_000;
/** Items an endpoint takes at most: an ask in `multiple_item_qa` and the extracts 25, text generation exactly one. */
const MAX_ITEMS: Record<Endpoint, number> = { ask: 25, text_gen: 1, extract: 25, extract_structured: 25 };
const MODES = ['single_item_qa', 'multiple_item_qa'];
const AGENT_ENDPOINTS: Record<string, Endpoint> = { ai_agent_ask: 'ask', ai_agent_text_gen: 'text_gen', ai_agent_extract: 'extract', ai_agent_extract_structured: 'extract_structured' };

/** The endpoint a URL calls (`https://api.box.com/2.0/ai/ask` → `ask`). */
export function endpointOfUrl(url: string): Endpoint | undefined {
  return /\/ai\/(ask|text_gen|extract_structured|extract)(?![\w-])/.exec(url)?.[1] as Endpoint | undefined;
}

/** The request checks of a document: its JSON request bodies and SDK calls wherever the language holds them (piecesOf). */
export function checkRequests(text: string, languageId: string): Finding[] {
  if (JSON_LANGUAGES.includes(languageId)) return mayHoldJsonRequest(text) ? checkRequestBody(text) : [];
  if (SCRIPT_LANGUAGES.includes(languageId)) return sdkRequests(text, 'js').flatMap(checkRequest);
  if (languageId === 'python') return sdkRequests(text, 'python').flatMap(checkRequest);
  // A host's pieces are cut out only where one could be a request: most Markdown and shell files hold none.
  if (!mayHoldJsonRequest(text) && !mentionsSdkCall(text)) return [];
  return (piecesOf(text, languageId) ?? []).flatMap((piece) =>
    checkPiece(piece.text, piece.languageId, piece.url).map((f) => ({ ...f, ...piece.hostRange(f.start, f.end) })),
  );
}

function checkPiece(text: string, languageId: string, url: string | undefined): Finding[] {
  if (JSON_LANGUAGES.includes(languageId)) return mayHoldJsonRequest(text) ? checkRequestBody(text, url) : [];
  return checkRequests(text, languageId);
}

/** A JSON body can only be checked when a request field is named in it (quoted, or escaped inside a shell's "…"). */
function mayHoldJsonRequest(text: string): boolean {
  return /\\?"(prompt|items|mode)\\?"/.test(text);
}

/** The findings of one JSON request body (offsets in `body`), for the endpoint its URL or agent type names. */
export function checkRequestBody(body: string, url?: string): Finding[] {
  let root: Node | undefined;
  try {
    root = parseTree(body, [], { allowTrailingComma: true, disallowComments: false });
  } catch {
    return [];
  }
  const value = root && valueOfJson(root);
  if (value?.kind !== 'object') return [];
  const agentType = constantField(objectField(value.fields, 'ai_agent'), 'type');
  const endpoint = (url && endpointOfUrl(url)) || (agentType ? AGENT_ENDPOINTS[agentType] : undefined);
  return checkRequest({ endpoint, fields: value.fields });
}

/** The findings of one request body, however it was written. */
export function checkRequest({ endpoint, fields }: RequestBody): Finding[] {
  if (!endpoint) return [];
  const findings: Finding[] = [];

  const prompt = fields.get('prompt')?.value;
  if (prompt?.kind === 'string' && prompt.value !== undefined && prompt.value.length > PROMPT_MAX_LENGTH) {
    findings.push({ code: 'prompt-too-long', start: prompt.start, end: prompt.end, message: `prompt is ${groupDigits(prompt.value.length)} characters (escapes read); Box takes at most ${groupDigits(PROMPT_MAX_LENGTH)} and answers 400.`, fixes: [] });
  }

  const items = fields.get('items');
  const elements = items?.value.kind === 'array' ? items.value.elements : undefined;
  const count = elements?.length;
  const mode = endpoint === 'ask' ? fields.get('mode')?.value : undefined;
  const modeValue = mode?.kind === 'string' || mode?.kind === 'enum' ? mode.value : undefined;
  /** A mode as the code writes it: a string's content, or an enum member's name. */
  const spell = (m: string) => (mode?.kind === 'enum' ? m.toUpperCase() : m);
  if (mode && modeValue !== undefined && !MODES.includes(modeValue)) {
    const likely = count !== undefined && count > 1 ? 'multiple_item_qa' : 'single_item_qa';
    findings.push({
      code: 'unknown-mode',
      start: mode.start,
      end: mode.end,
      message: `mode "${modeValue}" is not one Box takes: an ask's mode is single_item_qa (one item) or multiple_item_qa (up to 25).`,
      fixes: [likely, ...MODES.filter((m) => m !== likely)].map((m, i) => ({ title: `Change to ${spell(m)}`, replacement: spell(m), preferred: i === 0 })),
    });
  }
  if (count !== undefined && items) {
    const at = { start: items.keyStart, end: items.keyEnd };
    if (endpoint === 'text_gen' && count !== 1) {
      findings.push({ code: 'text-gen-items', ...at, message: `items has ${count} item${count === 1 ? '' : 's'}: text generation (POST /2.0/ai/text_gen) takes exactly one.`, fixes: [] });
    } else if (endpoint === 'ask' && modeValue === 'single_item_qa' && count > 1) {
      findings.push({
        code: 'single-item-qa-items',
        start: mode!.start,
        end: mode!.end,
        message: `mode single_item_qa takes exactly one item, and items has ${count}: ask about several with multiple_item_qa (up to ${MAX_ITEMS.ask}).`,
        fixes: count <= MAX_ITEMS.ask ? [{ title: `Change to ${spell('multiple_item_qa')}`, replacement: spell('multiple_item_qa'), preferred: true }] : [],
      });
    }
    if (endpoint !== 'text_gen' && count > MAX_ITEMS[endpoint]) {
      findings.push({ code: 'too-many-items', ...at, message: `items has ${count} items: Box takes at most ${MAX_ITEMS[endpoint]} in one ${endpoint.replace('_', ' ')} request.`, fixes: [] });
    }
    for (const item of elements ?? []) findings.push(...checkItemContent(item));
  }
  return findings;
}

/** An inline item's content past the text Box reads. */
function checkItemContent(item: RequestValue): Finding[] {
  const content = item.kind === 'object' ? item.fields.get('content') : undefined;
  if (content?.value.kind !== 'string' || content.value.value === undefined) return [];
  const bytes = utf8Length(content.value.value);
  if (bytes <= BOX_TEXT_LIMIT.value) return [];
  return [{
    code: 'item-content-too-large',
    start: content.keyStart,
    end: content.keyEnd,
    message: `This item's content is ${(bytes / 1_000_000).toFixed(1)} MB of text: Box reads its first ${BOX_TEXT_LIMIT.shown} and ignores the rest, with no error.`,
    fixes: [],
  }];
}
