// The settings a check runs with, from three layers, each over the one before: the workspace's
// `.vscode/settings.json` (so that the editor and CI agree without a second file), a `--config` file
// (the same keys), and flags. Only the keys the checks read are taken.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse, ParseError, printParseErrorCode } from 'jsonc-parser';
import { CheckCode, DEFAULT_SEVERITY, severitiesFrom, Severity } from '../core/check';
import { DEFAULT_MAX_LENGTH, SlotScope } from '../core/locate';
import { UsageError } from './io';
import { lineStarts, position } from './positions';

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
  if (flags.severity?.length) {
    const pairs = flags.severity.map((pair) => pair.split('=', 2));
    const { severity, ignored } = severitiesFrom({ ...settings.severity, ...Object.fromEntries(pairs) });
    if (ignored.length) throw new UsageError(`--severity ${ignored[0]} (codes: ${Object.keys(DEFAULT_SEVERITY).join(', ')})`);
    settings.severity = severity;
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
    const { line, column } = position(lineStarts(text), errors[0].offset);
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
    const layer = typeof severity === 'object' && !Array.isArray(severity) ? severity : {};
    const { severity: merged, ignored } = severitiesFrom({ ...settings.severity, ...layer });
    for (const slip of layer === severity ? ignored : ['not an object of codes and levels']) complain(`${file}: boxAiModels.diagnostics.severity: ${slip}`);
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

function kilobytes(value: string, what: string, complain: (message: string) => void): number | undefined {
  const kb = Number(value);
  if (!Number.isFinite(kb) || kb <= 0) {
    complain(`${what} must be a positive number of kilobytes, not "${value}"`);
    return undefined;
  }
  return Math.floor(kb * 1024);
}

