/**
 * A detection worker for `audit --jobs N`: it gets a batch of paths of one tree, reads each
 * file itself (the same reader as the single-process audit: no link out of the tree, the same
 * size limit) and sends back what the detectors found, never the contents. Bundled on its own
 * as dist/detect-worker.js and started by src/parallel/pool.ts on worker_threads.
 */
import { parentPort } from 'node:worker_threads';
import { openTree } from '../changes/files.js';
import { detectFile } from '../detect/index.js';
import type { Detection } from '../types.js';

export interface DetectBatch {
  dir: string;
  paths: string[];
  /** Test hook: the worker dies on this path (ARCHITECTURE_REVIEW_TEST_CRASH_ON). */
  crashOn?: string;
}

/**
 * Per path, in order: `detection` (null: no detector reads the file), or `size` for a file too
 * large to read, or `skip` for a path the reader refuses (a link out of the tree, gone).
 */
export type DetectedFile = { detection: Detection | null } | { size: number } | { skip: true };

export function detectBatch(batch: DetectBatch): DetectedFile[] {
  const tooLarge = new Map<string, number>();
  const tree = openTree(batch.dir, { onSkip: (s) => tooLarge.set(s.path, s.size) });
  return batch.paths.map((p): DetectedFile => {
    if (batch.crashOn !== undefined && p === batch.crashOn) process.exit(70);
    const bytes = tree.readBytes(p);
    if (bytes !== null) return { detection: detectFile(p, bytes) };
    const size = tooLarge.get(p);
    return size !== undefined ? { size } : { skip: true };
  });
}

parentPort?.on('message', (batch: DetectBatch) => parentPort!.postMessage(detectBatch(batch)));
