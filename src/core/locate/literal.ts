/** A quoted string literal on one line whose whole content is a name-like word (letters, digits, _ . -). */
export interface Literal {
  value: string;
  /** Column range of the content, inside the quotes. */
  start: number;
  end: number;
}

const NAME_CHAR = /[A-Za-z0-9_.\-@]/;
const QUOTES = `"'\``;

/**
 * The string literal under `column` when the whole string is one name, e.g. the `'aws__claude_3_haiku'`
 * in `const DEFAULT_MODEL = 'aws__claude_3_haiku'`. Works on a single line; returns undefined elsewhere.
 */
export function nameLiteralAt(line: string, column: number): Literal | undefined {
  if (line.length > 100_000) return undefined; // minified or generated: not worth it
  let start = column;
  let end = column;
  while (start > 0 && NAME_CHAR.test(line[start - 1])) start--;
  while (end < line.length && NAME_CHAR.test(line[end])) end++;
  if (start === end) return undefined;
  const open = line[start - 1];
  if (open === undefined || !QUOTES.includes(open) || line[end] !== open) return undefined;
  return { value: line.slice(start, end), start, end };
}
