/**
 * Node built-ins that only some runs need, loaded on first use rather than with the module
 * that uses them: `node:crypto` (SARIF fingerprints) costs 7 to 11 ms to load, and
 * `node:child_process` (git), with the net, dgram and stream modules it brings, 5 to 9 ms
 * (Node 24, Node 20), on every run that never calls them.
 */
import { createRequire } from 'node:module';

const load = createRequire(import.meta.url);

/** A getter for the built-in `name`, which loads it on its first call. */
export function lazyBuiltin<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= load(name) as T);
}
