// npm run bench [-- --smoke]: bundles bench/main.ts (it reuses the test support code: the local
// GitHub API server and the action harness) and runs it.
//
// The action runs on Node 24 at GitHub; when the Node running this is another major version,
// the bench measures the audit and the action's cold start on Node 24 too (scripts/node24.js
// fetches it). Without it (no registry, not Linux x64) the bench says so and goes on.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { node24 } from './node24.js';

await build({
  entryPoints: { bench: 'bench/main.ts', 'detect-passes': 'bench/detect-passes.ts' },
  outdir: '.bench/out',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});

const extra = process.versions.node.split('.')[0] === '24' ? [] : node24Args();
const res = spawnSync(process.execPath, ['.bench/out/bench.mjs', ...extra, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exitCode = res.status ?? 1;

/** `['--node24', path]`, or `['--no-node24', reason]` when Node 24 cannot be had here. */
function node24Args() {
  try {
    return ['--node24', node24()];
  } catch (err) {
    return ['--no-node24', err.message];
  }
}
