import { createRequire as __arCreateRequire } from 'node:module'; const require = __arCreateRequire(import.meta.url);
import {
  require_picomatch
} from "./chunk-KTNYPSYG.js";
import {
  __toESM
} from "./chunk-LPW5IQWZ.js";

// src/profile/defaults.ts
var PROFILE_PATH = ".github/service-profile.yml";
function defaultProfile() {
  return { version: 1, services: [], accept: [], ignore: [] };
}

// src/profile/globs.ts
var import_picomatch = __toESM(require_picomatch(), 1);
var OPTIONS = { dot: true };
var OPENER = { "]": "[", "}": "{", ")": "(" };
var CLOSER = { "[": "]", "{": "}", "(": ")" };
function globProblem(glob) {
  const quoted = JSON.stringify(glob);
  if (glob.trim() === "") return 'is an empty glob: write "**" for every file, or remove it';
  if (glob.startsWith("/")) {
    return `${quoted} is absolute: globs are relative to the repository root, write ${JSON.stringify(glob.replace(/^\/+/, ""))}`;
  }
  if (glob.startsWith("./")) return `${quoted} starts with "./": write ${JSON.stringify(glob.replace(/^(\.\/)+/, ""))}`;
  if (glob.split("/").includes("..")) return `${quoted} has a ".." segment: globs cannot leave the repository; write the path from its root`;
  if (glob.startsWith("!")) {
    return `${quoted} is a negation, which is not supported here: list what to include, or add the glob to ignore:`;
  }
  if (/\\[A-Za-z0-9_]/.test(glob)) return `${quoted} has a backslash: separate folders with "/"`;
  if (glob.endsWith("/")) return `${quoted} ends with "/", so it matches no file: write ${JSON.stringify(`${glob}**`)}`;
  try {
    import_picomatch.default.makeRe(glob, { ...OPTIONS, strictBrackets: true });
  } catch (err) {
    const text = err instanceof Error ? err.message : String(err);
    const closing = /Missing closing: "(.)"/.exec(text);
    if (closing) {
      const open = OPENER[closing[1]] ?? closing[1];
      return `${quoted} is not a valid glob: a "${open}" is never closed; close it with "${closing[1]}", or write "\\${open}" to match a "${open}"`;
    }
    const opening = /Missing opening: "(.)"/.exec(text);
    if (opening) {
      const close = CLOSER[opening[1]] ?? opening[1];
      return `${quoted} is not a valid glob: a "${close}" is never opened; write "\\${close}" to match a "${close}"`;
    }
    return `${quoted} is not a valid glob: ${text}`;
  }
  return void 0;
}
var NEVER = () => false;
function compile(globs) {
  const sources = [];
  for (const glob of globs) {
    try {
      sources.push(import_picomatch.default.makeRe(glob, OPTIONS).source);
    } catch {
    }
  }
  if (sources.length === 0) return NEVER;
  const re = new RegExp(sources.map((s) => `(?:${s})`).join("|"));
  return (path) => re.test(path);
}
var matchers = /* @__PURE__ */ new WeakMap();
function normalizePath(path) {
  let p = path;
  while (p.startsWith("./")) p = p.slice(2);
  return p;
}
function matchesAny(globs, path) {
  let matcher = matchers.get(globs);
  if (!matcher) {
    matcher = compile(globs);
    matchers.set(globs, matcher);
  }
  return matcher(normalizePath(path));
}

export {
  globProblem,
  matchesAny,
  PROFILE_PATH,
  defaultProfile
};
