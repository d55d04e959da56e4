#!/usr/bin/env node
import { runCli, terminalSecretReader } from './cli';

// The `bizdash` executable. `start` resolves -1 and keeps serving until a signal ends the process.
const code = await runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
  readSecret: terminalSecretReader,
});
if (code >= 0) process.exit(code);
