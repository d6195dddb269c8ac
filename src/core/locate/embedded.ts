// Documents that carry Box code inside another format: Markdown fenced code blocks, and the JSON bodies
// of `.http`/`.rest` request files. Each yields regions, read by the locator of the region's language.

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
