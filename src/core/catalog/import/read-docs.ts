// Readers for Box's published model cards (the "Model details" table of a card page, in Markdown or
// MDX) and the list of retired cards. The supported-models page is read by read-index.ts. Pure text
// in, plain data out.

/** The rows of a model card's "Model details" table, keyed by lower-cased item name. */
export function readCardTable(markdown: string): Map<string, string> {
  const rows = new Map<string, string>();
  for (const line of markdown.split(/\r?\n/)) {
    if (!line.trimStart().startsWith('|')) continue;
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    if (cells.length < 2 || /^-+$/.test(cells[0]) || cells[0] === '' || cells[0].toLowerCase() === 'item') continue;
    const key = cells[0].toLowerCase().replace(/\s+/g, ' ');
    if (!rows.has(key)) rows.set(key, cleanCell(cells[1]));
  }
  return rows;
}

/** A table cell's text: emphasis, code marks, links (`[x](…)`, `<Link …>x</Link>`) and other tags stripped. */
export function cleanCell(cell: string): string {
  return cell
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]*>/g, '')
    .replace(/\*\*/g, '')
    .replace(/`/g, '')
    .trim();
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/**
 * Turns the cards' date styles ("June 20th, 2024", "March 4th 2024", "September 2024", "2023") into an
 * ISO date of the same precision. Returns undefined for text that names no date ("Not provided").
 */
export function parseCardDate(text: string): string | undefined {
  const t = text.trim().toLowerCase();
  let m = /^([a-z]+)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/.exec(t);
  if (m && MONTHS.includes(m[1])) return `${m[3]}-${pad(MONTHS.indexOf(m[1]) + 1)}-${pad(Number(m[2]))}`;
  m = /^([a-z]+),?\s+(\d{4})$/.exec(t);
  if (m && MONTHS.includes(m[1])) return `${m[2]}-${pad(MONTHS.indexOf(m[1]) + 1)}`;
  m = /^(\d{4})$/.exec(t);
  if (m) return m[1];
  return undefined;
}

/** "200k tokens" → 200000, "1m" → 1000000, "Not specified" → undefined. */
export function parseTokenCount(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*([km]?)\b/i.exec(text.trim());
  if (!m) return undefined;
  const scale = { '': 1, k: 1_000, m: 1_000_000 }[m[2].toLowerCase() as '' | 'k' | 'm'];
  return Math.round(Number(m[1]) * scale);
}

/** RETIRED.tsv: card file name → the date it left Box's list. */
export function readRetiredList(tsv: string): Map<string, string> {
  const lines = tsv.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines.shift()?.split('\t') ?? [];
  const fileCol = header.indexOf('file');
  const dateCol = header.indexOf('deleted_on');
  const retired = new Map<string, string>();
  for (const line of lines) {
    const cells = line.split('\t');
    if (cells[fileCol] && cells[dateCol]) retired.set(cells[fileCol].trim(), cells[dateCol].trim());
  }
  return retired;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
