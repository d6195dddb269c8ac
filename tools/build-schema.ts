// npm run schema:build -- <openapi-ai-subset.json>   writes data/ai-agent.schema.json: a JSON Schema for
// ai_agent overrides (ask, text_gen, extract, extract_structured). Structure, enums and limits are taken
// from Box's OpenAPI subset; descriptions are our own (tools/schema/describe.ts); the model enums come
// from the catalog (data/models.yaml), chat and embedding models separately, retired ones left out.
import { readFileSync } from 'node:fs';
import { Catalog } from '../src/core/catalog/catalog';
import { ModelCard, ModelKind } from '../src/core/catalog/model';
import { compactTokens } from '../src/core/present/format';
import { readCatalog, writeJson } from './generated';
import { PROPERTY_DESCRIPTIONS } from './schema/describe';

type Json = Record<string, unknown>;
const AGENTS: Record<string, string> = {
  AiAgentAsk: 'ask',
  AiAgentTextGen: 'text_gen',
  AiAgentExtract: 'extract',
  AiAgentExtractStructured: 'extract_structured',
};
/** Facts kept from an OpenAPI schema object; the rest (descriptions, examples, Box extensions) is dropped. */
const KEPT = ['type', 'enum', 'minimum', 'maximum', 'maxLength', 'pattern', 'required'];

function convert(node: Json, components: Record<string, Json>, defs: Map<string, Json>, name?: string): Json {
  if (typeof node.$ref === 'string') {
    const target = node.$ref.split('/').pop()!;
    if (!defs.has(target)) {
      defs.set(target, {}); // placeholder against cycles
      defs.set(target, convert(components[target], components, defs, target));
    }
    return { $ref: `#/definitions/${target}` };
  }
  const out: Json = {};
  for (const key of KEPT) if (node[key] !== undefined) out[key] = node[key];
  if (node.nullable === true && typeof node.type === 'string') out.type = [node.type, 'null'];
  for (const combinator of ['allOf', 'oneOf', 'anyOf']) {
    if (Array.isArray(node[combinator])) out[combinator] = (node[combinator] as Json[]).map((n) => convert(n, components, defs));
  }
  if (node.properties) {
    const properties: Json = {};
    for (const [key, value] of Object.entries(node.properties as Record<string, Json>)) {
      properties[key] = { ...convert(value, components, defs), ...describe(key, name) };
    }
    out.properties = properties;
  }
  if (node.items) out.items = convert(node.items as Json, components, defs);
  return out;
}

function describe(key: string, owner: string | undefined): Json {
  const text = key === 'type' && owner && AGENTS[owner] ? `Agent type for the ${AGENTS[owner]} endpoint.` : PROPERTY_DESCRIPTIONS[key];
  return text ? { description: text } : {};
}

/** Ids (and the other spellings Box's docs use for them) of current models of one kind, each described. */
function modelEnum(catalog: Catalog, kind: ModelKind): Json {
  const models = catalog.offered(kind).sort((a, b) => a.id.localeCompare(b.id));
  const values: string[] = [];
  const descriptions: string[] = [];
  for (const model of models) {
    values.push(model.id);
    descriptions.push(summary(model));
    for (const alias of model.aliases) {
      values.push(alias);
      descriptions.push(`Other spelling of ${model.id} seen in Box's docs; prefer ${model.id}.`);
    }
  }
  return { type: 'string', enum: values, markdownEnumDescriptions: descriptions };
}

function summary(model: ModelCard): string {
  const facts = [model.provider, model.contextWindow ? `${compactTokens(model.contextWindow)} context` : undefined, model.maxOutputTokens ? `${compactTokens(model.maxOutputTokens)} max output` : undefined, model.status !== 'available' ? model.status : undefined];
  return `**${model.name}**: ${facts.filter(Boolean).join(', ')}.`;
}

/** Points every `model` property at the chat or embedding enum, by where it sits. */
function useModelEnums(node: unknown, underEmbeddings = false): void {
  if (!node || typeof node !== 'object') return;
  const object = node as Json;
  if (object.properties) {
    const properties = object.properties as Record<string, Json>;
    for (const [key, value] of Object.entries(properties)) {
      if (key === 'model' && value.type === 'string') {
        properties[key] = underEmbeddings
          ? { $ref: '#/definitions/EmbeddingModel', description: 'Box AI embedding model name, such as azure__openai__text_embedding_ada_002.' }
          : { $ref: '#/definitions/ChatModel', description: value.description };
      }
      else useModelEnums(value, key === 'embeddings');
    }
  }
  for (const combinator of ['allOf', 'oneOf', 'anyOf']) for (const child of (object[combinator] as unknown[]) ?? []) useModelEnums(child, underEmbeddings);
}

export function buildSchema(openapi: Json, catalog: Catalog): Json {
  const components = (openapi.components as { schemas: Record<string, Json> }).schemas;
  const defs = new Map<string, Json>();
  const oneOf = Object.keys(AGENTS).map((name) => convert({ $ref: `#/components/schemas/${name}` }, components, defs));
  for (const definition of defs.values()) useModelEnums(definition);
  const definitions: Json = { ChatModel: modelEnum(catalog, 'chat'), EmbeddingModel: modelEnum(catalog, 'embedding') };
  for (const [name, definition] of [...defs].sort(([a], [b]) => a.localeCompare(b))) definitions[name] = definition;
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'box-ai-models://schemas/ai-agent.schema.json',
    title: 'Box AI ai_agent override',
    description: 'An ai_agent object for Box AI ask, text_gen, extract or extract_structured requests. Generated by box-ai-models from Box\'s OpenAPI description and model catalog.',
    type: 'object',
    required: ['type'],
    oneOf,
    definitions,
  };
}

if (require.main === module) {
  const source = process.argv[2];
  if (!source) {
    console.error('usage: npm run schema:build -- <openapi-ai-subset.json>');
    process.exit(2);
  }
  writeJson('data/ai-agent.schema.json', buildSchema(JSON.parse(readFileSync(source, 'utf8')), readCatalog()));
  console.log('wrote data/ai-agent.schema.json');
}
