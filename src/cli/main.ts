#!/usr/bin/env node
// Entry point of the `juesuan` binary; the program itself is in program.ts (importable by tests).
import { main } from './program.js';

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`juesuan：内部错误（请报告此问题）：${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(2);
  },
);
