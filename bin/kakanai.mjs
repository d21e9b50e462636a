#!/usr/bin/env node
// The kakanai command. Runs the TypeScript sources directly through tsx: no build step between a change and the CLI.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src-main/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
