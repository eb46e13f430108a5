#!/usr/bin/env node
// The command-line front door: everything happens in dist/cli.js (bundled from src/cli/).
import { runCli } from '../dist/cli.js';

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  isTTY: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
});
