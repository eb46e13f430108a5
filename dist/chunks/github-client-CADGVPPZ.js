import { createRequire as __arCreateRequire } from 'node:module'; const require = __arCreateRequire(import.meta.url);
import {
  DEFAULT_MAX_RETRIES,
  DEFAULT_REQUEST_TIMEOUT_MS,
  MAX_RATE_LIMIT_WAIT_S,
  REQUEST_TIMEOUT_VARIABLE,
  createGitHubClient,
  explainGitHubError,
  isReadOnlyRejection,
  isRecord,
  listAll,
  requestTimeoutFromEnv,
  unexpectedAnswer
} from "./chunk-U6RRVD2Q.js";
import "./chunk-4ALPS4ZO.js";
import "./chunk-LPW5IQWZ.js";
export {
  DEFAULT_MAX_RETRIES,
  DEFAULT_REQUEST_TIMEOUT_MS,
  MAX_RATE_LIMIT_WAIT_S,
  REQUEST_TIMEOUT_VARIABLE,
  createGitHubClient,
  explainGitHubError,
  isReadOnlyRejection,
  isRecord,
  listAll,
  requestTimeoutFromEnv,
  unexpectedAnswer
};
