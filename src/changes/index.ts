/**
 * `changes/`: what the pipeline needs from a change. The unified-diff reader (pure, shared with
 * the GitHub side, which gets `patch` texts from the API) and the local git reader (the CLI).
 */
export {
  addedLinesFromPatch,
  createDiffParser,
  parseUnifiedDiff,
  type DiffParser,
  type DiffParserOptions,
  type DiffStatus,
  type ParsedFileDiff,
} from './diff.js';
export {
  collectChanges,
  DEFAULT_MAX_FILE_BYTES,
  diffCommits,
  diffWorktree,
  isGitRepo,
  isGitWorkTree,
  listTrackedFiles,
  mergeBase,
  readBlob,
  readBlobs,
  readFiles,
  resolveCommit,
  type ReadOptions,
  type SkippedFile,
} from './git.js';
