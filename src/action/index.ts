// Entry of the dist/index.js bundle that GitHub runs. An event the action does nothing for is
// answered before the rest (the toolkit, Octokit, the engine) is even loaded.
import { unsupportedEvent } from './events.js';

const nothingToDo = unsupportedEvent(process.env.GITHUB_EVENT_NAME, process.env.INPUT_MODE);
if (nothingToDo) {
  process.stdout.write(`${nothingToDo}\n`);
} else {
  const { run } = await import('./main.js');
  await run();
}
