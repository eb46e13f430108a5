// Entry of the dist/cli.js bundle: exports only, nothing runs on import.
export { runCli, type CliIo } from './main.js';
