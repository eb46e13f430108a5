import { createRequire as __arCreateRequire } from 'node:module'; const require = __arCreateRequire(import.meta.url);
import {
  renderFleet,
  renderReport
} from "./chunk-EEVRQ4H2.js";
import "./chunk-44Y3ONKS.js";
import "./chunk-3YSN2IB3.js";
import "./chunk-C6I7OBPT.js";
import "./chunk-IYCUBBJ5.js";
import "./chunk-MLVVSL3L.js";
import "./chunk-4ALPS4ZO.js";
import "./chunk-LPW5IQWZ.js";
export {
  renderFleet,
  renderReport
};
