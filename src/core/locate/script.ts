import { ScannerFactory, scanAll, SlotScanner } from './scanner';
import { isBoxLabel, isEmbeddingLabel, Slot, SlotScope } from './slot';

// A scanner for JavaScript/TypeScript (and TSX/JSX) that knows just enough syntax to find `model:`
// properties and the keys, variables, calls and types around them. It skips comments, strings,
// template literals and regular expressions, so a `model` inside them is never taken for a key; it
// never throws and never backtracks, so broken code costs one linear pass like any other.

interface Frame {
  open: '{' | '(' | '[' | '${';
  /** Key, variable, callee or type name that this bracket belongs to. */
  label: string | undefined;
  box: boolean;
  /** `model` values found at or below this frame whose Box context is not known yet. */
  pending: Slot[];
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
  /** End of a `model:` whose value is awaited, or -1. */
  modelColon: number;
}

const KEYWORDS_BEFORE_EXPRESSION = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await']);

function copyFrame(frame: Frame): Frame {
  return { ...frame, pending: frame.pending.slice() };
}

class ScriptScanner implements SlotScanner<ScriptState> {
  readonly found: Slot[] = [];
  private readonly confirmed = new Set<Slot>();
  private readonly emitted = new Set<Slot>();
  private s: ScriptState;

  constructor(
    private readonly text: string,
    scope: SlotScope,
    from: ScriptState | undefined,
    private readonly onSlot: (slot: Slot) => void,
  ) {
    this.s = from
      ? { ...from, stack: from.stack.map(copyFrame), recent: from.recent.slice(), lastClosed: from.lastClosed && copyFrame(from.lastClosed) }
      : { i: 0, stack: [{ open: '{', label: undefined, box: scope === 'anyModelKey', pending: [] }], recent: [], lastClosed: undefined, modelColon: -1 };
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
    // Blanks and comments.
    for (;;) {
      if (s.i >= n) {
        this.emptySlotUntil(n);
        return false;
      }
      const c = text.charCodeAt(s.i);
      if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff || c === 0xa0 || c === 0x2028 || c === 0x2029) s.i++;
      else if (c === 47 && text.charCodeAt(s.i + 1) === 47) {
        const nl = text.indexOf('\n', s.i);
        s.i = nl < 0 ? n : nl;
      } else if (c === 47 && text.charCodeAt(s.i + 1) === 42) {
        const end = text.indexOf('*/', s.i + 2);
        s.i = end < 0 ? n : end + 2;
      } else break;
    }
    const start = s.i;
    const c = text.charCodeAt(start);
    const top = s.stack[s.stack.length - 1];

    if (c === 34 || c === 39) {
      s.i = scanQuoted(text, start);
      this.value({ kind: 'string', text: text.slice(start, s.i) }, start);
    } else if (c === 96 || (c === 125 && top.open === '${')) {
      // Template literal; `${` opens a frame so the expression inside is scanned as code.
      if (c === 125) this.close('}');
      s.i = scanTemplate(text, start + 1);
      if (c === 96) this.value({ kind: 'template', text: text.slice(start, s.i) }, start);
      if (text.startsWith('${', s.i - 2)) s.stack.push({ open: '${', label: undefined, box: s.stack[s.stack.length - 1].box, pending: [] });
    } else if (isIdentStart(c)) {
      s.i++;
      while (s.i < n && isIdentPart(text.charCodeAt(s.i))) s.i++;
      this.identifier(text.slice(start, s.i), start);
    } else if (c >= 48 && c <= 57) {
      s.i++;
      while (s.i < n && isNumberPart(text.charCodeAt(s.i))) s.i++;
      this.value({ kind: 'number', text: text.slice(start, s.i) }, start);
    } else if (c === 47 && regexAllowedAfter(this.back(1))) {
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

  private addSlot(slot: Slot): void {
    const top = this.s.stack[this.s.stack.length - 1];
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

  private slotKind(): Slot['kind'] {
    return isEmbeddingLabel(this.s.stack[this.s.stack.length - 1].label) ? 'embedding' : 'chat';
  }

  /** A token that may be the value after `model:`; a string there is a slot, anything else is not. */
  private value(token: Token, start: number): void {
    const s = this.s;
    if (s.modelColon >= 0) {
      s.modelColon = -1;
      const isString = token.kind === 'string' || (token.kind === 'template' && !token.text.includes('${'));
      if (isString) {
        const quote = token.text[0];
        const terminated = token.text.length >= 2 && token.text.endsWith(quote);
        const end = s.i - (terminated ? 1 : 0);
        this.addSlot({ kind: this.slotKind(), start: start + 1, end, value: this.text.slice(start + 1, end), quote, terminated });
      }
    }
    this.forgetClosed();
    this.push(token);
  }

  private emptySlotUntil(offset: number): void {
    const s = this.s;
    if (s.modelColon < 0) return;
    this.addSlot({ kind: this.slotKind(), start: s.modelColon, end: offset, value: '', quote: '', terminated: true });
    s.modelColon = -1;
  }

  private identifier(name: string, start: number): void {
    const s = this.s;
    if (s.lastClosed) {
      // `} satisfies AiAgentAsk` / `} as AiAgentAsk`: the object just closed was an override.
      const afterBrace = this.back(1)?.text === '}';
      if (afterBrace && (name === 'satisfies' || name === 'as')) {
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
      const label = this.labelForOpen(ch);
      const parent = s.stack[s.stack.length - 1];
      this.forgetClosed();
      s.stack.push({ open: ch, label, box: parent.box || isBoxLabel(label), pending: [] });
      this.push({ kind: 'punct', text: ch });
      return;
    }
    if (ch === '}' || ch === ')' || ch === ']') {
      this.emptySlotUntil(start);
      this.forgetClosed();
      this.close(ch);
      return;
    }
    if (ch === ':') {
      const key = this.back(1);
      const top = s.stack[s.stack.length - 1];
      // `model:` as an object key (identifier or quoted), not a ternary branch or a type annotation.
      if (key && top.open === '{' && (key.kind === 'ident' || key.kind === 'string') && unquote(key) === 'model' && isKeyPosition(this.back(2))) {
        s.modelColon = s.i;
        this.push({ kind: 'punct', text: ch });
        return;
      }
    }
    this.emptySlotUntil(start);
    this.forgetClosed();
    this.push({ kind: 'punct', text: ch });
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

  /** Label for a bracket about to open, from the tokens before it. */
  private labelForOpen(bracket: string): string | undefined {
    const p1 = this.back(1);
    const p2 = this.back(2);
    if (bracket === '(') return p1?.kind === 'ident' ? p1.text : undefined; // callee or constructor
    if (!p1) return undefined;
    if (p1.text === ':' && p2 && (p2.kind === 'ident' || p2.kind === 'string')) return unquote(p2); // key: {
    // `const aiAgent = {`, or with a type annotation `const x: AiAgentAsk = {`.
    if (p1.text === '=' && p2?.kind === 'ident') return p2.text;
    if (p1.text === '(' || p1.text === ',' || p1.text === '[') return this.s.stack[this.s.stack.length - 1].label; // argument or element
    return undefined;
  }
}

export const scriptScanner = (scope: SlotScope): ScannerFactory<ScriptState> => ({
  create: (text, from, onSlot) => new ScriptScanner(text, scope, from, onSlot),
});

/**
 * Every `model` string value in a script that sits in a Box AI override (or, with scope `anyModelKey`,
 * every `model:` string), in document order. `model:` with no string yet yields an empty slot.
 */
export function findScriptSlots(text: string, scope: SlotScope = 'boxOverrides'): Slot[] {
  return scanAll(scriptScanner(scope), text);
}

function isKeyPosition(before: Token | undefined): boolean {
  return before !== undefined && before.kind === 'punct' && (before.text === '{' || before.text === ',');
}

function unquote(token: Token): string {
  if (token.kind !== 'string') return token.text;
  const closed = token.text.length > 1 && token.text.endsWith(token.text[0]);
  return token.text.slice(1, token.text.length - (closed ? 1 : 0));
}

function regexAllowedAfter(prev: Token | undefined): boolean {
  if (!prev) return true;
  if (prev.kind === 'ident') return KEYWORDS_BEFORE_EXPRESSION.has(prev.text);
  if (prev.kind === 'punct') return !(prev.text === ')' || prev.text === ']' || prev.text === '}');
  return false;
}

/** Index after a '…' or "…" string that starts at `i`; stops before a line break when unterminated. */
function scanQuoted(text: string, i: number): number {
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

/** Index after the template chunk starting at `i`: after the closing backtick or after `${`. */
function scanTemplate(text: string, i: number): number {
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 96) return i + 1;
    if (c === 36 /* $ */ && text.charCodeAt(i + 1) === 123) return i + 2;
    i += c === 92 ? 2 : 1;
  }
  return n;
}

function scanRegex(text: string, i: number): number {
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

function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36 || (c > 127 && c !== 0x2028 && c !== 0x2029 && c !== 0xfeff && c !== 0xa0);
}

function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57);
}

function isNumberPart(c: number): boolean {
  return isIdentPart(c) || c === 46;
}
