/**
 * Errors the user can fix. Both front doors print them as plain lines (no stack trace) and
 * exit with status 2; anything else is a bug and is reported as one.
 */

/** One problem in a file the user wrote, with its place. Line and column are 1-based. */
export interface Problem {
  file: string;
  line: number;
  col: number;
  message: string;
}

/** Formats a problem the way compilers do: `file:line:col: message`. */
export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.col}: ${p.message}`;
}

/** A profile or rules file that is not valid; carries every problem found, not just the first. */
export class ConfigError extends Error {
  readonly problems: Problem[];
  constructor(problems: Problem[], options?: { cause?: unknown }) {
    super(problems.map(formatProblem).join('\n'), options);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Bad command-line usage or action input, or a repository that cannot be read. */
export class UsageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UsageError';
  }
}

/** True for the errors that mean "fix your input" (exit status 2) rather than a bug. */
export function isUserError(err: unknown): err is ConfigError | UsageError {
  return err instanceof ConfigError || err instanceof UsageError;
}
