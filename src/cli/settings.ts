// The settings a check runs with, from three layers, each over the one before: the workspace's
// `.vscode/settings.json` (so that the editor and CI agree without a second file), a `--config` file
// (the same keys), and flags. Only the keys the checks read are taken.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse, ParseError, printParseErrorCode } from 'jsonc-parser';
import { CheckCode, DEFAULT_SEVERITY, isSeverity, severitiesFrom, Severity } from '../core/check';
import { DEFAULT_MAX_LENGTH, SlotScope } from '../core/locate';
import { UsageError } from './io';

export interface CheckSettings {
  severity: Record<CheckCode, Severity>;
  scope: SlotScope;
  /** Texts longer than this many characters are not read (`boxAiModels.maxFileSizeKB`). */
  maxLength: number;
  /** Catalog files added to the bundled catalog, absolute. */
  catalogFiles: string[];
}

export interface SettingFlags {
  config?: string;
  severity?: string[];
  scope?: string;
  catalog?: string[];
  maxFileSizeKb?: string;
}

const SCOPES: readonly SlotScope[] = ['boxOverrides', 'anyModelKey'];

/** The settings for a run from `cwd`; `warn` hears what was passed over. Throws UsageError for a bad flag or `--config` file. */
export function loadSettings(flags: SettingFlags, cwd: string, warn: (message: string) => void): CheckSettings {
  const settings: CheckSettings = { severity: { ...DEFAULT_SEVERITY }, scope: 'boxOverrides', maxLength: DEFAULT_MAX_LENGTH, catalogFiles: [] };
  const workspace = resolve(cwd, '.vscode', 'settings.json');
  const fromWorkspace = readSettingsFile(workspace, false, warn);
  if (fromWorkspace) apply(settings, fromWorkspace, cwd, `${workspace}`, warn);
  if (flags.config) {
    const path = resolve(cwd, flags.config);
    const fromConfig = readSettingsFile(path, true, warn);
    if (fromConfig) apply(settings, fromConfig, cwd, path, (message) => {
      throw new UsageError(message);
    });
  }
  for (const pair of flags.severity ?? []) {
    const [code, value] = pair.split('=');
    if (!(code in DEFAULT_SEVERITY)) throw new UsageError(`--severity ${pair}: "${code}" is not a check code (${Object.keys(DEFAULT_SEVERITY).join(', ')})`);
    if (!value || !isSeverity(value)) throw new UsageError(`--severity ${pair}: the level must be error, warning, information, hint or off`);
    settings.severity[code as CheckCode] = value;
  }
  if (flags.scope !== undefined) {
    if (!SCOPES.includes(flags.scope as SlotScope)) throw new UsageError(`--scope must be ${SCOPES.join(' or ')}`);
    settings.scope = flags.scope as SlotScope;
  }
  if (flags.maxFileSizeKb !== undefined) settings.maxLength = kilobytes(flags.maxFileSizeKb, '--max-file-size-kb', (m) => {
    throw new UsageError(m);
  }) ?? settings.maxLength;
  settings.catalogFiles.push(...(flags.catalog ?? []).map((file) => resolve(cwd, file)));
  return settings;
}

/** A settings file's object; undefined when it is missing. A broken file: what could be read, with a warning (or a UsageError when `required`). */
function readSettingsFile(path: string, required: boolean, warn: (message: string) => void): Record<string, unknown> | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (required) throw new UsageError(`cannot read the config file ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    return undefined;
  }
  const errors: ParseError[] = [];
  const value = parse(text, errors, { allowTrailingComma: true });
  if (errors.length > 0) {
    const { line, column } = lineColumn(text, errors[0].offset);
    const message = `${path}:${line}:${column}: ${printParseErrorCode(errors[0].error)}`;
    if (required) throw new UsageError(`the config file is not valid JSON: ${message}`);
    warn(`${message}; the settings that could be read are used`);
  }
  if (value === undefined || typeof value !== 'object' || Array.isArray(value)) {
    if (required) throw new UsageError(`the config file ${path} does not hold an object of settings`);
    return undefined;
  }
  return value as Record<string, unknown>;
}

function apply(settings: CheckSettings, values: Record<string, unknown>, cwd: string, file: string, complain: (message: string) => void): void {
  const read = (key: string) => values[`boxAiModels.${key}`] ?? (values.boxAiModels as Record<string, unknown> | undefined)?.[key];
  const severity = read('diagnostics.severity');
  if (severity !== undefined) {
    const { severity: merged, ignored } = severitiesFrom({ ...pick(settings.severity, severity) });
    for (const slip of ignored) complain(`${file}: boxAiModels.diagnostics.severity: ${slip}`);
    settings.severity = merged;
  }
  const scope = read('slotScope');
  if (scope !== undefined) {
    if (SCOPES.includes(scope as SlotScope)) settings.scope = scope as SlotScope;
    else complain(`${file}: boxAiModels.slotScope must be ${SCOPES.join(' or ')}`);
  }
  const size = read('maxFileSizeKB');
  if (size !== undefined) settings.maxLength = kilobytes(String(size), `${file}: boxAiModels.maxFileSizeKB`, complain) ?? settings.maxLength;
  const catalogs = read('extraCatalogFiles');
  if (Array.isArray(catalogs)) settings.catalogFiles.push(...catalogs.filter((p): p is string => typeof p === 'string' && p.trim() !== '').map((p) => resolve(cwd, p)));
  else if (catalogs !== undefined) complain(`${file}: boxAiModels.extraCatalogFiles must be a list of paths`);
}

/** The severities so far, with the layer's own on top (as one object for severitiesFrom to judge). */
function pick(current: Record<CheckCode, Severity>, layer: unknown): Record<string, unknown> {
  return layer && typeof layer === 'object' && !Array.isArray(layer) ? { ...current, ...layer } : current;
}

function kilobytes(value: string, what: string, complain: (message: string) => void): number | undefined {
  const kb = Number(value);
  if (!Number.isFinite(kb) || kb <= 0) {
    complain(`${what} must be a positive number of kilobytes, not "${value}"`);
    return undefined;
  }
  return Math.floor(kb * 1024);
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
