// Box AI request bodies against Box's own limits (its OpenAPI description): the prompt's length, how
// many items each endpoint takes, the `mode` of an ask, and inline item content past the text Box reads.
// Which endpoint a body is for comes from its URL (a `.http` request line, a `curl` command) or its
// `ai_agent.type`; when neither tells, nothing is said.
import { Node, parseTree } from 'jsonc-parser';
import { piecesOf } from '../locate/embedded';
import { JSON_LANGUAGES } from '../locate';
import { BOX_TEXT_LIMIT } from '../limits';
import { groupDigits } from '../present/format';
import { utf8Length } from '../tokens/strings';
import { Finding } from './finding';

export type Endpoint = 'ask' | 'text_gen' | 'extract' | 'extract_structured';

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

/** The request checks of a document: its JSON request bodies wherever the language holds them (piecesOf). */
export function checkRequests(text: string, languageId: string): Finding[] {
  if (!/"(prompt|items|mode)"/.test(text) && !/\\"(prompt|items|mode)\\"/.test(text)) return [];
  if (JSON_LANGUAGES.includes(languageId)) return checkRequestBody(text);
  return (piecesOf(text, languageId) ?? []).flatMap((piece) =>
    JSON_LANGUAGES.includes(piece.languageId) ? checkRequestBody(piece.text, piece.url).map((f) => ({ ...f, ...piece.hostRange(f.start, f.end) })) : [],
  );
}

/** The findings of one request body (offsets in `body`), for the endpoint its URL or agent type names. */
export function checkRequestBody(body: string, url?: string): Finding[] {
  let root: Node | undefined;
  try {
    root = parseTree(body, [], { allowTrailingComma: true, disallowComments: false });
  } catch {
    return [];
  }
  if (root?.type !== 'object') return [];
  const agentType = valueOf(property(property(root, 'ai_agent'), 'type'));
  const endpoint = (url && endpointOfUrl(url)) || (typeof agentType === 'string' ? AGENT_ENDPOINTS[agentType] : undefined);
  if (!endpoint) return [];
  const findings: Finding[] = [];

  const prompt = property(root, 'prompt');
  if (prompt?.type === 'string' && typeof prompt.value === 'string' && prompt.value.length > PROMPT_MAX_LENGTH) {
    findings.push({ code: 'prompt-too-long', ...contentOf(prompt), message: `prompt is ${groupDigits(prompt.value.length)} characters (escapes read); Box takes at most ${groupDigits(PROMPT_MAX_LENGTH)} and answers 400.`, fixes: [] });
  }

  const items = property(root, 'items');
  const count = items?.type === 'array' ? (items.children?.length ?? 0) : undefined;
  const itemsKey = items?.parent?.children?.[0];
  const mode = endpoint === 'ask' ? property(root, 'mode') : undefined;
  const modeValue = valueOf(mode);
  if (mode?.type === 'string' && typeof modeValue === 'string' && !MODES.includes(modeValue)) {
    const likely = count !== undefined && count > 1 ? 'multiple_item_qa' : 'single_item_qa';
    findings.push({
      code: 'unknown-mode',
      ...contentOf(mode),
      message: `mode "${modeValue}" is not one Box takes: an ask's mode is single_item_qa (one item) or multiple_item_qa (up to 25).`,
      fixes: [likely, ...MODES.filter((m) => m !== likely)].map((m, i) => ({ title: `Change to ${m}`, replacement: m, preferred: i === 0 })),
    });
  }
  if (count !== undefined && itemsKey) {
    const at = contentOf(itemsKey);
    if (endpoint === 'text_gen' && count !== 1) {
      findings.push({ code: 'text-gen-items', ...at, message: `items has ${count} item${count === 1 ? '' : 's'}: text generation (POST /2.0/ai/text_gen) takes exactly one.`, fixes: [] });
    } else if (endpoint === 'ask' && modeValue === 'single_item_qa' && count > 1) {
      findings.push({
        code: 'single-item-qa-items',
        ...contentOf(mode!),
        message: `mode single_item_qa takes exactly one item, and items has ${count}: ask about several with multiple_item_qa (up to ${MAX_ITEMS.ask}).`,
        fixes: count <= MAX_ITEMS.ask ? [{ title: 'Change to multiple_item_qa', replacement: 'multiple_item_qa', preferred: true }] : [],
      });
    }
    if (endpoint !== 'text_gen' && count > MAX_ITEMS[endpoint]) {
      findings.push({ code: 'too-many-items', ...at, message: `items has ${count} items: Box takes at most ${MAX_ITEMS[endpoint]} in one ${endpoint.replace('_', ' ')} request.`, fixes: [] });
    }
    for (const item of items?.children ?? []) {
      const content = property(item, 'content');
      if (content?.type !== 'string' || typeof content.value !== 'string') continue;
      const bytes = utf8Length(content.value);
      if (bytes <= BOX_TEXT_LIMIT.value) continue;
      findings.push({
        code: 'item-content-too-large',
        ...contentOf(content.parent!.children![0]),
        message: `This item's content is ${(bytes / 1_000_000).toFixed(1)} MB of text: Box reads its first ${BOX_TEXT_LIMIT.shown} and ignores the rest, with no error.`,
        fixes: [],
      });
    }
  }
  return findings;
}

function property(node: Node | undefined, key: string): Node | undefined {
  if (node?.type !== 'object') return undefined;
  return node.children?.find((p) => p.type === 'property' && p.children?.[0]?.value === key)?.children?.[1];
}

function valueOf(node: Node | undefined): unknown {
  return node?.type === 'string' || node?.type === 'number' || node?.type === 'boolean' ? node.value : undefined;
}

/** A string's content (inside its quotes), or another node's whole extent. */
function contentOf(node: Node): { start: number; end: number } {
  return node.type === 'string' ? { start: node.offset + 1, end: node.offset + node.length - 1 } : { start: node.offset, end: node.offset + node.length };
}
