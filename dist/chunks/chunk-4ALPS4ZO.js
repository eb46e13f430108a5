import { createRequire as __arCreateRequire } from 'node:module'; const require = __arCreateRequire(import.meta.url);

// src/errors.ts
function formatProblem(p) {
  return `${p.file}:${p.line}:${p.col}: ${p.message}`;
}
var ConfigError = class extends Error {
  problems;
  constructor(problems, options) {
    super(problems.map(formatProblem).join("\n"), options);
    this.name = "ConfigError";
    this.problems = problems;
  }
};
var UsageError = class extends Error {
  constructor(message, options) {
    super(message, options);
    this.name = "UsageError";
  }
};
function isUserError(err) {
  return err instanceof ConfigError || err instanceof UsageError;
}

export {
  formatProblem,
  ConfigError,
  UsageError,
  isUserError
};
