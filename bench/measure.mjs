// Runs a node script (the CLI's bin) and reports the process's peak memory on stderr when it
// exits, so the bench can read it without depending on /usr/bin/time.
const [script, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], script, ...args];
process.on('exit', () => {
  process.stderr.write(`maxRssKiB=${process.resourceUsage().maxRSS}\n`);
});
await import(new URL(`file://${script}`).href);
