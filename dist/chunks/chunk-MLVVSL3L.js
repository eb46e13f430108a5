import { createRequire as __arCreateRequire } from 'node:module'; const require = __arCreateRequire(import.meta.url);

// src/types.ts
var SIGNAL_KINDS = [
  "golang",
  "threads",
  "asyncio",
  "greenlets",
  "multiprocessing",
  "cython",
  "cython-nogil",
  "cython-parallel",
  "numba"
];
var WHOLE_PROFILE = "*";
function serviceWords(service, code) {
  return service === WHOLE_PROFILE ? "the whole profile" : `service ${code(service)}`;
}
function isUse(signal) {
  return signal.tags?.includes("use") ?? false;
}
var NEEDS = [
  "low-latency",
  "high-concurrency",
  "multi-core",
  "shared-memory",
  "cython-parallel",
  "parallel-request"
];
var CONTEXTS = ["erp5", "zope", "standalone"];
var WORKLOADS = ["io-bound", "cpu-bound", "mixed"];
var CRITERIA = [
  "low-latency",
  "high-concurrency",
  "shared-memory-multi-core",
  "beyond-cython-parallel"
];

export {
  SIGNAL_KINDS,
  WHOLE_PROFILE,
  serviceWords,
  isUse,
  NEEDS,
  CONTEXTS,
  WORKLOADS,
  CRITERIA
};
