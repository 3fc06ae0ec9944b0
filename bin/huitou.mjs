#!/usr/bin/env node
// The Huitou command line. Plain Node ESM, no build step: `npx huitou import orders FILE`.
import { importCommand } from './lib/import-command.mjs';

const usage = `Usage: huitou import <orders|customers|products> FILE

Streams a CSV file to a running Huitou server, with a progress bar, and prints what was stored
and the first bad rows with their line numbers. Columns: docs/import.md.

Environment:
  HUITOU_URL        the server (default http://127.0.0.1:3000)
  HUITOU_API_TOKEN  the API token (default: the one npm start wrote to .huitou/api-token)

Exit status: 0 every row stored; 1 some rows refused (the good ones are stored);
2 nothing imported (bad arguments, server unreachable, file refused).`;

const [command, ...rest] = process.argv.slice(2);
if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
  console.log(usage);
  process.exit(command === undefined ? 2 : 0);
}
if (command !== 'import') {
  console.error(`huitou: unknown command "${command}"\n\n${usage}`);
  process.exit(2);
}
process.exitCode = await importCommand(rest, usage);
