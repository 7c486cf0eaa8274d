#!/usr/bin/env node
'use strict';
// CommonJS (bin/package.json): a CommonJS entry starts without Node's ES module loader.
// The CLI is one CommonJS bundle, dist/cli.cjs, that dist/boot.cjs (src/cli/boot.ts) runs
// with V8's code cache kept between runs: start-up is what CI pays on every step.
const { join } = require('node:path');
const { start } = require('../dist/boot.cjs');

start(join(__dirname, '..', 'dist', 'cli.cjs'), process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
