// Box AI request bodies as the request checks read them, whatever they are written in: a JSON body
// (files, `.http`, Markdown fences, `curl`) or the arguments of an SDK call (`client.ai.createAiAsk({…})`,
// `client.ai.create_ai_ask(mode, prompt, items, …)`). Only what a check needs is kept: literal strings
// with their decoded text, enum members, objects, arrays and how many elements they hold.
import { Node } from 'jsonc-parser';
import { snakeCase } from './slot';

/** A Box AI endpoint that takes a request body with items. */
export type Endpoint = 'ask' | 'text_gen' | 'extract' | 'extract_structured';

/**
 * A value as written. Offsets are in the text read; a string's range is its content (inside the
 * quotes), an enum's is its member name (`SINGLE_ITEM_QA`), any other value's its whole extent.
 */
export type RequestValue =
  /** `value` is the decoded text, or undefined where it is not a constant (an f-string, a template with `${…}`). */
  | { kind: 'string'; value: string | undefined; start: number; end: number }
  /** An SDK enum member (`CreateAiAskMode.SINGLE_ITEM_QA`, `….value` too): `value` is the wire value, `single_item_qa`. */
  | { kind: 'enum'; value: string; start: number; end: number }
  | { kind: 'object'; fields: RequestFields; start: number; end: number }
  /** `elements` is undefined where the count cannot be told (a spread, a comprehension). */
  | { kind: 'array'; elements: RequestValue[] | undefined; start: number; end: number }
  | { kind: 'other'; start: number; end: number };

/** A field: where its name is written (for a positional SDK argument, the value itself) and its value. */
export interface RequestField {
  keyStart: number;
  keyEnd: number;
  value: RequestValue;
}

/** Fields by their wire name (snake_case: the SDKs' `aiAgent` is `ai_agent`). */
export type RequestFields = Map<string, RequestField>;

/** A request body found in a document: its fields, and the endpoint it is sent to where the text says. */
export interface RequestBody {
  endpoint: Endpoint | undefined;
  fields: RequestFields;
}

/** A JSON value (jsonc-parser's tree) as a request value. */
export function valueOfJson(node: Node): RequestValue {
  const whole = { start: node.offset, end: node.offset + node.length };
  switch (node.type) {
    case 'string':
      return { kind: 'string', value: String(node.value), start: node.offset + 1, end: node.offset + node.length - 1 };
    case 'array':
      return { kind: 'array', elements: (node.children ?? []).map(valueOfJson), ...whole };
    case 'object': {
      const fields: RequestFields = new Map();
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        if (key?.type !== 'string' || !value) continue;
        fields.set(snakeCase(String(key.value)), { keyStart: key.offset + 1, keyEnd: key.offset + key.length - 1, value: valueOfJson(value) });
      }
      return { kind: 'object', fields, ...whole };
    }
    default:
      return { kind: 'other', ...whole };
  }
}

/** A field's value when it is an object. */
export function objectField(fields: RequestFields | undefined, name: string): RequestFields | undefined {
  const value = fields?.get(name)?.value;
  return value?.kind === 'object' ? value.fields : undefined;
}

/** A field's value when it is a constant string or an enum member. */
export function constantField(fields: RequestFields | undefined, name: string): string | undefined {
  const value = fields?.get(name)?.value;
  return value?.kind === 'string' || value?.kind === 'enum' ? value.value : undefined;
}
