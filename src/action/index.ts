// Entry of the dist/index.js bundle that GitHub runs.
import { run } from './main.js';

await run();
