// npm run bench [-- --smoke]: bundles bench/main.ts (it reuses the test support code: the local
// GitHub API server and the action harness) and runs it.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';

await build({
  entryPoints: ['bench/main.ts'],
  outfile: '.bench/out/bench.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
const res = spawnSync(process.execPath, ['.bench/out/bench.mjs', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exitCode = res.status ?? 1;
