import { createRequire as __arCreateRequire } from 'node:module'; const require = __arCreateRequire(import.meta.url);
import {
  openTree
} from "./chunks/chunk-MI6TRKNM.js";
import {
  detectFile
} from "./chunks/chunk-GEH7THRF.js";
import "./chunks/chunk-IYCUBBJ5.js";
import "./chunks/chunk-4ALPS4ZO.js";
import "./chunks/chunk-LPW5IQWZ.js";

// src/parallel/detect-worker.ts
import { parentPort } from "node:worker_threads";
function detectBatch(batch) {
  const tooLarge = /* @__PURE__ */ new Map();
  const tree = openTree(batch.dir, { onSkip: (s) => tooLarge.set(s.path, s.size) });
  return batch.paths.map((p) => {
    if (batch.crashOn !== void 0 && p === batch.crashOn) process.exit(70);
    const bytes = tree.readBytes(p);
    if (bytes !== null) return { detection: detectFile(p, bytes) };
    const size = tooLarge.get(p);
    return size !== void 0 ? { size } : { skip: true };
  });
}
parentPort?.on("message", (batch) => parentPort.postMessage(detectBatch(batch)));
export {
  detectBatch
};
