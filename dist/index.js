import { createRequire as __arCreateRequire } from 'node:module'; const require = __arCreateRequire(import.meta.url);
import {
  unsupportedEvent
} from "./chunks/chunk-Q7BNYYPN.js";
import "./chunks/chunk-LPW5IQWZ.js";

// src/action/index.ts
var nothingToDo = unsupportedEvent(process.env.GITHUB_EVENT_NAME, process.env.INPUT_MODE);
if (nothingToDo) {
  process.stdout.write(`${nothingToDo}
`);
} else {
  const { run } = await import("./chunks/main-BDCNTFHV.js");
  await run();
}
