// The request bodies of Box SDK calls in JavaScript/TypeScript and Python: `client.ai.createAiAsk({…})`
// (the TypeScript SDK takes one body object, camelCase) and `client.ai.create_ai_ask(mode, prompt, items,
// ai_agent=…)` (the Python SDK takes positional and keyword arguments, with enum members for the mode).
// A short reader walks the code's tokens once, skipping comments and strings, and reads each call's
// arguments into request values (request.ts). What it cannot read exactly (a variable, a spread, a
// comprehension, `'a' + b`) becomes `other` or an array of unknown length, so the checks say nothing
// about it. It never throws and never backtracks.
import { Endpoint, RequestBody, RequestFields, RequestValue } from './request';
import { isIdentPart, isIdentStart, isNumberPart, isTripleQuote, regexAllowedAfter, scanQuoted, scanRegex, scanTemplate, scanTripleQuoted, ScriptDialect, skipBlanksAndComments } from './script';
import { snakeCase } from './slot';

/** The SDK methods of the Box AI endpoints that take items, by dialect, and their positional parameters (Python). */
const METHODS: Record<ScriptDialect, Partial<Record<string, { endpoint: Endpoint; positional: string[] }>>> = {
  js: {
    createAiAsk: { endpoint: 'ask', positional: [] },
    createAiTextGen: { endpoint: 'text_gen', positional: [] },
    createAiExtract: { endpoint: 'extract', positional: [] },
    createAiExtractStructured: { endpoint: 'extract_structured', positional: [] },
  },
  // box_sdk_gen's AiManager: create_ai_ask(mode, prompt, items, *, …), create_ai_text_gen(prompt, items, *, …),
  // create_ai_extract(prompt, items, *, …), create_ai_extract_structured(items, *, …).
  python: {
    create_ai_ask: { endpoint: 'ask', positional: ['mode', 'prompt', 'items'] },
    create_ai_text_gen: { endpoint: 'text_gen', positional: ['prompt', 'items'] },
    create_ai_extract: { endpoint: 'extract', positional: ['prompt', 'items'] },
    create_ai_extract_structured: { endpoint: 'extract_structured', positional: ['items'] },
  },
};
const MENTION: Record<ScriptDialect, RegExp> = {
  js: /createAi(Ask|TextGen|Extract)/,
  python: /create_ai_(ask|text_gen|extract)/,
};

/** Whether a text names one of the SDK methods, in either dialect: without it, there is no call to read. */
export function mentionsSdkCall(text: string): boolean {
  return MENTION.js.test(text) || MENTION.python.test(text);
}

/** The request bodies of the Box SDK AI calls in a script, in document order. */
export function sdkRequests(text: string, dialect: ScriptDialect): RequestBody[] {
  if (!MENTION[dialect].test(text)) return [];
  const tokens = new Tokens(text, dialect);
  const reader = new Reader(tokens, dialect);
  const bodies: RequestBody[] = [];
  for (let token = tokens.next(); token; token = tokens.next()) {
    // Own properties only: `constructor(` or `toString(` must not find Object's.
    const method = token.kind === 'ident' && Object.hasOwn(METHODS[dialect], token.text) ? METHODS[dialect][token.text] : undefined;
    if (!method || tokens.peek()?.text !== '(' || tokens.before(1)?.text === 'def' || tokens.before(1)?.text === 'function') continue;
    tokens.next();
    const { positional, keywords } = reader.args();
    const fields: RequestFields = new Map();
    if (dialect === 'js') {
      const body = positional[0];
      if (body?.kind !== 'object') continue;
      body.fields.forEach((field, name) => fields.set(name, field));
    } else {
      method.positional.forEach((name, i) => {
        const value = positional[i];
        if (value) fields.set(name, { keyStart: value.start, keyEnd: value.end, value });
      });
      keywords.forEach((field, name) => fields.set(name, field));
    }
    bodies.push({ endpoint: method.endpoint, fields });
  }
  return bodies;
}

type TokenKind = 'ident' | 'string' | 'number' | 'punct' | 'template' | 'regex';
interface Token {
  kind: TokenKind;
  /** As written (a string with its quotes and prefix). */
  text: string;
  start: number;
  end: number;
}

/** Punctuation read as one token: spreads, Python's `**`, comparisons (so that `==` is never a keyword argument's `=`), arrows. */
const MULTI_PUNCT = ['...', '**', '===', '!==', '==', '!=', '<=', '>=', '=>'];
/** The characters a MULTI_PUNCT token starts with: . * = ! < > */
const MULTI_PUNCT_START = new Set([46, 42, 61, 33, 60, 62]);

/** The significant tokens of a script, one at a time, with one token of look-ahead and a few behind. */
class Tokens {
  private ahead: Token | undefined;
  /** The last two tokens taken: `last`, and `beforeLast` before it. */
  private last: Token | undefined;
  private beforeLast: Token | undefined;

  constructor(
    private readonly text: string,
    private readonly dialect: ScriptDialect,
    private i = 0,
  ) {}

  peek(): Token | undefined {
    return (this.ahead ??= this.read());
  }

  next(): Token | undefined {
    const token = this.peek();
    this.ahead = undefined;
    if (token) {
      this.beforeLast = this.last;
      this.last = token;
    }
    return token;
  }

  /** The k-th token before the last one taken (k = 1: the one before it). */
  before(k: number): Token | undefined {
    return k === 0 ? this.last : this.beforeLast;
  }

  private read(): Token | undefined {
    const text = this.text;
    const python = this.dialect === 'python';
    this.i = skipBlanksAndComments(text, this.i, python);
    if (this.i >= text.length) return undefined;
    const start = this.i;
    const c = text.charCodeAt(start);
    let kind: TokenKind;
    if (c === 34 || c === 39) {
      kind = 'string';
      this.i = python && isTripleQuote(text, start) ? scanTripleQuoted(text, start) : scanQuoted(text, start);
    } else if (!python && c === 96) {
      kind = 'template';
      this.i = templateEnd(text, start + 1);
    } else if (isIdentStart(c)) {
      let i = start + 1;
      while (i < text.length && isIdentPart(text.charCodeAt(i))) i++;
      const next = text.charCodeAt(i);
      // Python's r"…", b'…', f"…": the prefix belongs to the string.
      if (python && (next === 34 || next === 39) && /^[rRbBuUfF]{1,2}$/.test(text.slice(start, i))) {
        kind = 'string';
        this.i = isTripleQuote(text, i) ? scanTripleQuoted(text, i) : scanQuoted(text, i);
      } else {
        kind = 'ident';
        this.i = i;
      }
    } else if (c >= 48 && c <= 57) {
      kind = 'number';
      this.i = start + 1;
      while (this.i < text.length && isNumberPart(text.charCodeAt(this.i))) this.i++;
    } else if (!python && c === 47 && regexAllowedAfter(this.last)) {
      kind = 'regex';
      this.i = scanRegex(text, start);
    } else {
      kind = 'punct';
      this.i = start + ((MULTI_PUNCT_START.has(c) && MULTI_PUNCT.find((p) => text.startsWith(p, start))?.length) || 1);
    }
    return { kind, text: text.slice(start, this.i), start, end: this.i };
  }
}

/** The end of a template literal from `i` (after its backtick), `${…}` expressions included, nested templates and strings too. */
function templateEnd(text: string, i: number): number {
  for (;;) {
    i = scanTemplate(text, i);
    if (!text.startsWith('${', i - 2) || i >= text.length) return i;
    let depth = 1;
    while (i < text.length && depth > 0) {
      const c = text.charCodeAt(i);
      if (c === 123) depth++;
      else if (c === 125) depth--;
      if (c === 34 || c === 39) i = scanQuoted(text, i);
      else if (c === 96) i = templateEnd(text, i + 1);
      else i++;
    }
  }
}

const CLOSERS = new Set([')', ']', '}']);
const OPENERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

/** Reads values from the token stream, one expression at a time, each ending before a `,` or a closing bracket. */
class Reader {
  private readonly python: boolean;

  constructor(
    private readonly tokens: Tokens,
    dialect: ScriptDialect,
  ) {
    this.python = dialect === 'python';
  }

  /** A call's arguments, after its `(`, through its `)`: positional values, and Python's keyword arguments. */
  args(): { positional: RequestValue[]; keywords: RequestFields } {
    const positional: RequestValue[] = [];
    const keywords: RequestFields = new Map();
    this.list(')', () => {
      const first = this.tokens.peek()!;
      if (first.text === '*' || first.text === '**' || first.text === '...') {
        this.skipValue();
        positional.push({ kind: 'other', start: first.start, end: first.end }); // what follows can no longer be matched to a parameter
        return;
      }
      const value = this.value();
      if (this.python && value.kind === 'other' && first.kind === 'ident' && this.tokens.peek()?.text === '=') {
        this.tokens.next();
        keywords.set(first.text, { keyStart: first.start, keyEnd: first.end, value: this.value() });
      } else {
        positional.push(value);
      }
    });
    return { positional, keywords };
  }

  /**
   * Calls `item` for each element of a bracketed list whose opening bracket was taken, then takes the
   * closing one. Elements are separated by commas; whatever an element leaves unread is skipped.
   */
  private list(close: string, item: () => void): void {
    for (;;) {
      const token = this.tokens.peek();
      if (!token) return;
      if (token.text === close) return void this.tokens.next();
      if (CLOSERS.has(token.text)) return; // a stray closer: the list ends where the code's brackets say
      if (token.text === ',') {
        this.tokens.next();
        continue;
      }
      item();
      this.skipValue();
    }
  }

  /** One expression. A value followed by anything but a type (`as X`, `satisfies X`) is `other`. */
  value(): RequestValue {
    const first = this.tokens.peek();
    if (!first || first.text === ',' || CLOSERS.has(first.text)) return { kind: 'other', start: first?.start ?? 0, end: first?.start ?? 0 };
    const value = this.primary();
    const next = this.tokens.peek();
    if (!next || next.text === ',' || CLOSERS.has(next.text)) return value;
    if (!this.python && next.kind === 'ident' && (next.text === 'as' || next.text === 'satisfies')) {
      this.skipValue();
      return value;
    }
    if (this.python && next.kind === 'ident' && next.text === 'for') return value; // the array reader tells a comprehension
    // `'a' + b`, `files.map(…)`, a Python keyword argument's name before its `=`: not a value read exactly.
    if (this.python && next.text === '=' && value.kind === 'other') return value;
    this.skipValue();
    return { kind: 'other', start: value.start, end: this.tokens.before(0)?.end ?? value.end };
  }

  private primary(): RequestValue {
    const token = this.tokens.next()!;
    if (token.text === '{') return this.object(token);
    if (token.text === '[') return this.array(token);
    if (token.kind === 'string') return { kind: 'string', value: decodeString(token.text, this.python), ...stringContent(token.text, token.start) };
    if (token.kind === 'template') return { kind: 'string', value: token.text.includes('${') ? undefined : decodeString(token.text, false), ...stringContent(token.text, token.start) };
    if (token.kind !== 'ident') {
      if (OPENERS[token.text]) this.skipTo(OPENERS[token.text]);
      return { kind: 'other', start: token.start, end: token.end };
    }
    // A name, a dotted path, a call or `new Class(…)`.
    const path = [token];
    if (token.text === 'new' && this.tokens.peek()?.kind === 'ident') path[0] = this.tokens.next()!;
    while (this.tokens.peek()?.text === '.') {
      this.tokens.next();
      const part = this.tokens.peek();
      if (part?.kind !== 'ident') break;
      path.push(this.tokens.next()!);
    }
    if (this.tokens.peek()?.text === '(') {
      this.tokens.next();
      const { positional, keywords } = this.args();
      const end = this.tokens.before(0)?.end ?? token.end;
      // `new AiAskItemsField({…})` is its options object; Python's `AiItemAsk(id=…, content=…)` and `dict(…)` their keywords.
      if (!this.python && positional[0]?.kind === 'object') return { ...positional[0], start: token.start, end };
      if (this.python && positional.length === 0) return { kind: 'object', fields: keywords, start: token.start, end };
      return { kind: 'other', start: token.start, end };
    }
    return enumMember(path) ?? { kind: 'other', start: token.start, end: path[path.length - 1].end };
  }

  private object(open: Token): RequestValue {
    const fields: RequestFields = new Map();
    this.list('}', () => {
      const key = this.tokens.next()!;
      if (key.text === '...' || key.text === '**') return void this.skipValue();
      if (OPENERS[key.text]) this.skipTo(OPENERS[key.text]); // a computed key, `[name]: …`
      if (key.kind !== 'ident' && key.kind !== 'string') return void this.skipValue();
      if (this.tokens.peek()?.text !== ':') return; // a shorthand property or a method: its value is not written here
      this.tokens.next();
      const name = key.kind === 'string' ? (decodeString(key.text, this.python) ?? '') : key.text;
      const at = key.kind === 'string' ? stringContent(key.text, key.start) : { start: key.start, end: key.end };
      fields.set(snakeCase(name), { keyStart: at.start, keyEnd: at.end, value: this.value() });
    });
    return { kind: 'object', fields, start: open.start, end: this.tokens.before(0)?.end ?? open.end };
  }

  private array(open: Token): RequestValue {
    let elements: RequestValue[] | undefined = [];
    this.list(']', () => {
      const first = this.tokens.peek()!;
      if (first.text === '...' || first.text === '*') elements = undefined;
      const value = this.value();
      if (this.python && this.tokens.peek()?.text === 'for') elements = undefined; // a comprehension
      elements?.push(value);
    });
    return { kind: 'array', elements, start: open.start, end: this.tokens.before(0)?.end ?? open.end };
  }

  /** Skips to the end of the current expression: the next `,` or closing bracket at this depth. */
  private skipValue(): void {
    for (let token = this.tokens.peek(); token && token.text !== ',' && !CLOSERS.has(token.text); token = this.tokens.peek()) {
      this.tokens.next();
      if (OPENERS[token.text]) this.skipTo(OPENERS[token.text]);
    }
  }

  /** Skips past the bracket that closes one just taken. */
  private skipTo(close: string): void {
    this.list(close, () => this.skipValue());
  }
}

/** `CreateAiAskMode.SINGLE_ITEM_QA` (or `….value`): an SDK enum member, whose wire value is its name in lower case. */
function enumMember(path: Token[]): RequestValue | undefined {
  const parts = path[path.length - 1].text === 'value' ? path.slice(0, -1) : path;
  if (parts.length < 2) return undefined;
  const [owner, member] = parts.slice(-2);
  if (!/^[A-Z][A-Za-z0-9]*$/.test(owner.text) || !/^[A-Z][A-Z0-9_]*$/.test(member.text)) return undefined;
  return { kind: 'enum', value: member.text.toLowerCase(), start: member.start, end: member.end };
}

/** Where a string token's content stands: inside its prefix and quotes (an unclosed string runs to its end). */
function stringContent(raw: string, at: number): { start: number; end: number } {
  const prefix = /^[rRbBuUfF]*/.exec(raw)![0].length;
  const quote = isTripleQuote(raw, prefix) ? raw.slice(prefix, prefix + 3) : raw[prefix];
  const closed = raw.length >= prefix + 2 * quote.length && raw.endsWith(quote);
  return { start: at + prefix + quote.length, end: at + raw.length - (closed ? quote.length : 0) };
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0', a: '\u0007' };

/** A string literal's text with its escapes read; undefined for one that is not a constant (an f-string with a field). */
function decodeString(raw: string, python: boolean): string | undefined {
  const prefix = /^[rRbBuUfF]*/.exec(raw)![0];
  if (/[fF]/.test(prefix) && raw.includes('{')) return undefined;
  const at = stringContent(raw, 0);
  const body = raw.slice(at.start, at.end);
  if (/[rR]/.test(prefix) || !body.includes('\\')) return body;
  return body.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|x[0-9a-fA-F]{2}|N\{[^}]*\}|[0-7]{1,3}|\r\n|[\s\S])/g, (whole, escape: string) => {
    if (escape === '\n' || escape === '\r\n') return ''; // a line continuation
    if (/^[ux]/i.test(escape) && escape.length > 1) return String.fromCodePoint(parseInt(escape.replace(/[ux{}]/gi, ''), 16));
    if (escape[0] === 'N' && escape.length > 1) return python ? '\ufffd' : escape; // a named character: one character
    if (/^[0-7]+$/.test(escape)) return python || escape === '0' ? String.fromCharCode(parseInt(escape, 8)) : escape;
    if (SIMPLE_ESCAPES[escape] !== undefined) return SIMPLE_ESCAPES[escape];
    return python && !'\\\'"'.includes(escape) ? whole : escape; // Python keeps an unknown escape as written
  });
}
