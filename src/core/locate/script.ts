import { isBoxLabel, isEmbeddingLabel, Slot, SlotScope } from './slot';

// A single-pass scanner for JavaScript/TypeScript (and TSX/JSX) that knows just enough syntax to find
// `model:` properties and the keys, variables, calls and types around them. It skips comments,
// strings, template literals and regular expressions, so a `model` inside them is never taken for a
// key; it never throws and never backtracks, so broken code costs one linear pass like any other.

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
  start: number;
  end: number;
}

const KEYWORDS_BEFORE_EXPRESSION = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await']);

/**
 * Every `model` string value in a script that sits in a Box AI override (or, with scope `anyModelKey`,
 * every `model:` string), in document order. `model:` with no string yet yields an empty slot.
 */
export function findScriptSlots(text: string, scope: SlotScope = 'boxOverrides'): Slot[] {
  const confirmed = new Set<Slot>();
  const stack: Frame[] = [{ open: '{', label: undefined, box: scope === 'anyModelKey', pending: [] }];
  const recent: Token[] = []; // the last few significant tokens, newest last
  let lastClosed: Frame | undefined; // the object just closed, for `satisfies`/`as` after it
  let modelColon = -1; // end of a `model:` whose value is awaited
  const n = text.length;
  let i = 0;

  const top = () => stack[stack.length - 1];
  const back = (k: number) => recent[recent.length - k];
  const push = (token: Token) => {
    recent.push(token);
    if (recent.length > 4) recent.shift();
  };
  const addSlot = (slot: Slot) => {
    const frame = top();
    if (frame.box) confirmed.add(slot);
    else frame.pending.push(slot);
  };
  const confirmAll = (slots: Slot[]) => slots.forEach((s) => confirmed.add(s));
  const valueArrives = (token: Token) => {
    // A string right after `model:` is a slot; anything else (a variable, a call) is not.
    if (modelColon < 0) return;
    modelColon = -1;
    if (token.kind !== 'string' && token.kind !== 'template') return;
    const quote = text[token.start];
    const terminated = token.end - token.start >= 2 && text[token.end - 1] === quote;
    if (token.kind === 'template' && token.text.includes('${')) return;
    const start = token.start + 1;
    const end = terminated ? token.end - 1 : token.end;
    addSlot({ kind: isEmbeddingLabel(top().label) ? 'embedding' : 'chat', start, end, value: text.slice(start, end), quote, terminated });
  };
  const emptySlotUntil = (offset: number) => {
    if (modelColon < 0) return;
    addSlot({ kind: isEmbeddingLabel(top().label) ? 'embedding' : 'chat', start: modelColon, end: offset, value: '', quote: '', terminated: true });
    modelColon = -1;
  };

  /** Label for a bracket about to open, from the tokens before it. */
  const labelForOpen = (bracket: string): string | undefined => {
    const p1 = back(1);
    const p2 = back(2);
    if (bracket === '(') return p1?.kind === 'ident' ? p1.text : undefined; // callee or constructor
    if (!p1) return undefined;
    if (p1.text === ':' && p2 && (p2.kind === 'ident' || p2.kind === 'string')) return unquote(p2); // key: {
    // `const aiAgent = {`, or with a type annotation `const x: AiAgentAsk = {`.
    if (p1.text === '=' && p2?.kind === 'ident') return p2.text;
    if (p1.text === '(' || p1.text === ',' || p1.text === '[') return top().label; // argument or element
    return undefined;
  };

  const openFrame = (open: Frame['open'], start: number) => {
    const label = open === '${' ? undefined : labelForOpen(open);
    const parent = top();
    stack.push({ open, label, box: parent.box || isBoxLabel(label), pending: [] });
    lastClosed = undefined;
    push({ kind: 'punct', text: open === '${' ? '{' : open, start, end: start + 1 });
  };
  const closeFrame = (close: string, start: number) => {
    if (stack.length > 1) {
      const frame = stack.pop()!;
      top().pending.push(...frame.pending);
      lastClosed = close === '}' ? frame : undefined;
    }
    push({ kind: 'punct', text: close, start, end: start + 1 });
  };

  while (i < n) {
    const c = text.charCodeAt(i);
    // Whitespace.
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff || c === 0xa0 || c === 0x2028 || c === 0x2029) {
      i++;
      continue;
    }
    // Comments.
    if (c === 47 /* / */ && text.charCodeAt(i + 1) === 47) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? n : nl;
      continue;
    }
    if (c === 47 && text.charCodeAt(i + 1) === 42 /* * */) {
      const endComment = text.indexOf('*/', i + 2);
      i = endComment < 0 ? n : endComment + 2;
      continue;
    }
    const start = i;
    // Strings: end at the closing quote or, unterminated, at the line end.
    if (c === 34 || c === 39) {
      i = scanQuoted(text, i);
      const token: Token = { kind: 'string', text: text.slice(start, i), start, end: i };
      valueArrives(token);
      push(token);
      continue;
    }
    // Template literals; `${` opens a frame so the expression inside is scanned as code.
    if (c === 96 /* ` */ || (c === 125 /* } */ && top().open === '${')) {
      if (c === 125) closeFrame('}', start);
      i = scanTemplate(text, i + 1);
      const opensExpression = text.startsWith('${', i - 2);
      if (c === 96) {
        const token: Token = { kind: 'template', text: text.slice(start, i), start, end: i };
        valueArrives(token);
        push(token);
      }
      if (opensExpression) stack.push({ open: '${', label: undefined, box: top().box, pending: [] });
      continue;
    }
    // Identifiers and keywords.
    if (isIdentStart(c)) {
      i++;
      while (i < n && isIdentPart(text.charCodeAt(i))) i++;
      const token: Token = { kind: 'ident', text: text.slice(start, i), start, end: i };
      // `} satisfies AiAgentAsk` / `} as AiAgentAsk`: the object just closed was an override.
      if (lastClosed) {
        const p1 = back(1);
        const afterBrace = p1?.text === '}';
        if (afterBrace && (token.text === 'satisfies' || token.text === 'as')) {
          // keep lastClosed for the type name that follows
        } else {
          if (back(2)?.text === '}' && isBoxLabel(token.text)) confirmAll(lastClosed.pending);
          lastClosed = undefined;
        }
      }
      valueArrives(token);
      push(token);
      continue;
    }
    // Numbers.
    if (c >= 48 && c <= 57) {
      i++;
      while (i < n && /[\w.]/.test(text[i])) i++;
      const token: Token = { kind: 'number', text: text.slice(start, i), start, end: i };
      valueArrives(token);
      push(token);
      continue;
    }
    // Regular expression literals, where a value may start.
    if (c === 47 && regexAllowedAfter(back(1))) {
      i = scanRegex(text, i);
      const token: Token = { kind: 'regex', text: text.slice(start, i), start, end: i };
      valueArrives(token);
      push(token);
      continue;
    }
    // Punctuation.
    i++;
    const ch = text[start];
    if (ch === '{' || ch === '(' || ch === '[') {
      emptySlotUntil(start);
      openFrame(ch, start);
      continue;
    }
    if (ch === '}' || ch === ')' || ch === ']') {
      emptySlotUntil(start);
      closeFrame(ch, start);
      continue;
    }
    if (ch === ':') {
      const key = back(1);
      // `model:` as an object key (identifier or quoted), not a ternary branch or a type annotation.
      if (key && top().open === '{' && (key.kind === 'ident' || key.kind === 'string') && unquote(key) === 'model' && isKeyPosition(back(2))) {
        modelColon = i;
        push({ kind: 'punct', text: ch, start, end: i });
        continue;
      }
    }
    emptySlotUntil(start);
    lastClosed = undefined;
    push({ kind: 'punct', text: ch, start, end: i });
  }
  emptySlotUntil(n);
  return [...confirmed].sort((a, b) => a.start - b.start);
}

function isKeyPosition(before: Token | undefined): boolean {
  return before !== undefined && before.kind === 'punct' && (before.text === '{' || before.text === ',');
}

function unquote(token: Token): string {
  return token.kind === 'string' ? token.text.slice(1, token.text.length - (token.text.length > 1 && token.text.endsWith(token.text[0]) ? 1 : 0)) : token.text;
}

function regexAllowedAfter(prev: Token | undefined): boolean {
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
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36 || c > 127;
}

function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57);
}
