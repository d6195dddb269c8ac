/** 200000 → "200k", 1000000 → "1M", 10000000 → "10M", 8000 → "8k", 131000 → "131k". */
export function compactTokens(n: number): string {
  if (n >= 1_000_000) return `${trim(n / 1_000_000)}M`;
  if (n >= 1_000) return `${trim(n / 1_000)}k`;
  return String(n);
}

/** 12345 → "12,345" (fixed grouping, independent of the machine's locale). */
export function groupDigits(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Escapes text so Markdown shows it literally in the middle of a line or a table cell: no links,
 * images, emphasis, code, HTML, entities or cell breaks. (Line-start syntax such as `- ` or `1.` cannot
 * arise: values are never placed at the start of a line.)
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|~&!#]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

/** Inline code that survives backticks inside the text. */
export function inlineCode(text: string): string {
  const clean = text.replace(/\r?\n/g, ' ');
  const longest = Math.max(0, ...(clean.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = clean.startsWith('`') || clean.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`;
}

function trim(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(1).replace(/\.0$/, '');
}
