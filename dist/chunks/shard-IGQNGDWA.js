import { createRequire as __arCreateRequire } from 'node:module'; const require = __arCreateRequire(import.meta.url);
import {
  mergeShards,
  recordShard,
  shardOf
} from "./chunk-Z3MVKP5O.js";
import "./chunk-GEH7THRF.js";
import "./chunk-PHRFZXOS.js";
import "./chunk-3QCVNSDS.js";
import "./chunk-ZARXATEA.js";
import "./chunk-4ALPS4ZO.js";
import "./chunk-LPW5IQWZ.js";
export {
  mergeShards,
  recordShard,
  shardOf
};
