// Runs a node script (the CLI's bin) and reports the process's peak memory and CPU time (all
// its threads, user and system) on stderr when it exits, so the bench can read them without
// depending on /usr/bin/time.
const [script, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], script, ...args];
process.on('exit', () => {
  const usage = process.resourceUsage();
  process.stderr.write(`maxRssKiB=${usage.maxRSS} cpuMs=${Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000)}\n`);
});
await import(new URL(`file://${script}`).href);
