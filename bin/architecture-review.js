#!/usr/bin/env node
// The command-line front door: everything happens in dist/cli.js (bundled from src/cli/).
import { runCli } from '../dist/cli.js';

// A reader that stops early (`| head`) closes the pipe: stop writing to it, quietly, and end
// with the run's own status. Any other failure to write is one line and status 2.
const closed = { stdout: false, stderr: false };
let writeFailed = false;
for (const name of ['stdout', 'stderr']) {
  process[name].on('error', (err) => {
    closed[name] = true;
    if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') return;
    if (!closed.stderr) process.stderr.write(`architecture-review: cannot write to ${name}: ${err.message}\n`);
    writeFailed = true;
    process.exitCode = 2;
  });
}

const status = await runCli(process.argv.slice(2), {
  stdout: (text) => {
    if (!closed.stdout) process.stdout.write(text);
  },
  stderr: (text) => {
    if (!closed.stderr) process.stderr.write(text);
  },
  cwd: process.cwd(),
  isTTY: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
});
process.exitCode = writeFailed ? 2 : status;
