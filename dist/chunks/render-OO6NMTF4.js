import { createRequire as __arCreateRequire } from 'node:module'; const require = __arCreateRequire(import.meta.url);
import {
  renderFleet,
  renderReport
} from "./chunk-3WDY7PB7.js";
import "./chunk-GHJOTMLN.js";
import "./chunk-Q73RBCKH.js";
import "./chunk-IYCUBBJ5.js";
import "./chunk-MLVVSL3L.js";
import "./chunk-4ALPS4ZO.js";
import "./chunk-LPW5IQWZ.js";
export {
  renderFleet,
  renderReport
};
