#!/usr/bin/env node
import module from 'node:module';

// Node 22+ caches compiled code between runs (start-up is what CI pays on
// every step); on Node 20 this is absent and skipped.
module.enableCompileCache?.();
const { main } = await import('../dist/main.js');
process.exitCode = await main(process.argv.slice(2));
