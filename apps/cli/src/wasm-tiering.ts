import { setFlagsFromString } from 'node:v8';

/**
 * Prisma's query compiler is a large WebAssembly module. V8 compiles it a second time, optimised, on
 * background threads, and Node waits for that work before the process may exit: about half a second
 * after every command that opened a SQL store, for code a short command never runs hot (a copy of
 * 3,000 records was no slower without it). So WebAssembly stays on V8's baseline compiler (Liftoff),
 * except for `serve`, which runs long enough to use the optimised code. Must run before a store opens.
 */
export function keepWasmOnBaselineTier(command: string | undefined): void {
  if (command !== 'serve') setFlagsFromString('--liftoff-only');
}
