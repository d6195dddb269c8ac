// The command line's engine: reads the arguments, runs one command, writes through `io`, and returns
// the exit code (0 fine, 1 problems found, 2 usage or configuration error). It never exits the process.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs, ParseArgsConfig } from 'node:util';
import { Catalog } from '../core/catalog/catalog';
import { closestIds } from '../core/check/model-checks';
import { checkFiles, defaultJobs, FileResult } from './check';
import { bundledCatalog, loadCatalog, modelsJson, modelsText, updateCatalog, UpdateError } from './catalog';
import { AUTOMATIC } from '../core/tokens/model-choice';
import { countJson, countLine, countText, CountResult, EngineShelf } from './count';
import { discoverFiles } from './files';
import { fixFile, unifiedDiff } from './fix';
import { format, Format, FORMATS, shownPath } from './formats';
import { CliIo, EXIT, UsageError } from './io';
import { loadSettings, SettingFlags } from './settings';

declare const CLI_VERSION: string;

export const USAGE = `Usage: box-ai-models <command> [options]

Commands:
  check [paths or globs...]   Check Box AI model names and requests, as the VS Code extension does
  count FILE... [--model ID]  Count tokens against a model's window and Box's 2 MB text limit ("-" reads stdin)
  models [--all] [--json]     List the catalog's models, with its source and date
  update-catalog              Read Box's model docs and write a catalog file (--source URL|DIR, --out FILE)

check options:
  --format stylish|json|sarif|github   Output format (default: stylish)
  --max-warnings N                     Exit 1 when there are more than N warnings
  --fix | --fix-dry-run                Apply the fixes that have one candidate, or print them as a diff
  --config FILE                        Settings file (the keys of .vscode/settings.json)
  --severity CODE=LEVEL                A check's severity: error, warning, information, hint or off
  --scope boxOverrides|anyModelKey     Which model keys are checked (boxAiModels.slotScope)
  --catalog FILE                       A catalog file on top of the bundled catalog (repeatable)
  --max-file-size-kb N                 Skip files larger than this (boxAiModels.maxFileSizeKB)
  --error-on-unmatched                 Exit 2 when a path or glob matches no file
  --jobs N                             Threads to check on (default: one per core)

count options: --model ID, --json, --fail-on-overflow, --catalog FILE, --config FILE
Settings: flags, over --config, over the folder's .vscode/settings.json.
`;

const COMMON = { help: { type: 'boolean', short: 'h' }, catalog: { type: 'string', multiple: true }, config: { type: 'string', short: 'c' } } as const;
const OPTIONS = {
  check: {
    ...COMMON,
    format: { type: 'string', short: 'f' },
    'max-warnings': { type: 'string' },
    fix: { type: 'boolean' },
    'fix-dry-run': { type: 'boolean' },
    severity: { type: 'string', multiple: true },
    scope: { type: 'string' },
    'max-file-size-kb': { type: 'string' },
    'error-on-unmatched': { type: 'boolean' },
    jobs: { type: 'string' },
  },
  count: { ...COMMON, model: { type: 'string', short: 'm' }, json: { type: 'boolean' }, 'fail-on-overflow': { type: 'boolean' } },
  models: { ...COMMON, json: { type: 'boolean' }, all: { type: 'boolean' } },
  'update-catalog': { help: COMMON.help, source: { type: 'string' }, out: { type: 'string', short: 'o' }, timeout: { type: 'string' } },
} satisfies Record<string, ParseArgsConfig['options']>;
type Command = keyof typeof OPTIONS;

export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    io.out(USAGE);
    return EXIT.ok;
  }
  if (command === '--version' || command === '-v') {
    io.out(`${CLI_VERSION}\n`);
    return EXIT.ok;
  }
  try {
    if (!(command in OPTIONS)) throw new UsageError(`unknown command "${command}"`);
    const { values, positionals } = parseArgs({ args: [...rest], options: OPTIONS[command as Command], allowPositionals: true, strict: true });
    if (values.help) {
      io.out(USAGE);
      return EXIT.ok;
    }
    switch (command as Command) {
      case 'check':
        return await check(values as CheckValues, positionals, io);
      case 'count':
        return count(values as CountValues, positionals, io, await stdinIfAsked(positionals, io));
      case 'models': {
        const { json, all } = values as { json?: boolean; all?: boolean };
        const catalog = catalogFor(values as CatalogValues, io);
        io.out(json ? modelsJson(catalog, !!all) : modelsText(catalog, !!all));
        return EXIT.ok;
      }
      case 'update-catalog':
        return await update(values as UpdateValues, positionals, io);
    }
  } catch (error) {
    if (error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`box-ai-models: ${(error as Error).message}\nRun "box-ai-models --help" for usage.\n`);
      return EXIT.usage;
    }
    throw error;
  }
  return EXIT.usage;
}

type CheckValues = Record<'format' | 'max-warnings' | 'config' | 'scope' | 'max-file-size-kb' | 'jobs', string | undefined> &
  Record<'fix' | 'fix-dry-run' | 'error-on-unmatched', boolean | undefined> & { severity?: string[]; catalog?: string[] };
type CatalogValues = { config?: string; catalog?: string[] };
type CountValues = CatalogValues & { model?: string; json?: boolean; 'fail-on-overflow'?: boolean };
type UpdateValues = { source?: string; out?: string; timeout?: string };

/** Messages beside the output, on standard error. */
function noteTo(io: CliIo): (message: string) => void {
  return (message) => io.err(`box-ai-models: ${message}\n`);
}

/** The catalog in use: the bundled one, with the catalog files the settings and flags name on top. */
function catalogFor(values: CatalogValues, io: CliIo): Catalog {
  const settings = loadSettings({ config: values.config, catalog: values.catalog }, io.cwd, noteTo(io));
  return loadCatalog(settings.catalogFiles, noteTo(io));
}

function wholeNumber(value: string | undefined, flag: string, fallback: number, least = 0): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < least) throw new UsageError(`${flag} takes a whole number of at least ${least}, not "${value}"`);
  return n;
}

async function check(values: CheckValues, patterns: string[], io: CliIo): Promise<number> {
  const kind = (values.format ?? 'stylish') as Format;
  if (!FORMATS.includes(kind)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  if (values.fix && values['fix-dry-run']) throw new UsageError('--fix and --fix-dry-run cannot go together');
  const maxWarnings = wholeNumber(values['max-warnings'], '--max-warnings', -1, -1);
  const jobs = wholeNumber(values.jobs, '--jobs', defaultJobs(), 1);
  const note = noteTo(io);
  const flags: SettingFlags = { config: values.config, severity: values.severity, scope: values.scope, catalog: values.catalog, maxFileSizeKb: values['max-file-size-kb'] };
  const settings = loadSettings(flags, io.cwd, note);
  const catalog = loadCatalog(settings.catalogFiles, note);

  const { files: found, unmatched } = discoverFiles(patterns, io.cwd);
  for (const { pattern, why } of unmatched) note(`"${pattern}": ${why}; check for typing mistakes`);
  if (unmatched.length > 0 && values['error-on-unmatched']) return EXIT.usage;

  let results: FileResult[];
  if (values.fix || values['fix-dry-run']) {
    results = [];
    for (const file of found) {
      const outcome = fixFile(file, catalog, settings, !!values['fix-dry-run']);
      results.push(outcome.result);
      if (outcome.notWritten) note(`${shownPath(file, io.cwd)} was not fixed: ${outcome.notWritten}`);
      else if (values['fix-dry-run'] && outcome.before !== undefined) io.out(unifiedDiff(shownPath(file, io.cwd), outcome.before, outcome.after!));
    }
  } else {
    results = await checkFiles(found, catalog, settings, jobs);
  }
  for (const result of results) if (result.skipped) note(`skipped ${shownPath(result.path, io.cwd)}: ${result.skipped}`);
  // A dry run's output is its diff; the report of what is left would be mixed into it.
  if (!values['fix-dry-run']) io.out(format(kind, results, { cwd: io.cwd, version: CLI_VERSION, colours: kind === 'stylish' && io.stdoutIsTTY && !io.env.NO_COLOR }));
  const problems = results.flatMap((r) => r.problems);
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.filter((p) => p.severity === 'warning').length;
  if (maxWarnings >= 0 && warnings > maxWarnings) note(`${warnings} warnings, more than --max-warnings ${maxWarnings}`);
  return errors > 0 || (maxWarnings >= 0 && warnings > maxWarnings) ? EXIT.problems : EXIT.ok;
}

async function stdinIfAsked(paths: readonly string[], io: CliIo): Promise<string | undefined> {
  return paths.includes('-') ? io.readStdin() : undefined;
}

function count(values: CountValues, paths: string[], io: CliIo, stdin: string | undefined): number {
  if (paths.length === 0) throw new UsageError('count needs a file (or "-" for standard input)');
  const catalog = catalogFor(values, io);
  const choice = values.model ?? AUTOMATIC;
  if (choice !== AUTOMATIC && !catalog.lookup(choice)) {
    const close = closestIds(choice, catalog.models.filter((m) => m.status !== 'retired'));
    throw new UsageError(`--model ${choice} is not in the catalog${close.length ? ` (did you mean ${close.join(' or ')}?)` : ''}`);
  }
  const shelf = new EngineShelf();
  const results: CountResult[] = [];
  let failed = false;
  for (const path of paths) {
    let text: string;
    try {
      text = path === '-' ? stdin! : readFileSync(resolve(io.cwd, path), 'utf8');
    } catch (error) {
      noteTo(io)(`cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
      failed = true;
      continue;
    }
    const result = countText(path === '-' ? '<stdin>' : shownPath(resolve(io.cwd, path), io.cwd), text.replace(/^\ufeff/, ''), choice, catalog, shelf);
    results.push(result);
    if (!values.json) io.out(`${countLine(result)}\n`);
  }
  if (values.json) io.out(JSON.stringify(results.map(countJson), null, 2) + '\n');
  const over = results.some((r) => r.verdict === 'over-window' || r.verdict === 'over-box-limit');
  return failed ? EXIT.usage : values['fail-on-overflow'] && over ? EXIT.problems : EXIT.ok;
}

async function update(values: UpdateValues, positionals: string[], io: CliIo): Promise<number> {
  if (positionals.length > 0) throw new UsageError(`update-catalog takes no paths (got ${positionals.join(' ')}); use --source and --out`);
  const timeoutSeconds = wholeNumber(values.timeout, '--timeout', 30, 1);
  try {
    const { text, summary, changes } = await updateCatalog({ source: values.source, timeoutSeconds, cwd: io.cwd, env: io.env, base: bundledCatalog() });
    io.err(`box-ai-models: ${summary}\n${changes.map((line) => `  ${line}\n`).join('')}`);
    if (values.out) {
      writeFileSync(resolve(io.cwd, values.out), text);
      io.err(`box-ai-models: wrote ${values.out}; use it with "check --catalog ${values.out}" or the extension's boxAiModels.extraCatalogFiles\n`);
    } else io.out(text);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof UpdateError) {
      io.err(`box-ai-models: ${error.message}\n`);
      return EXIT.problems;
    }
    throw error;
  }
}
