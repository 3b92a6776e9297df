#!/usr/bin/env node
// The partnership-audit command: runs the TypeScript sources directly through tsx, so that
// `npx partnership-audit …` works right after `npm ci`, with no build step.
"use strict";
require("tsx/cjs");
require("../src/cli/main.ts");
