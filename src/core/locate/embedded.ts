// Documents that carry Box code inside another format: Markdown fenced code blocks, the JSON bodies
// of `.http`/`.rest` request files, and the bodies of `curl` commands in shell scripts. Each yields
// regions, read by the locator of the region's language.

/** A stretch of a host document written in another language. */
export interface Region {
  languageId: string;
  start: number;
  end: number;
}

/** Fence info strings (first word, lower case) and the language they stand for. */
const FENCE_LANGUAGES: Record<string, string> = {
  json: 'json',
  jsonc: 'jsonc',
  json5: 'jsonc',
  sh: 'shellscript',
  bash: 'shellscript',
  shell: 'shellscript',
  zsh: 'shellscript',
  console: 'shellscript',
  js: 'javascript',
  javascript: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  jsx: 'javascriptreact',
  ts: 'typescript',
  typescript: 'typescript',
  tsx: 'typescriptreact',
  py: 'python',
  python: 'python',
  python3: 'python',
  yaml: 'yaml',
  yml: 'yaml',
};

interface Line {
  start: number;
  /** Offset of the line break (or the text's end). */
  end: number;
  /** Offset after the line break. */
  next: number;
  text: string;
}

function* lines(text: string): Generator<Line> {
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const next = end + 1;
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    yield { start, end, next, text: text.slice(start, end) };
    if (next > text.length) return;
    start = next;
  }
}

/**
 * The fenced code blocks of a Markdown text whose info string names a language that holds Box code
 * (```json, ```ts, ```python, ```yaml, ...). An unclosed fence runs to the end, as CommonMark says.
 */
export function markdownRegions(text: string): Region[] {
  const regions: Region[] = [];
  let open: { fence: string; languageId: string | undefined; start: number } | undefined;
  for (const line of lines(text)) {
    if (!open) {
      const m = /^ {0,3}(`{3,}|~{3,})\s*([^\s`{]*)/.exec(line.text);
      if (m && !(m[1][0] === '`' && line.text.slice(m.index + m[0].length).includes('`'))) {
        open = { fence: m[1], languageId: FENCE_LANGUAGES[m[2].toLowerCase()], start: line.next };
      }
      continue;
    }
    const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line.text);
    if (close && close[1][0] === open.fence[0] && close[1].length >= open.fence.length) {
      if (open.languageId) regions.push({ languageId: open.languageId, start: Math.min(open.start, line.start), end: line.start });
      open = undefined;
    }
  }
  if (open?.languageId && open.start <= text.length) regions.push({ languageId: open.languageId, start: open.start, end: text.length });
  return regions;
}

const REQUEST_LINE = /^\s*(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)?\s*(https?:\/\/|\{\{|\/)\S*/i;

/**
 * The JSON bodies of the requests in a REST Client style `.http`/`.rest` file: requests are split by
 * `###` lines; a body follows the first blank line after the request line and its headers.
 */
export function httpRegions(text: string): Region[] {
  const regions: Region[] = [];
  type Phase = 'before-request' | 'headers' | 'body';
  let phase: Phase = 'before-request';
  let bodyStart = -1;
  const endBody = (end: number) => {
    if (phase === 'body' && bodyStart >= 0 && /^\s*[{[]/.test(text.slice(bodyStart, end))) regions.push({ languageId: 'json', start: bodyStart, end });
    phase = 'before-request';
    bodyStart = -1;
  };
  for (const line of lines(text)) {
    if (/^\s*###/.test(line.text)) {
      endBody(line.start);
      continue;
    }
    if (phase === 'before-request') {
      const comment = /^\s*(#|\/\/)/.test(line.text);
      if (!comment && REQUEST_LINE.test(line.text)) phase = 'headers';
    } else if (phase === 'headers' && line.text.trim() === '') {
      phase = 'body';
      bodyStart = line.next;
    }
  }
  endBody(text.length);
  return regions;
}

/** A region whose text is not the host's as written: `text` was decoded, and `at[i]` is the host offset of its i-th character. */
export interface DecodedRegion extends Region {
  text: string;
  at: number[];
  /** The quote a completion brings where there is no string yet, when the host's quoting needs another (`\\"` inside a shell's "…"). */
  newQuote?: string;
}

/** A data option, alone (`-d`), with `=` (`--data=…`) or glued to its quoted value (`-d'…'`). */
const CURL_DATA = /^(?:-d|--data|--data-raw|--data-binary|--data-ascii)(?:=|(?=['"$])|$)/;

/**
 * The JSON bodies of the `curl` commands in a shell script (or a shell fence): the argument of `-d`,
 * `--data`, `--data-raw` or `--data-binary`, quoted `'…'`, `"…"` (backslash escapes read as the shell
 * reads them) or `$'…'` (ANSI-C escapes), decoded, with each character's place in the script. `@file`
 * bodies are skipped. A quote left unclosed (Box's docs have one) ends at the first blank line, so
 * that it never takes in the commands after it.
 */
export function curlRegions(text: string): DecodedRegion[] {
  const regions: DecodedRegion[] = [];
  for (const command of text.matchAll(/(?:^|[\s;&|(`$])curl\s/g)) {
    const from = command.index! + command[0].length;
    for (let at = from; at < text.length; ) {
      const word = readWord(text, at);
      if (!word) break;
      at = word.end;
      if (word.commandEnd) break;
      const option = CURL_DATA.exec(word.raw);
      if (!option) continue;
      // `--data=value`, `-d'value'` or the next word.
      const attached = word.raw.length > option[0].length || word.raw.endsWith('=');
      const value = attached ? readWord(text, word.start + option[0].length, true) : readWord(text, at);
      if (!value || value.commandEnd) break;
      at = value.end;
      if (value.text.startsWith('@')) continue;
      if (/^\s*[{[]/.test(value.text)) {
        regions.push({ languageId: 'json', start: value.at[0] ?? value.start, end: value.end, text: value.text, at: value.at, ...(value.raw.startsWith('"') ? { newQuote: '\\"' } : {}) });
      }
    }
  }
  return regions;
}

interface Word {
  start: number;
  end: number;
  /** As written. */
  raw: string;
  /** As the shell reads it, with each character's offset in the script. */
  text: string;
  at: number[];
  /** The word ends the command (a line break, `;`, `|`, `&`): nothing after it belongs to this curl. */
  commandEnd?: boolean;
}

/**
 * The shell word starting at (or after the blanks and line continuations at) `from`, quotes and
 * escapes read; undefined at the end of the text. `glued` reads on from `from` with no blanks first.
 */
function readWord(text: string, from: number, glued = false): Word | undefined {
  let i = from;
  if (!glued) {
    for (;;) {
      while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
      if (text[i] === '\\' && (text[i + 1] === '\n' || (text[i + 1] === '\r' && text[i + 2] === '\n'))) i += text[i + 1] === '\r' ? 3 : 2;
      else break;
    }
  }
  if (i >= text.length) return undefined;
  if (/[\n;&|#)]/.test(text[i]) || (text[i] === '\r' && text[i + 1] === '\n')) return { start: i, end: i + 1, raw: text[i], text: '', at: [], commandEnd: true };
  const start = i;
  let out = '';
  const at: number[] = [];
  const put = (character: string, offset: number) => {
    out += character;
    for (let k = 0; k < character.length; k++) at.push(offset);
  };
  while (i < text.length && !/[\s;&|)]/.test(text[i])) {
    const c = text[i];
    if (c === "'") {
      const close = quoteEnd(text, i + 1, "'");
      for (let k = i + 1; k < close; k++) put(text[k], k);
      i = Math.min(close + 1, text.length);
    } else if (c === '$' && text[i + 1] === "'") {
      i = readAnsiC(text, i + 2, put);
    } else if (c === '"') {
      i++;
      const close = quoteEnd(text, i, '"');
      for (; i < close; i++) {
        // In double quotes a backslash escapes only $ ` " \ and a line break.
        if (text[i] === '\\' && /[$`"\\\n]/.test(text[i + 1] ?? '')) {
          i++;
          if (text[i] !== '\n') put(text[i], i);
        } else put(text[i], i);
      }
      i = Math.min(close + 1, text.length);
    } else if (c === '\\') {
      if (text[i + 1] !== '\n') put(text[i + 1] ?? '', i + 1);
      i += 2;
    } else {
      put(c, i);
      i++;
    }
  }
  return { start, end: i, raw: text.slice(start, i), text: out, at };
}

/** Where the quoted string from `from` closes: its closing quote, or, left unclosed, the first blank line (or the text's end). */
function quoteEnd(text: string, from: number, quote: string): number {
  for (let i = from; i < text.length; i++) {
    if (quote === '"' && text[i] === '\\') i++;
    else if (text[i] === quote) return i;
    else if (text[i] === '\n' && blankLineAfter(text, i)) return i;
  }
  return text.length;
}

/** Whether the line after the line break at `at` is blank (or the text ends there). */
function blankLineAfter(text: string, at: number): boolean {
  let i = at + 1;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\r')) i++;
  return i >= text.length || text[i] === '\n';
}

const ANSI_C: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\u0007', b: '\b', e: '\u001b', E: '\u001b', f: '\f', v: '\v' };

/** Reads a `$'…'` string's content from `from` (after the quote); returns the offset after its closing quote. */
function readAnsiC(text: string, from: number, put: (character: string, offset: number) => void): number {
  let i = from;
  while (i < text.length && text[i] !== "'") {
    if (text[i] === '\n' && blankLineAfter(text, i)) return i; // unclosed
    if (text[i] === '\\' && i + 1 < text.length) {
      const hex = /^x([0-9a-fA-F]{1,2})|^u([0-9a-fA-F]{1,4})/.exec(text.slice(i + 1, i + 6));
      if (hex) {
        put(String.fromCharCode(parseInt(hex[1] ?? hex[2], 16)), i);
        i += 1 + hex[0].length;
      } else {
        put(ANSI_C[text[i + 1]] ?? `\\${text[i + 1]}`, i);
        i += 2;
      }
    } else put(text[i], i++);
  }
  return Math.min(i + 1, text.length);
}
