// npm run bench [-- --smoke]: bundles bench/main.ts (it reuses the test support code: the local
// GitHub API server and the action harness) and runs it.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';

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
const res = spawnSync(process.execPath, ['.bench/out/bench.mjs', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exitCode = res.status ?? 1;
