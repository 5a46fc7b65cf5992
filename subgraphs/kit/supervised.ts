// A process `npm start` or the bench runs (scripts/processes.ts) has an IPC channel to the
// supervisor that started it. When the supervisor ends without stopping it — killed, crashed, its
// terminal closed — the channel closes, and the process stops as on SIGTERM instead of living on
// as an orphan that holds its port (the next `npm start` would find 4000 taken) and its
// database connections.
import { logger } from './log';

let gone = false;
let stopOnGone: ((reason: string) => void) | undefined;

// Watched from the process's first moments: a supervisor may die while the process still starts.
if (process.channel) {
  // The channel never keeps the process alive by itself.
  process.channel.unref();
  process.once('disconnect', () => {
    gone = true;
    // Our output went to the supervisor: its pipes are closed now, and a line written to them
    // must not end the drain with an EPIPE.
    for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
    logger.warn('监管进程已退出，本进程随之停止 (supervisor gone: stopping)');
    stopOnGone?.('supervisor gone');
  });
}

/**
 * Calls `stop` once the supervisor's channel has closed: at once when it already has. Nothing
 * happens for a process without a supervisor (started on its own, or by a test).
 */
export function stopWhenSupervisorGone(stop: (reason: string) => void): void {
  stopOnGone = stop;
  if (gone) stop('supervisor gone');
}
