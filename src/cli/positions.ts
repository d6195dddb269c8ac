// Offsets as people and reports read them: 1-based lines, and columns in UTF-16 code units from 1, as
// VS Code and SARIF count them.
import { lastAtOrBefore } from '../core/sorted';

/** The offset each line starts at. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The line and column of an offset, given the text's line starts. */
export function position(starts: readonly number[], offset: number): { line: number; column: number } {
  const line = lastAtOrBefore(starts, offset);
  return { line: line + 1, column: offset - starts[line] + 1 };
}
