import cluster, { type Worker } from 'node:cluster';
import { parseStoreUrl, type StoreLocation } from '@alma/connect';
import { ValidationError } from '@alma/core';

/** Stores that several processes may open at once; the others hold a single-writer lock. */
const SHARED_STORES: ReadonlySet<StoreLocation['kind']> = new Set(['postgres', 'cosmos']);

/** What a worker tells the primary once it listens. */
interface ListeningMessage {
  readonly alma: 'listening';
  readonly url: string;
}

function isListening(message: unknown): message is ListeningMessage {
  return (message as ListeningMessage | null)?.alma === 'listening';
}

/** Refuses several workers on a store only one process may open (SQLite, file). */
export function checkSharedStore(storeUrl: string | undefined, workers: number): void {
  if (workers === 1) return;
  const location = parseStoreUrl(storeUrl);
  if (!SHARED_STORES.has(location.kind)) {
    throw new ValidationError(
      `--workers ${workers} needs a store several processes can open (PostgreSQL, Cosmos DB); ${location.kind} has one writer`,
    );
  }
}

/** In a worker process: tells the primary where this worker listens. */
export function reportListening(url: string): void {
  process.send?.({ alma: 'listening', url } satisfies ListeningMessage);
}

export function isServeWorker(): boolean {
  return cluster.isWorker;
}

/** In a worker whose server has closed: drops the channel to the primary, which would keep it alive. */
export function leaveWorkers(): void {
  if (cluster.isWorker && process.connected) process.disconnect();
}

/**
 * The primary of `alma serve --workers N`: forks N copies of this command, which share the
 * listening socket (node:cluster hands connections round-robin), resolves with the URL once every
 * worker listens, and stops them all on `signal`. A worker that dies on its own stops the rest: a
 * half-sized server would hide the failure (a supervisor such as systemd restarts the whole).
 */
export async function superviseWorkers(
  workers: number,
  signal: AbortSignal,
  onListening: (url: string) => void,
): Promise<void> {
  const forked: Worker[] = Array.from({ length: workers }, () => cluster.fork());
  let stopping = false;
  const stopAll = () => {
    stopping = true;
    for (const worker of forked) if (!worker.isDead()) worker.process.kill('SIGTERM');
  };
  const exited = forked.map(
    (worker) =>
      new Promise<number>((resolve) => {
        worker.once('exit', (code, killedBy) => {
          if (!stopping) stopAll();
          resolve(killedBy ? 1 : (code ?? 1));
        });
      }),
  );
  let listening = 0;
  for (const worker of forked) {
    worker.on('message', (message: unknown) => {
      if (isListening(message) && ++listening === workers) onListening(message.url);
    });
  }
  signal.addEventListener('abort', stopAll, { once: true });
  const codes = await Promise.all(exited);
  signal.removeEventListener('abort', stopAll);
  if (!signal.aborted || codes.some((code) => code !== 0)) {
    throw new Error(`a server worker stopped (exit codes ${codes.join(', ')})`);
  }
}
