// A process `npm start` or the bench runs (scripts/processes.ts), or a test spawns, has an IPC
// channel to the supervisor that started it. When the supervisor ends without stopping it — killed,
// crashed, its terminal closed — the channel closes, and the process stops as on SIGTERM instead of
// living on as an orphan that holds its port (the next `npm start` would find 4000 taken) and its
// database connections.
import { logger } from './log';

let watching = false;
let gone = false;
let stopOnGone: ((reason: string) => void) | undefined;

/**
 * Calls `stop` once the supervisor's channel has closed: at once when it already has, even before
 * this was called (Node marks the process disconnected either way). Nothing happens for a process
 * started without a channel (from a terminal, by npm). Returns what takes `stop` off again, for a
 * process that outlives the work `stop` ends (a bench run). Nothing is watched until the first
 * call: a module that merely imports this (a test worker's, whose own channel is its runner's)
 * leaves the channel alone.
 */
export function stopWhenSupervisorGone(stop: (reason: string) => void): () => void {
  stopOnGone = stop;
  if (process.channel && !watching) {
    watching = true;
    // The channel never keeps the process alive by itself.
    process.channel.unref();
    process.once('disconnect', supervisorGone);
  }
  if (gone || (process.send && !process.connected)) supervisorGone();
  return () => {
    if (stopOnGone === stop) stopOnGone = undefined;
  };
}

function supervisorGone(): void {
  // Reached from the check and again from the 'disconnect' event Node emits a tick after it marks
  // the process disconnected: the pipes are mended and the line logged once, each stop called once.
  if (!gone) {
    gone = true;
    // Our output went to the supervisor: its pipes are closed now, and a line written to them must
    // not end the drain with an EPIPE.
    for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
    logger.warn('监管进程已退出，本进程随之停止 (supervisor gone: stopping)');
  }
  const stop = stopOnGone;
  stopOnGone = undefined;
  stop?.('supervisor gone');
}
