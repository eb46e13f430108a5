import { createRequire as __arCreateRequire } from 'node:module'; const require = __arCreateRequire(import.meta.url);

// src/lazy-builtin.ts
import { createRequire } from "node:module";
var load = createRequire(import.meta.url);
function lazyBuiltin(name) {
  let loaded;
  return () => loaded ??= load(name);
}

export {
  lazyBuiltin
};
