// Documents that carry Box code inside another format: Markdown fenced code blocks, the JSON bodies
// of `.http`/`.rest` request files, and the bodies of `curl` commands in shell scripts. Each yields
// regions, read by the locator of the region's language.
import { lastAtOrBefore } from '../sorted';

/** A stretch of a host document written in another language. */
export interface Region {
  languageId: string;
  start: number;
  end: number;
  /** The URL the body is sent to, where the host says (a `.http` request line, a `curl` command). */
  url?: string;
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
  let url: string | undefined;
  const endBody = (end: number) => {
    if (phase === 'body' && bodyStart >= 0 && /^\s*[{[]/.test(text.slice(bodyStart, end))) regions.push({ languageId: 'json', start: bodyStart, end, ...(url ? { url } : {}) });
    phase = 'before-request';
    bodyStart = -1;
    url = undefined;
  };
  for (const line of lines(text)) {
    if (/^\s*###/.test(line.text)) {
      endBody(line.start);
      continue;
    }
    if (phase === 'before-request') {
      const comment = /^\s*(#|\/\/)/.test(line.text);
      if (!comment && REQUEST_LINE.test(line.text)) {
        phase = 'headers';
        url = /(https?:\/\/|\{\{|\/)\S*/.exec(line.text)?.[0];
      }
    } else if (phase === 'headers' && line.text.trim() === '') {
      phase = 'body';
      bodyStart = line.next;
    }
  }
  endBody(text.length);
  return regions;
}

/**
 * A stretch of a host document in one language, as a reader of that language gets it: the text (cut
 * out, or decoded from shell quoting), and where its characters stand in the host.
 */
export interface Piece {
  languageId: string;
  text: string;
  /** The host offset the piece starts at. */
  start: number;
  url?: string;
  /** The quote a completion brings where there is no string yet, when the host's quoting needs another. */
  newQuote?: string;
  /** A range of the piece's text as host offsets. */
  hostRange(start: number, end: number): { start: number; end: number };
}

/** Languages whose documents carry pieces of other languages. */
export const HOST_LANGUAGES: readonly string[] = ['markdown', 'http', 'shellscript'];

/**
 * The pieces a host document carries, in document order, with Markdown's shell fences read down to
 * their `curl` bodies; undefined for a language that is not a host. The slot locators and the request
 * checks both read documents through here, so a body is found and mapped back one way.
 */
export function piecesOf(text: string, languageId: string): Piece[] | undefined {
  const cut = (region: Region): Piece => ({
    languageId: region.languageId,
    text: text.slice(region.start, region.end),
    start: region.start,
    url: region.url,
    hostRange: (start, end) => ({ start: start + region.start, end: end + region.start }),
  });
  switch (languageId) {
    case 'http':
      return httpRegions(text).map(cut);
    case 'shellscript':
      return curlRegions(text).map((region) => ({ ...region, hostRange: (start: number, end: number) => hostRange(region, start, end) }));
    case 'markdown':
      return markdownRegions(text).flatMap((fence) => {
        const piece = cut(fence);
        const inner = piecesOf(piece.text, piece.languageId);
        if (!inner) return [piece];
        // A host inside a fence (a shell fence's curl bodies): its pieces, moved to the document.
        return inner.map((p) => ({
          ...p,
          start: p.start + fence.start,
          hostRange: (start: number, end: number) => {
            const inFence = p.hostRange(start, end);
            return piece.hostRange(inFence.start, inFence.end);
          },
        }));
      });
    default:
      return undefined;
  }
}

/**
 * A region whose text is not the host's as written: `text` was decoded (shell quoting). Its stretches
 * start at the decoded offsets `from`, which stand at the host offsets `host` (see hostOffset).
 */
export interface DecodedRegion extends Region {
  text: string;
  from: number[];
  host: number[];
  /** The quote a completion brings where there is no string yet, when the host's quoting needs another (`\\"` inside a shell's "…"). */
  newQuote?: string;
}

/** Where a decoded region's character at `offset` stands in the host (its end: just past the last character). */
function hostOffset(region: DecodedRegion, offset: number): number {
  const { from, host } = region;
  if (from.length === 0) return region.start;
  const at = lastAtOrBefore(from, offset);
  return host[at] + (offset - from[at]);
}

/** A host range [start, end) of decoded offsets, in host offsets: content maps character by character, an empty range to where it starts. */
export function hostRange(region: DecodedRegion, start: number, end: number): { start: number; end: number } {
  const hostStart = hostOffset(region, start);
  return { start: hostStart, end: end > start ? hostOffset(region, end - 1) + 1 : hostStart };
}

/** Decoded text built from stretches of the host, each remembered with where it stands. */
class Decoded {
  text = '';
  readonly from: number[] = [];
  readonly host: number[] = [];

  /** Appends the host's text[start, end) as it stands. */
  copy(source: string, start: number, end: number): void {
    if (end > start) this.put(source.slice(start, end), start);
  }

  /** Appends text that stands at host offset `at` (an escape's meaning, at its backslash). */
  put(text: string, at: number): void {
    this.from.push(this.text.length);
    this.host.push(at);
    this.text += text;
  }
}

/** A data option, alone (`-d`), with `=` (`--data=…`) or glued to its quoted value (`-d'…'`). */
const CURL_DATA = /^(?:-d|--data|--data-raw|--data-binary|--data-ascii)(?:=|(?=['"$])|$)/;

/**
 * The JSON bodies of the `curl` commands in a shell script (or a shell fence): the argument of `-d`,
 * `--data`, `--data-raw` or `--data-binary`, quoted `'…'`, `"…"` (backslash escapes read as the shell
 * reads them) or `$'…'` (ANSI-C escapes), decoded, with where each stretch stands in the script, and
 * the command's URL. `@file` bodies are skipped. A quote left unclosed (Box's docs have one) ends at
 * the first blank line, so that it never takes in the commands after it.
 */
export function curlRegions(text: string): DecodedRegion[] {
  // The slots and the request checks read one text's bodies in turn: decode them once.
  if (lastCurl?.text === text) return lastCurl.regions;
  const regions: DecodedRegion[] = [];
  for (const command of text.matchAll(/(?:^|[\s;&|(`$])curl\s/g)) {
    const from = command.index! + command[0].length;
    const bodies: DecodedRegion[] = [];
    let url: string | undefined;
    for (let at = from; at < text.length; ) {
      const word = readWord(text, at);
      if (!word) break;
      at = word.end;
      if (word.commandEnd) break;
      if (!url && /^https?:\/\//.test(word.decoded.text)) url = word.decoded.text;
      const option = CURL_DATA.exec(word.raw);
      if (!option) continue;
      // `--data=value`, `-d'value'` or the next word.
      const attached = word.raw.length > option[0].length || word.raw.endsWith('=');
      const value = attached ? readWord(text, word.start + option[0].length, true) : readWord(text, at);
      if (!value || value.commandEnd) break;
      at = value.end;
      const { decoded } = value;
      if (decoded.text.startsWith('@') || !/^\s*[{[]/.test(decoded.text)) continue;
      bodies.push({
        languageId: 'json',
        start: decoded.host[0] ?? value.start,
        end: value.end,
        text: decoded.text,
        from: decoded.from,
        host: decoded.host,
        ...(value.raw.startsWith('"') ? { newQuote: '\\"' } : {}),
      });
    }
    // The URL may come after the body.
    regions.push(...bodies.map((body) => (url ? { ...body, url } : body)));
  }
  lastCurl = { text, regions };
  return regions;
}

/** The last text curlRegions read, and its regions (read-only for callers). */
let lastCurl: { text: string; regions: DecodedRegion[] } | undefined;

interface Word {
  start: number;
  end: number;
  /** As written. */
  raw: string;
  /** As the shell reads it. */
  decoded: Decoded;
  /** The word ends the command (a line break, `;`, `|`, `&`, a comment): nothing after it belongs to this curl. */
  commandEnd?: boolean;
}

/** Blanks, line breaks and the characters that end a shell word. */
function endsWord(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 59 || code === 38 || code === 124 || code === 41;
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
  const decoded = new Decoded();
  if (/[\n;&|#)]/.test(text[i]) || (text[i] === '\r' && text[i + 1] === '\n')) return { start: i, end: i + 1, raw: text[i], decoded, commandEnd: true };
  const start = i;
  while (i < text.length && !endsWord(text.charCodeAt(i))) {
    const c = text[i];
    if (c === "'") {
      const close = quoteEnd(text, i + 1, "'");
      decoded.copy(text, i + 1, close);
      i = Math.min(close + 1, text.length);
    } else if (c === '$' && text[i + 1] === "'") {
      i = readAnsiC(text, i + 2, decoded);
    } else if (c === '"') {
      const close = quoteEnd(text, i + 1, '"');
      let run = i + 1;
      for (let k = run; k < close; k++) {
        // In double quotes a backslash escapes only $ ` " \ and a line break.
        if (text[k] !== '\\' || !'$`"\\\n'.includes(text[k + 1] ?? ' ')) continue;
        decoded.copy(text, run, k);
        k++;
        run = text[k] === '\n' ? k + 1 : k;
      }
      decoded.copy(text, run, close);
      i = Math.min(close + 1, text.length);
    } else if (c === '\\') {
      if (text[i + 1] !== '\n') decoded.copy(text, i + 1, i + 2);
      i += 2;
    } else {
      let j = i + 1;
      while (j < text.length && !endsWord(text.charCodeAt(j)) && !'\'"\\$'.includes(text[j])) j++;
      decoded.copy(text, i, j);
      i = j;
    }
  }
  return { start, end: i, raw: text.slice(start, i), decoded };
}

/** Where the quoted string from `from` closes: its closing quote, or, left unclosed, the first blank line (or the text's end). */
function quoteEnd(text: string, from: number, quote: string): number {
  let close = text.indexOf(quote, from);
  // In double quotes, a quote after an odd number of backslashes is escaped.
  while (quote === '"' && close >= 0 && backslashesBefore(text, close, from) % 2 === 1) close = text.indexOf(quote, close + 1);
  const end = close < 0 ? text.length : close;
  for (let line = text.indexOf('\n', from); line >= 0 && line < end; line = text.indexOf('\n', line + 1)) if (blankLineAfter(text, line)) return line;
  return end;
}

function backslashesBefore(text: string, at: number, from: number): number {
  let count = 0;
  while (at - count - 1 >= from && text[at - count - 1] === '\\') count++;
  return count;
}

/** Whether the line after the line break at `at` is blank (or the text ends there). */
function blankLineAfter(text: string, at: number): boolean {
  let i = at + 1;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\r')) i++;
  return i >= text.length || text[i] === '\n';
}

const ANSI_C: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\u0007', b: '\b', e: '\u001b', E: '\u001b', f: '\f', v: '\v' };

/** Reads a `$'…'` string's content from `from` (after the quote) into `decoded`; returns the offset after its closing quote. */
function readAnsiC(text: string, from: number, decoded: Decoded): number {
  let run = from;
  let i = from;
  for (; i < text.length && text[i] !== "'"; i++) {
    if (text[i] === '\n' && blankLineAfter(text, i)) break; // unclosed
    if (text[i] !== '\\' || i + 1 >= text.length) continue;
    decoded.copy(text, run, i);
    const hex = /^x([0-9a-fA-F]{1,2})|^u([0-9a-fA-F]{1,4})/.exec(text.slice(i + 1, i + 6));
    if (hex) {
      decoded.put(String.fromCharCode(parseInt(hex[1] ?? hex[2], 16)), i);
      i += hex[0].length;
    } else {
      decoded.put(ANSI_C[text[i + 1]] ?? `\\${text[i + 1]}`, i);
      i++;
    }
    run = i + 1;
  }
  decoded.copy(text, run, i);
  return text[i] === "'" ? i + 1 : i;
}
