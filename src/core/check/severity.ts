import { CheckCode, DEFAULT_SEVERITY, Severity } from './finding';

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint', 'off'];

/**
 * Each check's severity: the defaults, overridden by `boxAiModels.diagnostics.severity` as the user
 * wrote it. Unknown codes and values are left out and named in `ignored`, so that one slip in a
 * settings file changes nothing else.
 */
export function severitiesFrom(overrides: unknown): { severity: Record<CheckCode, Severity>; ignored: string[] } {
  const severity = { ...DEFAULT_SEVERITY };
  const ignored: string[] = [];
  if (overrides && typeof overrides === 'object' && !Array.isArray(overrides)) {
    for (const [code, value] of Object.entries(overrides)) {
      if (!(code in DEFAULT_SEVERITY)) ignored.push(`${code}: not a check code`);
      else if (!SEVERITIES.includes(value as Severity)) ignored.push(`${code}: "${String(value)}" is not one of ${SEVERITIES.join(', ')}`);
      else severity[code as CheckCode] = value as Severity;
    }
  }
  return { severity, ignored };
}
