import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors.js';
import type { SignalKind } from '../types.js';
import { auditTree } from '../audit.js';
import { profileFromText } from '../load-config.js';

/** Top-level folder of a path, or "." for files at the root. */
function topFolder(p: string): string {
  const slash = p.indexOf('/');
  return slash === -1 ? '.' : p.slice(0, slash);
}

function yamlString(s: string): string {
  return JSON.stringify(s);
}

/**
 * Builds a starter profile: one service per top-level folder where signals were found, every
 * need left commented out for the team to declare, since only they know them.
 */
export function starterProfileText(found: Map<string, Set<SignalKind>>): string {
  const lines = [
    '# Service profile for architecture-review.',
    '# Declare what each service needs; undeclared needs are reported as "not declared".',
    '# Golang is justified only when a service needs low latency, high concurrency and',
    '# multi-core shared memory at once, and cython.parallel cannot do the job.',
    'version: 1',
    'services:',
  ];
  const folders = [...found.keys()].sort();
  if (folders.length === 0) folders.push('.');
  for (const folder of folders) {
    const kinds = [...(found.get(folder) ?? [])].sort();
    const name = folder === '.' ? 'main' : folder.replace(/[^A-Za-z0-9_.-]+/g, '-');
    lines.push(`  - name: ${yamlString(name)}`);
    lines.push(`    paths: [${yamlString(folder === '.' ? '**' : `${folder}/**`)}]`);
    if (kinds.length > 0) lines.push(`    # found: ${kinds.join(', ')}`);
    lines.push('    context: standalone        # erp5 | zope | standalone');
    lines.push('    # workload: io-bound       # io-bound | cpu-bound | mixed');
    lines.push('    needs: {}                  # replace {} with the needs that hold, for example:');
    lines.push('    #   low-latency: true');
    lines.push('    #   high-concurrency: true');
    lines.push('    #   multi-core: true');
    lines.push('    #   shared-memory: true      # the cores share one userspace memory');
    lines.push('    #   cython-parallel: false   # true when the hot path fits cython.parallel / nogil');
    lines.push('    #   parallel-request: false  # all cores needed inside one request');
    lines.push('    # evidence:');
    lines.push('    #   profiling: "link to a profile of the hot path"');
  }
  lines.push('accept: []');
  lines.push('ignore: []');
  return `${lines.join('\n')}\n`;
}

/** `init`: audits the tree with no profile and writes the starter profile; never overwrites. */
export async function writeStarterProfile(dir: string, profileRel: string): Promise<string> {
  const target = path.resolve(dir, profileRel);
  if (existsSync(target)) {
    throw new UsageError(`init: ${target} already exists: edit it, or remove it to start over`);
  }
  const { report } = await auditTree(dir, { format: 'text', failOn: 'never' }, { withProfile: false });
  const found = new Map<string, Set<SignalKind>>();
  for (const s of report.signals) {
    const set = found.get(topFolder(s.path)) ?? new Set<SignalKind>();
    set.add(s.signal);
    found.set(topFolder(s.path), set);
  }
  const text = starterProfileText(found);
  await profileFromText(text, profileRel); // the starter must itself be valid
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, text);
  const services = Math.max(found.size, 1);
  return `wrote ${path.relative(dir, target) || target}: ${services} service(s), ${report.signals.length} signal(s) found; declare each service's needs next\n`;
}
