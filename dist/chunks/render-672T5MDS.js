import { createRequire as __arCreateRequire } from 'node:module'; const require = __arCreateRequire(import.meta.url);
import {
  renderFleet,
  renderReport
} from "./chunk-RLJ5VVOJ.js";
import "./chunk-GHJOTMLN.js";
import "./chunk-3HODMFTQ.js";
import "./chunk-IYCUBBJ5.js";
import "./chunk-MLVVSL3L.js";
import "./chunk-4ALPS4ZO.js";
import "./chunk-LPW5IQWZ.js";
export {
  renderFleet,
  renderReport
};
