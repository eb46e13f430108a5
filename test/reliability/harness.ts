/**
 * The reliability tests run the action exactly as the action tests do: see test/action/harness.ts.
 */
export { lastLine, runAction as runStep, type ActionRun as StepRun, type RunActionOptions as StepOptions } from '../action/harness.js';
