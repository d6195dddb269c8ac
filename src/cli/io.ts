// What the command line touches outside itself, passed in so that tests run it in-process with their
// own streams, folder and environment (as markdownlint-cli2's main() takes its fs).
export interface CliIo {
  cwd: string;
  env: Record<string, string | undefined>;
  /** Whether standard output is a terminal (colours in the stylish format). */
  stdoutIsTTY: boolean;
  out(text: string): void;
  err(text: string): void;
  readStdin(): Promise<string>;
}

/** A mistake in how the command was called or configured: exit code 2, with this message. */
export class UsageError extends Error {}

export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;
