// Output formats: each a function from the results to text (ESLint's formatters are the model).
import { relative, sep } from 'node:path';
import { CheckCode, DEFAULT_SEVERITY } from '../core/check';
import { FileResult, Problem } from './check';

export const FORMATS = ['stylish', 'json', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];

export interface FormatContext {
  cwd: string;
  version: string;
  colours: boolean;
}

/** A path as reports show it: relative to the folder the command ran in, with `/`. */
export function shownPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return (rel.startsWith('..') ? path : rel).split(sep).join('/');
}

export function format(kind: Format, results: readonly FileResult[], context: FormatContext): string {
  return FORMATTERS[kind](results, context);
}

const FORMATTERS: Record<Format, (results: readonly FileResult[], context: FormatContext) => string> = {
  stylish,
  json: (results, { cwd }) =>
    JSON.stringify(
      results.map((r) => ({
        filePath: shownPath(r.path, cwd),
        ...(r.skipped ? { skipped: r.skipped } : {}),
        errorCount: count(r.problems, 'error'),
        warningCount: count(r.problems, 'warning'),
        messages: r.problems.map(({ code, severity, message, line, column, endLine, endColumn, fixes }) => ({ ruleId: code, severity, message, line, column, endLine, endColumn, fixes })),
      })),
      null,
      2,
    ) + '\n',
  sarif,
  github,
};

function count(problems: readonly Problem[], severity: Problem['severity']): number {
  return problems.filter((p) => p.severity === severity).length;
}

const LABEL: Record<Problem['severity'], string> = { error: 'error', warning: 'warning', information: 'info', hint: 'hint' };
const COLOUR: Record<Problem['severity'], number> = { error: 31, warning: 33, information: 36, hint: 90 };

function stylish(results: readonly FileResult[], { cwd, colours }: FormatContext): string {
  const paint = (code: number, text: string) => (colours ? `\u001b[${code}m${text}\u001b[0m` : text);
  const blocks: string[] = [];
  for (const result of results) {
    if (result.problems.length === 0) continue;
    const rows = result.problems.map((p) => [`${p.line}:${p.column}`, LABEL[p.severity], p.message, p.code, p.severity] as const);
    const place = Math.max(...rows.map((r) => r[0].length));
    const label = Math.max(...rows.map((r) => r[1].length));
    blocks.push(
      [paint(4, shownPath(result.path, cwd)), ...rows.map(([at, name, message, code, severity]) => `  ${paint(90, at.padEnd(place))}  ${paint(COLOUR[severity], name.padEnd(label))}  ${message}  ${paint(90, code)}`)].join('\n'),
    );
  }
  const problems = results.flatMap((r) => r.problems);
  const errors = count(problems, 'error');
  const warnings = count(problems, 'warning');
  const others = problems.length - errors - warnings;
  if (problems.length === 0) return '';
  const summary = `${errors + warnings + others} problem${problems.length === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}${others ? `, ${others} other` : ''})`;
  return `${blocks.join('\n\n')}\n\n${paint(errors ? 31 : warnings ? 33 : 36, `✖ ${summary}`)}\n`;
}

/** What each check is about, for SARIF's rules (help text beside the README's tables). */
const RULES: Record<CheckCode, string> = {
  'not-a-box-model-name': "The value lacks Box's provider__model shape, so Box answers 400.",
  'unknown-model': 'A Box-shaped model id the catalog does not know: a typo, or a model Box added after the catalog was read.',
  'alias-model': "A spelling of a model id that only some of Box's docs use.",
  'retired-model': "A model that has left Box's list.",
  'embedding-model-in-chat-slot': 'An embedding model where a chat model is expected.',
  'chat-model-in-embedding-slot': 'A chat model where an embedding model is expected.',
  'params-type-mismatch': "llm_endpoint_params.type is not the type the tool's model takes.",
  'completion-tokens-over-max': "num_tokens_for_completion is above the model's max output tokens.",
  'chunk-size-out-of-range': 'embeddings.strategy.num_tokens_per_chunk is outside 1–512.',
  'prompt-template-placeholder-missing': 'prompt_template lacks a placeholder Box fills in.',
  'prompt-template-too-long': 'prompt_template is over 10,000 characters.',
  'prompt-too-long': 'The prompt is over 10,000 characters; Box answers 400.',
  'too-many-items': 'More items than the endpoint takes (25 for an ask or an extract).',
  'single-item-qa-items': 'An ask in single_item_qa mode with more than one item.',
  'text-gen-items': 'A text generation request with other than exactly one item.',
  'item-content-too-large': "An inline item's content is over 2 MB: Box reads the first 2 MB and ignores the rest.",
  'unknown-mode': "An ask's mode other than single_item_qa or multiple_item_qa.",
};
const SARIF_LEVEL: Record<Problem['severity'], string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };
const HELP = 'https://github.com/box-ai-models/box-ai-models#features';

function pascal(code: string): string {
  return code.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());
}

/** SARIF 2.1.0, as GitHub code scanning takes it: one rule per check code, relative POSIX URIs, `results` always present. */
function sarif(results: readonly FileResult[], { cwd, version }: FormatContext): string {
  const codes = Object.keys(DEFAULT_SEVERITY) as CheckCode[];
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'box-ai-models',
            version,
            informationUri: 'https://github.com/box-ai-models/box-ai-models',
            rules: codes.map((code) => ({
              id: code,
              name: pascal(code),
              shortDescription: { text: RULES[code] },
              fullDescription: { text: RULES[code] },
              helpUri: HELP,
              help: { text: `${RULES[code]} Set its severity with boxAiModels.diagnostics.severity (code ${code}).` },
              defaultConfiguration: { level: DEFAULT_SEVERITY[code] === 'off' ? 'none' : SARIF_LEVEL[DEFAULT_SEVERITY[code] as Problem['severity']] },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: results.flatMap((result) =>
          result.problems.map((p) => ({
            ruleId: p.code,
            ruleIndex: codes.indexOf(p.code),
            level: SARIF_LEVEL[p.severity],
            message: { text: p.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: encodeURI(shownPath(result.path, cwd)) },
                  region: { startLine: p.line, startColumn: p.column, endLine: p.endLine, endColumn: Math.max(p.endColumn, p.line === p.endLine ? p.column : 1) },
                },
              },
            ],
          })),
        ),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

const GITHUB_COMMAND: Record<Problem['severity'], string> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };

/** GitHub Actions workflow commands: each problem annotates its line in the pull request. */
function github(results: readonly FileResult[], { cwd }: FormatContext): string {
  const data = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const property = (text: string) => data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
  return results
    .flatMap((result) =>
      result.problems.map(
        (p) => `::${GITHUB_COMMAND[p.severity]} file=${property(shownPath(result.path, cwd))},line=${p.line},col=${p.column},endLine=${p.endLine},endColumn=${p.endColumn},title=${property(p.code)}::${data(p.message)}\n`,
      ),
    )
    .join('');
}
