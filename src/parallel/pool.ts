/**
 * `audit --jobs N`: detection on worker_threads, files handed out in batches of paths, results
 * taken back in the tree's order, so that the report is byte for byte the one of `--jobs 1`.
 * At most two batches per worker are in flight: memory holds detections of a few thousand
 * files, never contents of the tree.
 *
 * The pool is a few lines of node:worker_threads rather than tinypool or piscina: both start
 * their workers from an entry file of their own and read their package.json from their install
 * folder, which the action's self-contained bundle (dist/, all that GitHub runs) does not have.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { UsageError } from '../errors.js';
import type { SourceFile } from '../engine.js';
import type { DetectBatch, DetectedFile } from './detect-worker.js';

/** Paths per task: large enough that a message costs little against the detection it carries. */
export const BATCH = 256;

/**
 * Below this many files an audit runs in one thread: starting workers costs more than they
 * save (measured by `npm run bench`, see BENCHMARKS.md).
 */
export const PARALLEL_THRESHOLD = 2000;

/**
 * Below this many cores the default is one thread: the main thread's own share of an audit
 * (collecting signals, evaluating the rules, writing the report, and the garbage of the
 * detections it receives) is about half the work, so on 2 cores the workers compete with it
 * for the second core; measured there, `--jobs 2` gained 1.07× at 100,000 files and nothing on
 * Go's source tree (BENCHMARKS.md).
 */
export const PARALLEL_MIN_CORES = 3;

/** The bundled worker, next to the bundle that loads it (dist/ or dist/chunks/). */
export function workerFile(): string | undefined {
  for (const rel of ['./detect-worker.js', '../detect-worker.js']) {
    const file = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(file)) return file;
  }
  return undefined;
}

/** How many threads an audit of `files` files uses for `--jobs` (undefined: the default). */
export function jobsFor(requested: number | undefined, files: number): number {
  if (requested !== undefined) return requested;
  const cores = availableParallelism();
  if (files < PARALLEL_THRESHOLD || cores < PARALLEL_MIN_CORES || workerFile() === undefined) return 1;
  return cores;
}

interface Task {
  batch: DetectBatch;
  resolve: (r: DetectedFile[]) => void;
  reject: (e: Error) => void;
}

/** N workers, one task each at a time, a queue for the rest; a worker's death fails every task. */
class Pool {
  private readonly all: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Task>();
  private readonly queue: Task[] = [];
  private failure: Error | undefined;

  constructor(filename: string, size: number) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(filename);
      worker.on('message', (result: DetectedFile[]) => {
        const task = this.busy.get(worker);
        this.busy.delete(worker);
        this.idle.push(worker);
        task?.resolve(result);
        this.dispatch();
      });
      worker.on('error', (err) => this.fail(err));
      worker.on('exit', (code) => {
        if (code !== 0 || this.busy.has(worker)) this.fail(new Error(`a worker thread exited with status ${code}`));
      });
      this.idle.push(worker);
      this.all.push(worker);
    }
  }

  run(batch: DetectBatch): Promise<DetectedFile[]> {
    return new Promise((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.queue.push({ batch, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop()!;
      const task = this.queue.shift()!;
      this.busy.set(worker, task);
      worker.postMessage(task.batch);
    }
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const task of [...this.busy.values(), ...this.queue]) task.reject(this.failure);
    this.busy.clear();
    this.queue.length = 0;
  }

  async destroy(): Promise<void> {
    this.failure ??= new Error('the pool is closed');
    // Every worker, also one still busy with a batch after another one failed.
    await Promise.all(this.all.map((w) => w.terminate()));
  }
}

/** The files of `paths`, detected on `jobs` worker threads, in order. */
export async function* detectInParallel(dir: string, paths: string[], jobs: number): AsyncGenerator<SourceFile> {
  const filename = workerFile();
  if (filename === undefined) throw new UsageError('audit --jobs: the detection worker (dist/detect-worker.js) is missing: reinstall architecture-review');
  const pool = new Pool(filename, jobs);
  const crashOn = process.env.ARCHITECTURE_REVIEW_TEST_CRASH_ON || undefined;
  const batches: string[][] = [];
  for (let i = 0; i < paths.length; i += BATCH) batches.push(paths.slice(i, i + BATCH));
  const inFlight: Promise<DetectedFile[]>[] = [];
  let next = 0;
  const submit = () => {
    const result = pool.run({ dir, paths: batches[next]!, crashOn });
    // Awaited in order below; a rejection is not unhandled meanwhile.
    result.catch(() => undefined);
    inFlight.push(result);
    next++;
  };
  try {
    while (next < batches.length && inFlight.length < jobs * 2) submit();
    for (let b = 0; b < batches.length; b++) {
      const batch = batches[b]!;
      let results: DetectedFile[];
      try {
        results = await inFlight.shift()!;
      } catch (err) {
        throw new UsageError(
          `audit: a detection worker failed (${(err instanceof Error ? err.message : String(err)).split('\n')[0]}); no report was written: run again, or with --jobs 1 to see which file it was`,
          { cause: err },
        );
      }
      if (next < batches.length) submit();
      for (let i = 0; i < batch.length; i++) {
        const r = results[i]!;
        if ('skip' in r) continue;
        if ('size' in r) yield { path: batch[i]!, text: null, addedLines: 'all', size: r.size };
        else yield { path: batch[i]!, text: null, addedLines: 'all', detection: r.detection };
      }
    }
  } finally {
    await pool.destroy();
  }
}
