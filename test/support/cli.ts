/**
 * Runs the CLI in-process, exactly as bin/architecture-review.js does, with its output captured.
 */
import { runCli } from '../../src/cli/main.js';

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

export async function runCliCaptured(argv: string[], options: { cwd?: string; isTTY?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const status = await runCli(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    cwd: options.cwd ?? process.cwd(),
    isTTY: options.isTTY ?? false,
    env: options.env,
  });
  return { status, stdout, stderr };
}
