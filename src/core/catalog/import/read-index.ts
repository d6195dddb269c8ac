// Reads the entries of Box's supported-models page in every layout Box has published: the old
// repository's `<Tile>` elements, and the Mintlify source's (or its Markdown export's)
// `<CustomCard title=… href=… tags={[…]}>` components, wherever they are nested (columns, accordions,
// tabs, groups). Tables and prose on the page add no models. Pure text in, plain data out.

export interface IndexEntry {
  /** The API name the entry shows. */
  id: string;
  /** Last path segment of the entry's link: the card page it points to. */
  cardSlug: string;
  access: 'core' | 'customer-enabled';
  /** The badges the entry shows (status, tier, kind, "Default for …", compliance), each once, in order. */
  pills: string[];
}

export interface ModelIndex {
  entries: IndexEntry[];
  /** Entries that could not be read, each with the line it starts on: the page is then not used at all. */
  problems: string[];
}

/** Access level tags a card may carry itself; otherwise the section heading above it says. */
const ACCESS_TAGS: Record<string, IndexEntry['access']> = { core: 'core', 'customer-enabled': 'customer-enabled', 'customer enabled': 'customer-enabled' };

export function readModelIndex(page: string): ModelIndex {
  const text = withoutComments(page);
  const sections = accessSections(text);
  const accessAt = (offset: number) => sections.filter((s) => s.at <= offset).pop()?.access ?? 'core';
  const entries: IndexEntry[] = [];
  const problems: string[] = [];
  const lineOf = (offset: number) => text.slice(0, offset).split('\n').length;

  const tile = /<Tile\b[^>]*\btitle="([^"]+)"[^>]*\bhref="([^"]+)"[^>]*>([\s\S]*?)<\/Tile>/g;
  for (let m = tile.exec(text); m; m = tile.exec(text)) {
    const pills = [...m[3].matchAll(/<strong\b[^>]*>([\s\S]*?)<\/strong>/g)].map((p) => p[1].trim());
    entries.push(entry(m[1], m[2], pills, accessAt(m.index)));
  }

  const card = /<CustomCard\b/g;
  for (let m = card.exec(text); m; m = card.exec(text)) {
    const read = readOpeningTag(text, m.index + m[0].length);
    const where = `line ${lineOf(m.index)}`;
    if ('problem' in read) {
      problems.push(`the <CustomCard> at ${where} ${read.problem}`);
      continue;
    }
    const { attributes, end, selfClosing } = read;
    if (!selfClosing) {
      // Its children end at the closing tag, which must come before the next card opens.
      const close = text.indexOf('</CustomCard>', end);
      const next = text.indexOf('<CustomCard', end);
      if (close < 0 || (next >= 0 && next < close)) problems.push(`the <CustomCard> at ${where} is never closed (no </CustomCard> before ${next >= 0 ? 'the next card' : 'the end of the page'})`);
    }
    const title = stringValue(attributes.get('title'));
    const href = stringValue(attributes.get('href'));
    if (!title || !href) {
      problems.push(`the <CustomCard> at ${where} has no ${!title ? 'title' : 'href'}`);
      continue;
    }
    const tags = tagTexts(attributes.get('tags') ?? '');
    const ownAccess = tags.map((t) => ACCESS_TAGS[t.toLowerCase()]).find(Boolean);
    entries.push(entry(title, href, tags.filter((t) => !ACCESS_TAGS[t.toLowerCase()]), ownAccess ?? accessAt(m.index)));
  }
  return { entries, problems };
}

/**
 * The page with what never renders blanked out, line breaks kept (so offsets and line numbers stay):
 * MDX comments (an expression holding only a block comment), HTML comments and fenced code. A card
 * commented out is no model.
 */
function withoutComments(page: string): string {
  const blank = (m: string) => m.replace(/[^\n]/g, ' ');
  return page.replace(/\{\/\*[\s\S]*?\*\/\}|<!--[\s\S]*?-->|^([ \t]*)(```|~~~)[^\n]*\n[\s\S]*?^\1\2[ \t]*$/gm, blank);
}

function entry(title: string, href: string, pills: string[], access: IndexEntry['access']): IndexEntry {
  // A badge repeated inside one entry (it happens in Box's docs) is one badge.
  return { id: title.trim(), cardSlug: cardSlugOf(href), access, pills: [...new Set(pills.filter(Boolean))] };
}

/** `/guides/box-ai/ai-models/aws-claude-4-opus-model-card/`, `…/x.md`, `https://…/x#top` → the page's slug. */
function cardSlugOf(href: string): string {
  return (href.trim().replace(/[?#].*$/, '').replace(/\/+$/, '').split('/').pop() ?? '').replace(/\.mdx?$/, '');
}

/**
 * Where the page's access sections start: a heading (at any level, indented or not, as an export may
 * wrap it) naming core or customer-enabled models. Entries before the first such heading are core.
 */
function accessSections(text: string): { at: number; access: IndexEntry['access'] }[] {
  const sections: { at: number; access: IndexEntry['access'] }[] = [];
  for (const m of text.matchAll(/^[ \t]*#{2,6}[ \t]+(.*)$/gm)) {
    if (/customer[- ]enabled models/i.test(m[1])) sections.push({ at: m.index!, access: 'customer-enabled' });
    else if (/\bcore\b.*\bmodels\b/i.test(m[1])) sections.push({ at: m.index!, access: 'core' });
  }
  return sections;
}

type OpeningTag = { attributes: Map<string, string>; end: number; selfClosing: boolean } | { problem: string };

/**
 * The attributes of a JSX opening tag whose name ends at `from`, each as its source text (a quoted
 * string with its quotes, or a `{…}` expression with its braces), up to the `>` or `/>` that ends it.
 */
function readOpeningTag(text: string, from: number): OpeningTag {
  const attributes = new Map<string, string>();
  let at = from;
  for (;;) {
    while (at < text.length && /\s/.test(text[at])) at++;
    if (at >= text.length) return { problem: 'does not end (no ">" before the end of the page)' };
    if (text[at] === '>') return { attributes, end: at + 1, selfClosing: false };
    if (text.startsWith('/>', at)) return { attributes, end: at + 2, selfClosing: true };
    const name = /^[A-Za-z_][\w:-]*/.exec(text.slice(at, at + 100))?.[0];
    if (!name) return { problem: `has "${text[at]}" where an attribute should be` };
    at += name.length;
    while (at < text.length && /\s/.test(text[at])) at++;
    if (text[at] !== '=') {
      attributes.set(name, 'true'); // a bare attribute
      continue;
    }
    at++;
    while (at < text.length && /\s/.test(text[at])) at++;
    const end = text[at] === '{' ? expressionEnd(text, at) : text[at] === '"' || text[at] === "'" ? stringEnd(text, at) : -1;
    if (end < 0) return { problem: `has an attribute ${name} whose value ${text[at] === '{' ? 'has unbalanced braces' : text[at] === '"' || text[at] === "'" ? 'is an unterminated string' : 'is neither a string nor {…}'}` };
    attributes.set(name, text.slice(at, end));
    at = end;
  }
}

/** The offset after the string literal starting at `at` (a backslash escapes the next character), or -1. */
function stringEnd(text: string, at: number): number {
  const quote = text[at];
  for (let i = at + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === quote) return i + 1;
  }
  return -1;
}

/** The offset after the `{…}` expression starting at `at`, its strings skipped, or -1 when it never closes. */
function expressionEnd(text: string, at: number): number {
  let depth = 0;
  for (let i = at; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'" || c === '`') {
      const end = stringEnd(text, i);
      if (end < 0) return -1;
      i = end - 1;
    } else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i + 1;
    else if (c === '<' && text.startsWith('<CustomCard', i)) return -1; // a brace left open runs into the next card
  }
  return -1;
}

/** A quoted attribute value without its quotes (`{"…"}` too); undefined for anything else. */
function stringValue(source: string | undefined): string | undefined {
  const m = source && /^\{?\s*(["'])([\s\S]*)\1\s*\}?$/.exec(source.trim());
  return m ? m[2].trim() : undefined;
}

/** The `text` of each tag in a `tags={[{ text: "Chat", … }, …]}` expression, in order (trailing commas and all). */
function tagTexts(source: string): string[] {
  return [...source.matchAll(/\btext\s*:\s*(["'])(.*?)\1/g)].map((m) => m[2].trim());
}
