// Preloaded into the CLI child by bench/consolidate.ts when /usr/bin/time is missing: reports the
// child's own peak resident memory on standard error when it exits.
"use strict";
process.on("exit", () => {
  process.stderr.write(`maxRSS=${process.resourceUsage().maxRSS}\n`);
});
