import { ScannerFactory, scanAll, SlotScanner } from './scanner';
import { isBoxLabel, isEmbeddingLabel, isNumberKey, newSlot, Owner, Slot, SlotKey, slotKeyOf, SlotRange, SlotScope, snakeCase } from './slot';

// A scanner for code that builds overrides out of objects, dicts and calls: JavaScript/TypeScript (and
// TSX/JSX), and Python through a dialect. It knows just enough syntax to find `model:` properties (and
// Python's `model=` keyword arguments) and the keys, variables, calls and types around them. It skips
// comments, strings, template literals and regular expressions, so a `model` inside them is never taken
// for a key; it never throws and never backtracks, so broken code costs one linear pass like any other.

/** Where the two languages differ for this scanner. */
export type ScriptDialect = 'js' | 'python';

interface Frame {
  open: '{' | '(' | '[' | '${';
  /** Key, variable, callee or type name that this bracket belongs to. */
  label: string | undefined;
  box: boolean;
  /** The object this bracket builds (see Owner): a call and its options object share one. */
  id: number;
  /** The property or keyword argument (snake_case) that holds the object. */
  key: string | undefined;
  parentId: number | undefined;
  parentKey: string | undefined;
  /** `model` values found at or below this frame whose Box context is not known yet. */
  pending: Slot[];
  /** The Owner its slots share, made on the first one. */
  owner: Owner | undefined;
}

type TokenKind = 'ident' | 'string' | 'punct' | 'number' | 'regex' | 'template';
interface Token {
  kind: TokenKind;
  text: string;
}

export interface ScriptState {
  i: number;
  stack: Frame[];
  /** The last few significant tokens, newest last. */
  recent: Token[];
  /** The object just closed, for a `satisfies`/`as` type after it. */
  lastClosed: Frame | undefined;
  /** End of a `key:` (or Python `key=`) whose value is awaited, or -1. */
  valueAt: number;
  /** Which reported key that value is for. */
  valueKey: SlotKey | undefined;
}

const KEYWORDS_BEFORE_EXPRESSION = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await']);

function copyFrame(frame: Frame): Frame {
  return { ...frame, pending: frame.pending.slice() };
}

/** A frame with every field set in one order, so that all frames share one shape (the scan makes many). */
function newFrame(open: Frame['open'], label: string | undefined, box: boolean, id: number, key: string | undefined, parent: Frame | undefined): Frame {
  return { open, label, box, id, key, parentId: parent?.id, parentKey: parent?.key, pending: [], owner: undefined };
}

/** A bracket that continues its parent's object: a call's options object, or a `${` inside a template. */
function continuation(frame: Frame, open: Frame['open'], label: string | undefined): Frame {
  return { open, label, box: frame.box, id: frame.id, key: frame.key, parentId: frame.parentId, parentKey: frame.parentKey, pending: [], owner: undefined };
}

class ScriptScanner implements SlotScanner<ScriptState> {
  readonly found: Slot[] = [];
  private readonly confirmed = new Set<Slot>();
  private readonly emitted = new Set<Slot>();
  private readonly python: boolean;
  private s: ScriptState;

  constructor(
    private readonly text: string,
    scope: SlotScope,
    dialect: ScriptDialect,
    from: ScriptState | undefined,
    private readonly onSlot: (slot: Slot) => void,
  ) {
    this.python = dialect === 'python';
    this.s = from
      ? { ...from, stack: from.stack.map(copyFrame), recent: from.recent.slice(), lastClosed: from.lastClosed && copyFrame(from.lastClosed) }
      : {
          i: 0,
          stack: [newFrame('{', undefined, scope === 'anyModelKey', -1, undefined, undefined)],
          recent: [],
          lastClosed: undefined,
          valueAt: -1,
          valueKey: undefined,
        };
  }

  get position(): number {
    return this.s.i;
  }

  save(): ScriptState {
    const s = this.s;
    return { ...s, stack: s.stack.map(copyFrame), recent: s.recent.slice(), lastClosed: s.lastClosed && copyFrame(s.lastClosed) };
  }

  verdict(slot: Slot): boolean | undefined {
    if (this.confirmed.has(slot)) return true;
    if (!this.emitted.has(slot)) return undefined;
    // A pending slot that has reached the top level can only still be claimed by `} satisfies X` right after.
    const s = this.s;
    const atTop = s.stack.length === 1 && s.stack[0].pending.includes(slot);
    return atTop && !(s.lastClosed && s.lastClosed.pending.includes(slot)) ? false : undefined;
  }

  step(): boolean {
    const text = this.text;
    const n = text.length;
    const s = this.s;
    s.i = skipBlanksAndComments(text, s.i, this.python);
    if (s.i >= n) {
      this.emptySlotUntil(n);
      return false;
    }
    const start = s.i;
    const c = text.charCodeAt(start);
    const top = s.stack[s.stack.length - 1];

    if (c === 34 || c === 39) {
      this.quoted(start);
    } else if (!this.python && (c === 96 || (c === 125 && top.open === '${'))) {
      // Template literal; `${` opens a frame so the expression inside is scanned as code.
      if (c === 125) this.close('}');
      s.i = scanTemplate(text, start + 1);
      if (c === 96) this.value({ kind: 'template', text: text.slice(start, s.i) }, start);
      if (text.startsWith('${', s.i - 2)) s.stack.push(continuation(s.stack[s.stack.length - 1], '${', undefined));
    } else if (isIdentStart(c)) {
      s.i++;
      while (s.i < n && isIdentPart(text.charCodeAt(s.i))) s.i++;
      const next = text.charCodeAt(s.i);
      // Python's r"…", b'…', f"…": the prefix belongs to the string.
      if (this.python && (next === 34 || next === 39) && /^[rRbBuUfF]{1,2}$/.test(text.slice(start, s.i))) this.quoted(s.i);
      else this.identifier(text.slice(start, s.i), start);
    } else if (c >= 48 && c <= 57) {
      s.i++;
      while (s.i < n && isNumberPart(text.charCodeAt(s.i))) s.i++;
      this.value({ kind: 'number', text: text.slice(start, s.i) }, start);
    } else if (!this.python && c === 47 && regexAllowedAfter(this.back(1))) {
      s.i = scanRegex(text, start);
      this.value({ kind: 'regex', text: '/' }, start);
    } else {
      s.i++;
      this.punctuation(text[start], start);
    }
    return true;
  }

  private back(k: number): Token | undefined {
    return this.s.recent[this.s.recent.length - k];
  }

  private push(token: Token): void {
    const recent = this.s.recent;
    recent.push(token);
    if (recent.length > 4) recent.shift();
  }

  private addSlot(key: SlotKey, range: SlotRange): void {
    const top = this.s.stack[this.s.stack.length - 1];
    const owner = (top.owner ??= { id: top.id, key: top.key, label: top.label, parentId: top.parentId, parentKey: top.parentKey });
    const slot = newSlot(key, isEmbeddingLabel(top.label) ? 'embedding' : 'chat', range, this.python ? '"' : "'", owner);
    this.emitted.add(slot);
    if (top.box) this.confirm([slot]);
    else top.pending.push(slot);
    this.onSlot(slot);
  }

  private confirm(slots: Slot[]): void {
    for (const slot of slots) {
      if (this.confirmed.has(slot)) continue;
      this.confirmed.add(slot);
      // Keep `found` in document order (a `satisfies` can confirm earlier slots late).
      let at = this.found.length;
      while (at > 0 && this.found[at - 1].start > slot.start) at--;
      this.found.splice(at, 0, slot);
    }
  }

  /** A quoted string (Python: also triple-quoted) whose opening quote is at `quoteAt`. */
  private quoted(quoteAt: number): void {
    const s = this.s;
    const triple = this.python && isTripleQuote(this.text, quoteAt);
    s.i = triple ? scanTripleQuoted(this.text, quoteAt) : scanQuoted(this.text, quoteAt);
    this.value({ kind: 'string', text: this.text.slice(quoteAt, s.i) }, quoteAt);
  }

  /** A token that may be the value after `key:`; a string (or a number, for number keys) there is reported. */
  private value(token: Token, start: number): void {
    const s = this.s;
    const key = s.valueKey;
    if (s.valueAt >= 0 && key) {
      s.valueAt = -1;
      s.valueKey = undefined;
      const isString = token.kind === 'string' || (token.kind === 'template' && !token.text.includes('${'));
      if (isString && !isNumberKey(key)) {
        const quote = this.python && isTripleQuote(token.text, 0) ? token.text.slice(0, 3) : token.text[0];
        const terminated = token.text.length >= 2 * quote.length && token.text.endsWith(quote);
        const end = start + token.text.length - (terminated ? quote.length : 0);
        this.addSlot(key, { start: start + quote.length, end, value: this.text.slice(start + quote.length, end), quote, terminated });
      } else if (token.kind === 'number' && isNumberKey(key)) {
        this.addSlot(key, { start, end: start + token.text.length, value: token.text, quote: '', terminated: true });
      }
    }
    this.forgetClosed();
    this.push(token);
  }

  private emptySlotUntil(offset: number): void {
    const s = this.s;
    if (s.valueAt < 0) return;
    if (s.valueKey === 'model') this.addSlot('model', { start: s.valueAt, end: offset, value: '', quote: '', terminated: true });
    s.valueAt = -1;
    s.valueKey = undefined;
  }

  private identifier(name: string, start: number): void {
    const s = this.s;
    if (s.lastClosed) {
      // `} satisfies AiAgentAsk` / `} as AiAgentAsk`: the object just closed was an override.
      const afterBrace = this.back(1)?.text === '}';
      if (afterBrace && !this.python && (name === 'satisfies' || name === 'as')) {
        this.push({ kind: 'ident', text: name });
        return;
      }
      if (this.back(2)?.text === '}' && isBoxLabel(name)) this.confirm(s.lastClosed.pending);
    }
    this.value({ kind: 'ident', text: name }, start);
  }

  /** Once `lastClosed` is gone, slots left pending at the top level can never be claimed: drop them. */
  private forgetClosed(): void {
    const s = this.s;
    if (!s.lastClosed) return;
    s.lastClosed = undefined;
    if (s.stack.length === 1) s.stack[0].pending = [];
  }

  private punctuation(ch: string, start: number): void {
    const s = this.s;
    if (ch === '{' || ch === '(' || ch === '[') {
      this.emptySlotUntil(start);
      const frame = this.frameFor(ch, start);
      this.forgetClosed();
      s.stack.push(frame);
      this.push({ kind: 'punct', text: ch });
      return;
    }
    if (ch === '}' || ch === ')' || ch === ']') {
      this.emptySlotUntil(start);
      this.forgetClosed();
      this.close(ch);
      return;
    }
    const key = this.back(1);
    const reported = key && (key.kind === 'ident' || key.kind === 'string') && this.isKeyHere(ch) ? slotKeyOf(unquote(key)) : undefined;
    if (reported) {
      s.valueAt = s.i;
      s.valueKey = reported;
      this.push({ kind: 'punct', text: ch });
      return;
    }
    this.emptySlotUntil(start);
    this.forgetClosed();
    this.push({ kind: 'punct', text: ch });
  }

  /**
   * Whether the punctuation just read ends a property key: `key:` in an object literal or dict (not a
   * ternary branch or a type annotation), or Python's `key=` keyword argument (not `==`).
   */
  private isKeyHere(ch: string): boolean {
    const top = this.s.stack[this.s.stack.length - 1];
    const before = this.back(2);
    if (ch === ':') return top.open === '{' && isKeyPosition(before);
    if (ch !== '=' || !this.python || top.open !== '(' || this.back(1)?.kind !== 'ident' || this.text.charCodeAt(this.s.i) === 61) return false;
    return before !== undefined && before.kind === 'punct' && (before.text === '(' || before.text === ',');
  }

  private close(ch: string): void {
    const s = this.s;
    if (s.stack.length > 1) {
      const frame = s.stack.pop()!;
      s.stack[s.stack.length - 1].pending.push(...frame.pending);
      s.lastClosed = ch === '}' ? frame : undefined;
    }
    this.push({ kind: 'punct', text: ch });
  }

  /** The frame for a bracket about to open: its label and the object it builds, from the tokens before it. */
  private frameFor(bracket: '{' | '(' | '[', start: number): Frame {
    const parent = this.s.stack[this.s.stack.length - 1];
    const p1 = this.back(1);
    const p2 = this.back(2);
    const fresh = (label: string | undefined, key: string | undefined): Frame =>
      newFrame(bracket, label, parent.box || isBoxLabel(label), start, key && snakeCase(key), parent);
    if (bracket === '(') {
      if (p1?.kind !== 'ident') return fresh(undefined, undefined);
      // The key holding the call's result: `key: new Callee(`, `key: Callee(`, Python's `key=Callee(`.
      const at = p2?.text === 'new' ? 3 : 2;
      const separator = this.back(at)?.text;
      const name = this.back(at + 1);
      const key = (separator === ':' || separator === '=') && name && (name.kind === 'ident' || name.kind === 'string') ? unquote(name) : undefined;
      // Python's `basic_text=dict(model=...)` is the same as `basic_text={...}`.
      return fresh(this.python && p1.text === 'dict' && key ? key : p1.text, key);
    }
    if (!p1) return fresh(undefined, undefined);
    if (p1.text === ':' && p2 && (p2.kind === 'ident' || p2.kind === 'string')) return fresh(unquote(p2), unquote(p2)); // key: {
    // `const aiAgent = {`, `const x: AiAgentAsk = {`, Python's `basic_text={`.
    if (p1.text === '=' && p2?.kind === 'ident') return fresh(p2.text, p2.text);
    // The options object of a call or constructor is the object the call builds: `new AiAgentAsk({`.
    if (p1.text === '(' && bracket === '{') return continuation(parent, bracket, parent.label);
    if (p1.text === '(' || p1.text === ',' || p1.text === '[') return fresh(parent.label, parent.key); // argument or element
    return fresh(undefined, undefined);
  }
}

export const scriptScanner = (scope: SlotScope, dialect: ScriptDialect = 'js'): ScannerFactory<ScriptState> => ({
  create: (text, from, onSlot) => new ScriptScanner(text, scope, dialect, from, onSlot),
});

/**
 * Every `model` string value in a script that sits in a Box AI override (or, with scope `anyModelKey`,
 * every `model:` string), in document order. `model:` with no string yet yields an empty slot.
 */
export function findScriptSlots(text: string, scope: SlotScope = 'boxOverrides', dialect: ScriptDialect = 'js'): Slot[] {
  return scanAll(scriptScanner(scope, dialect), text);
}

function isKeyPosition(before: Token | undefined): boolean {
  return before !== undefined && before.kind === 'punct' && (before.text === '{' || before.text === ',');
}

function unquote(token: Token): string {
  if (token.kind !== 'string') return token.text;
  const closed = token.text.length > 1 && token.text.endsWith(token.text[0]);
  return token.text.slice(1, token.text.length - (closed ? 1 : 0));
}

/**
 * The offset of the next significant character from `i`: blanks, comments (`//`, `/* … *\/`; Python's
 * `#`) and Python's line continuations skipped; the text's length at its end.
 */
export function skipBlanksAndComments(text: string, i: number, python: boolean): number {
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff || c === 0xa0 || c === 0x2028 || c === 0x2029) i++;
    else if (python && (c === 35 /* # */ || c === 92 /* line continuation */)) {
      const nl = c === 92 ? i + 1 : text.indexOf('\n', i);
      i = nl < 0 ? n : nl;
    } else if (python) break;
    else if (c === 47 && text.charCodeAt(i + 1) === 47) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? n : nl;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
    } else break;
  }
  return i;
}

/** Whether a `/` after this token starts a regular expression (else it divides). */
export function regexAllowedAfter(prev: { kind: string; text: string } | undefined): boolean {
  if (!prev) return true;
  if (prev.kind === 'ident') return KEYWORDS_BEFORE_EXPRESSION.has(prev.text);
  if (prev.kind === 'punct') return !(prev.text === ')' || prev.text === ']' || prev.text === '}');
  return false;
}

/** Index after a '…' or "…" string that starts at `i`; stops before a line break when unterminated. */
export function scanQuoted(text: string, i: number): number {
  const quote = text.charCodeAt(i);
  const n = text.length;
  i++;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === quote) return i + 1;
    if (c === 10 || c === 13) return i;
    i += c === 92 /* \ */ ? 2 : 1;
  }
  return n;
}

export function isTripleQuote(text: string, i: number): boolean {
  const q = text.charCodeAt(i);
  return text.charCodeAt(i + 1) === q && text.charCodeAt(i + 2) === q;
}

/** Index after a Python triple-quoted string starting at `i` (it may span lines), or the text's end. */
export function scanTripleQuoted(text: string, i: number): number {
  const quote = text.slice(i, i + 3);
  const n = text.length;
  i += 3;
  while (i < n) {
    if (text.charCodeAt(i) === 92) i += 2;
    else if (text.startsWith(quote, i)) return i + 3;
    else i++;
  }
  return n;
}

/** Index after the template chunk starting at `i`: after the closing backtick or after `${`. */
export function scanTemplate(text: string, i: number): number {
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 96) return i + 1;
    if (c === 36 /* $ */ && text.charCodeAt(i + 1) === 123) return i + 2;
    i += c === 92 ? 2 : 1;
  }
  return n;
}

export function scanRegex(text: string, i: number): number {
  const n = text.length;
  let inClass = false;
  i++;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
    if (c === 92) i += 2;
    else {
      if (c === 91) inClass = true;
      else if (c === 93) inClass = false;
      else if (c === 47 && !inClass) {
        i++;
        while (i < n && isIdentPart(text.charCodeAt(i))) i++;
        return i;
      }
      i++;
    }
  }
  return n;
}

export function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36 || (c > 127 && c !== 0x2028 && c !== 0x2029 && c !== 0xfeff && c !== 0xa0);
}

export function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57);
}

export function isNumberPart(c: number): boolean {
  return isIdentPart(c) || c === 46;
}
