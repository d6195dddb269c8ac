import { Catalog } from '../../src/core/catalog/catalog';
import { ModelCard, ModelKind } from '../../src/core/catalog/model';
import { completionSortText } from '../../src/core/present/card';

/** One endpoint's override: its agent type, the tools it takes, and the Box agent whose default model comes first. */
interface Endpoint {
  name: string;
  path: string;
  type: string;
  sdkClass: string;
  tools: { key: string; camel: string; sdkClass: string; embeddings: boolean }[];
  defaultAgent: string;
}

const BASIC_TEXT = { key: 'basic_text', camel: 'basicText', sdkClass: 'AiAgentBasicTextTool', embeddings: false };
const LONG_TEXT = { key: 'long_text', camel: 'longText', sdkClass: 'AiAgentLongTextTool', embeddings: true };

const ENDPOINTS: Endpoint[] = [
  { name: 'ask', path: '/2.0/ai/ask', type: 'ai_agent_ask', sdkClass: 'AiAgentAsk', tools: [BASIC_TEXT, LONG_TEXT], defaultAgent: 'Box AI for Documents' },
  {
    name: 'text_gen',
    path: '/2.0/ai/text_gen',
    type: 'ai_agent_text_gen',
    sdkClass: 'AiAgentTextGen',
    tools: [{ key: 'basic_gen', camel: 'basicGen', sdkClass: 'AiAgentBasicGenTool', embeddings: true }],
    defaultAgent: 'Box AI for Documents',
  },
  { name: 'extract', path: '/2.0/ai/extract', type: 'ai_agent_extract', sdkClass: 'AiAgentExtract', tools: [BASIC_TEXT, LONG_TEXT], defaultAgent: 'Box AI Standard Extract' },
  {
    name: 'extract_structured',
    path: '/2.0/ai/extract_structured',
    type: 'ai_agent_extract_structured',
    sdkClass: 'AiAgentExtractStructured',
    tools: [BASIC_TEXT, LONG_TEXT],
    defaultAgent: 'Box AI Standard Extract',
  },
];

/**
 * A snippet choice list of current models of a kind: the one Box uses by default for `agent` first,
 * then the order completion shows. Ids hold no `,` or `|`, which a choice list cannot take.
 */
export function modelChoices(catalog: Catalog, kind: ModelKind, agent: string): string {
  const models = catalog.offered(kind).sort((a, b) => completionSortText(a).localeCompare(completionSortText(b)));
  const first = (m: ModelCard) => (m.defaultFor.includes(agent) ? 0 : 1);
  return models.sort((a, b) => first(a) - first(b)).map((m) => m.id).join(',');
}

type Snippet = { prefix: string; description: string; body: string[] };
type Language = 'json' | 'typescript' | 'python';

function body(endpoint: Endpoint, language: Language, catalog: Catalog): string[] {
  let stop = 0;
  const chat = () => `\${${++stop}|${modelChoices(catalog, 'chat', endpoint.defaultAgent)}|}`;
  const embedding = () => `\${${++stop}|${modelChoices(catalog, 'embedding', endpoint.defaultAgent)}|}`;
  const last = (lines: string[]) => lines.map((line, i) => (i < lines.length - 1 ? line : line.replace(/,$/, '')));
  switch (language) {
    case 'json':
      return [
        '"ai_agent": {',
        `\t"type": "${endpoint.type}",`,
        ...last(endpoint.tools.map((t) => (t.embeddings ? `\t"${t.key}": {"model": "${chat()}", "embeddings": {"model": "${embedding()}"}},` : `\t"${t.key}": {"model": "${chat()}"},`))),
        '}$0',
      ];
    case 'typescript':
      return [
        'aiAgent: {',
        `\ttype: '${endpoint.type}',`,
        ...endpoint.tools.map((t) => (t.embeddings ? `\t${t.camel}: { model: '${chat()}', embeddings: { model: '${embedding()}' } },` : `\t${t.camel}: { model: '${chat()}' },`)),
        '},$0',
      ];
    case 'python':
      return [
        `ai_agent=${endpoint.sdkClass}(`,
        `\ttype="${endpoint.type}",`,
        ...endpoint.tools.map((t) =>
          t.embeddings
            ? `\t${t.key}=${t.sdkClass}(model="${chat()}", embeddings=AiAgentLongTextToolEmbeddingsField(model="${embedding()}")),`
            : `\t${t.key}=${t.sdkClass}(model="${chat()}"),`,
        ),
        '),$0',
      ];
  }
}

/** Snippets of an ai_agent override for each endpoint, with the model fields as choice lists from the catalog. */
export function buildSnippets(catalog: Catalog, language: Language): Record<string, Snippet> {
  const snippets: Record<string, Snippet> = {};
  for (const endpoint of ENDPOINTS) {
    snippets[`Box AI ${endpoint.name} override`] = {
      prefix: `box-ai-agent-${endpoint.name.replace('_', '-')}`,
      description: `ai_agent override for POST ${endpoint.path} (${endpoint.type}); pick each model from the list.`,
      body: body(endpoint, language, catalog),
    };
  }
  return snippets;
}
