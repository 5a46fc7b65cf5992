// Cross-subgraph effects on graphile-worker: the cause's transaction enqueues the effect with SQL,
// so both commit or neither does; the handling subgraph's worker runs it at least once, retrying
// with backoff, also after that subgraph was down. Handlers must therefore be idempotent.
import { EventEmitter } from 'node:events';
import pg from 'pg';
import {
  Logger,
  parseCronItems,
  run,
  runMigrations,
  type JobHelpers,
  type LogLevel,
  type Runner,
  type TaskList,
  type WorkerEvents,
} from 'graphile-worker';
import type { EntityManager } from 'typeorm';
import { revokeWritesFromOthers } from './table-privileges';
import { GovCloudError } from './errors';
import { componentLogger, currentRequest, withRequestLog } from './log';
import { kitMetrics, trackQueue } from './metrics';
import { activeTraceparent, withJobSpan } from './tracing';

const log = componentLogger('effects');
/**
 * Beside an effect's own fields: what the job carries about its cause (the request's id and, with
 * tracing on, its W3C `traceparent`), taken off again before the handler sees the payload, so a
 * contract's parser never meets it.
 */
export const EFFECT_METADATA_KEY = '__govcloud';
interface EffectMetadata {
  requestId?: string;
  traceparent?: string;
}

/** graphile-worker's own schema (its default), shared by the four subgraphs' workers. */
export const JOBS_SCHEMA = 'graphile_worker';
/** Our schema beside it: the record of effects refused for good (see PermanentEffectError). */
export const EFFECTS_SCHEMA = 'effects';
export const REFUSED_EFFECTS_TABLE = `${EFFECTS_SCHEMA}.refused_effect`;
/** The policy that lets table privileges, not row security, decide who uses the queue's tables. */
const GRANTED_ROLES_POLICY = 'govcloud_granted_roles';

export type EffectTask = (payload: unknown, helpers: JobHelpers) => Promise<void>;
export type EffectTasks = Record<string, EffectTask>;

export interface EnqueueOptions {
  /** One pending job per key: enqueuing again while it waits replaces it instead of adding one. */
  jobKey?: string;
  /** Attempts before graphile-worker gives up (default 25, with exponential backoff). */
  maxAttempts?: number;
}

/**
 * Adds a job inside the caller's transaction. Refuses a manager outside a transaction: the
 * effect would then commit on its own, even if its cause rolled back.
 */
export async function enqueueEffect(manager: EntityManager, task: string, payload: object, options: EnqueueOptions = {}): Promise<string> {
  if (!manager.queryRunner?.isTransactionActive) throw new Error(`enqueueEffect(${task}) must run inside the cause's transaction`);
  const requestId = currentRequest()?.requestId;
  const traceparent = activeTraceparent();
  const carried =
    requestId || traceparent ? { ...payload, [EFFECT_METADATA_KEY]: { requestId, traceparent } satisfies EffectMetadata } : payload;
  const rows: Array<{ id: string }> = await manager.query(
    `SELECT (${JOBS_SCHEMA}.add_job($1::text, $2::json, max_attempts => $3::int, job_key => $4::text)).id::text AS id`,
    [task, JSON.stringify(carried), options.maxAttempts ?? null, options.jobKey ?? null],
  );
  return rows[0]!.id;
}

/**
 * A handler's way to say "never, however often you retry" (a rule refused the effect). The job
 * completes instead of retrying; the refusal is logged and kept in effects.refused_effect.
 */
export class PermanentEffectError extends Error {
  override name = 'PermanentEffectError';
  constructor(readonly reason: Error) {
    super(reason.message);
  }
}

// Any constant both processes agree on; serialises the migration of the shared job schema.
const MIGRATION_LOCK = 7_316_002_103;

/**
 * Installs or upgrades graphile-worker's schema and our refusal table, as the owner role
 * (MIGRATION_DATABASE_URL). Safe to call from the four subgraphs at once: graphile-worker's own
 * install races (CREATE SCHEMA), so an advisory lock lets one process migrate while the others
 * wait and then find nothing to do. With nothing to do it runs no DDL, so the service role may call
 * it too (graphile-worker's `run` checks the same way at every start).
 */
export async function migrateJobs(databaseUrl: string, options: { quiet?: boolean } = {}): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'govcloud-jobs-migrate' });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await runMigrations({ connectionString: databaseUrl, schema: JOBS_SCHEMA, logger: effectLogger(options.quiet) });
    const { rows } = await client.query<{ present: boolean }>(`SELECT to_regclass('${REFUSED_EFFECTS_TABLE}') IS NOT NULL AS present`);
    if (!rows[0]?.present) {
      await client.query(`
        CREATE SCHEMA IF NOT EXISTS ${EFFECTS_SCHEMA};
        CREATE TABLE ${REFUSED_EFFECTS_TABLE} (
          job_id bigint PRIMARY KEY,
          task text NOT NULL,
          job_key text,
          payload jsonb NOT NULL,
          code text,
          message text NOT NULL,
          refused_at timestamptz NOT NULL DEFAULT now()
        );
        CREATE INDEX refused_effect_task_idx ON ${REFUSED_EFFECTS_TABLE} (task, refused_at);`);
    }
    await letGrantsDecide(client);
    await revokeWritesFromOthers((sql) => client.query(sql), `${JOBS_SCHEMA}.migrations`);
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await client.end();
  }
}

/**
 * graphile-worker enables row level security on its tables without a policy, so only their owner
 * sees a row. The services run the worker as the service role, which owns nothing; a policy for
 * every role lets the table privileges (granted to the service role alone) decide instead. Only
 * tables that lack it, so a later graphile-worker table is covered and an up-to-date schema is left alone.
 */
async function letGrantsDecide(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ table_name: string }>(
    `SELECT c.relname AS table_name FROM pg_class c
      WHERE c.relnamespace = to_regnamespace($1) AND c.relkind = 'r' AND c.relrowsecurity AND pg_has_role(c.relowner, 'USAGE')
        AND NOT EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid AND p.polname = $2)`,
    [JOBS_SCHEMA, GRANTED_ROLES_POLICY],
  );
  for (const { table_name } of rows) {
    await client.query(
      `CREATE POLICY ${GRANTED_ROLES_POLICY} ON ${JOBS_SCHEMA}.${pg.escapeIdentifier(table_name)} USING (true) WITH CHECK (true)`,
    );
  }
}

/**
 * Drops every effect still waiting and every recorded refusal: for `npm run seed -- --reset`,
 * whose fresh demo world the old jobs no longer describe. graphile-worker has no public call that
 * removes unkeyed jobs, so this deletes from its jobs table; nothing when the queue was never set up.
 */
export async function clearEffects(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'govcloud-jobs-clear' });
  await client.connect();
  try {
    const { rows } = await client.query<{ jobs: string | null; refusals: string | null }>(
      `SELECT to_regclass('${JOBS_SCHEMA}._private_jobs')::text AS jobs, to_regclass('${REFUSED_EFFECTS_TABLE}')::text AS refusals`,
    );
    if (rows[0]?.jobs) await client.query(`DELETE FROM ${JOBS_SCHEMA}._private_jobs`);
    if (rows[0]?.refusals) await client.query(`TRUNCATE ${REFUSED_EFFECTS_TABLE}`);
  } finally {
    await client.end();
  }
}

export interface EffectWorkerOptions {
  databaseUrl: string;
  /** The tasks this subgraph handles, named `<subgraph>.<effect>`. */
  tasks: EffectTasks;
  concurrency?: number;
  /** Milliseconds between polls when no notification arrives (new jobs are notified at once). */
  pollInterval?: number;
  /** No log lines; default: on when NODE_ENV=test. */
  quiet?: boolean;
  /** Recurring tasks of this subgraph, each one of `tasks`. */
  schedule?: WorkerSchedule;
}

/**
 * graphile-worker cron items rather than crontab text: its crontab syntax refuses a dot in a task's
 * name, and ours are `<subgraph>.<effect>`.
 */
export interface WorkerSchedule {
  /** `match` is a cron pattern (minute hour day month weekday, in UTC), e.g. `0 * * * *` hourly. */
  crontab: ReadonlyArray<{ task: string; match: string; maxAttempts?: number }>;
  /** Tasks to run once as the worker starts, e.g. to catch up on what passed while it was down. */
  runAtStart?: readonly string[];
}

export interface EffectWorker {
  /** Lets running jobs finish, then releases the connections. */
  stop(): Promise<void>;
}

/** Back-off between attempts to start the runner again while the database is away. */
const RESTART_INITIAL_MS = 1_000;
const RESTART_MAX_MS = 30_000;

/**
 * Runs this subgraph's tasks in its own process. The schema must be migrated (migrateJobs).
 * The runner survives the database going away: graphile-worker reconnects its listener by
 * itself, but a worker whose job could not be released then exits for good, and a runner that
 * ends is not replaced; so either starts a new runner, with back-off while the database is down.
 */
export async function startEffectWorker(options: EffectWorkerOptions): Promise<EffectWorker> {
  const quiet = options.quiet ?? isTest();
  const taskList = wrapTasks(options.tasks, quiet);
  const unknown = scheduledTasks(options.schedule).filter((task) => !(task in taskList));
  if (unknown.length > 0) throw new Error(`scheduled tasks not among the worker's tasks: ${unknown.join(', ')}`);

  let current: PooledRunner | undefined = await startRunner(options, taskList, quiet, []);
  // effects_queue_depth on each scrape, through whichever runner is in service.
  const untrack = trackQueue(Object.keys(options.tasks).join(','), async () =>
    current ? queueDepth(current.pgPool, Object.keys(taskList)) : [],
  );
  let stopping = false;
  /** Workers of replaced runners whose jobs may still be locked: unlocked once a new runner is up. */
  const staleWorkerIds: string[] = [];
  let restartTimer: NodeJS.Timeout | undefined;
  let restarting: Promise<void> | undefined;

  const restart = (reason: string, delayMs = RESTART_INITIAL_MS) => {
    if (stopping || restarting || restartTimer) return;
    if (!quiet) log.warn({ reason, delayMs }, `任务执行器已停止，${delayMs} 毫秒后重启 (job runner stopped; restarting)`);
    const old = current;
    current = undefined;
    restartTimer = setTimeout(() => {
      restartTimer = undefined;
      restarting = (async () => {
        await old?.stop();
        staleWorkerIds.push(...(old?.workerIds ?? []));
        try {
          if (!stopping) {
            current = await startRunner(options, taskList, quiet, [...staleWorkerIds]);
            staleWorkerIds.length = 0; // unlocked by the start
            watch(current);
          }
        } catch (error) {
          restarting = undefined;
          restart(String((error as Error).message ?? error), Math.min(delayMs * 2, RESTART_MAX_MS));
          return;
        }
        restarting = undefined;
      })();
    }, delayMs);
  };
  const watch = ({ runner }: PooledRunner) => {
    // Only the runner in service may ask for a restart; one being replaced ends on purpose.
    const restartIfCurrent = (reason: string) => runner === current?.runner && restart(reason);
    runner.events.on('worker:stop', ({ error }) => {
      if (error !== undefined) restartIfCurrent(`a worker exited: ${String((error as Error)?.message ?? error)}`);
    });
    runner.promise.then(
      () => restartIfCurrent('the runner ended'),
      (error: unknown) => restartIfCurrent(String((error as Error)?.message ?? error)),
    );
  };
  watch(current);

  let stopped: Promise<void> | undefined;
  return {
    stop: () =>
      (stopped ??= (async () => {
        stopping = true;
        untrack();
        clearTimeout(restartTimer);
        await restarting;
        await current?.stop();
      })()),
  };
}

function wrapTasks(tasks: EffectTasks, quiet: boolean): TaskList {
  const taskList: TaskList = {};
  for (const [identifier, task] of Object.entries(tasks)) {
    taskList[identifier] = async (carried, helpers) => {
      const { payload, metadata } = splitMetadata(carried);
      const handle = async () => {
        try {
          await task(payload, helpers);
        } catch (error) {
          if (!(error instanceof PermanentEffectError)) {
            kitMetrics.effectFailures.inc({ task: identifier });
            throw error;
          }
          kitMetrics.effectsRefused.inc({ task: identifier });
          await recordRefusal(helpers, identifier, payload, error.reason);
          if (!quiet) log.warn({ task: identifier, jobId: helpers.job.id, reason: error.message }, 'effect refused for good');
        }
      };
      // The job's lines, and the subgraph calls it makes, name the request that caused it; its
      // span (with tracing on) continues that request's trace.
      await withJobSpan(identifier, metadata.traceparent, () =>
        metadata.requestId ? withRequestLog(metadata.requestId, handle) : handle(),
      );
    };
  }
  return taskList;
}

/** A runner on a pool of our own, so the pool's errors always have a listener and it is always ended. */
interface PooledRunner {
  runner: Runner;
  /** Its own pool (for the queue's depth). */
  pgPool: pg.Pool;
  /** Its workers' ids, under which it locks the jobs it runs. */
  workerIds: string[];
  /** Stops the runner, then ends its pool; never throws. */
  stop(): Promise<void>;
}

async function startRunner(
  options: EffectWorkerOptions,
  taskList: TaskList,
  quiet: boolean,
  staleWorkerIds: string[],
): Promise<PooledRunner> {
  const concurrency = options.concurrency ?? 2;
  const workerIds: string[] = [];
  const events: WorkerEvents = new EventEmitter();
  events.on('worker:create', ({ worker }) => workerIds.push(worker.workerId));
  // graphile-worker detaches its error listener from a pool it made when it stops; a connection
  // that fails after that (the database going away) would then throw from the pool and end the
  // process. A pool we own keeps its listeners until we end it.
  const pgPool = new pg.Pool({ connectionString: options.databaseUrl, max: concurrency + 2, application_name: 'govcloud-effects' });
  pgPool.on('error', (error) => {
    if (!quiet) log.warn({ reason: error.message }, '数据库连接中断 (database connection lost)');
  });
  pgPool.on('connect', (client) => client.on('error', () => undefined)); // surfaced by the client's next query
  const endPool = () => pgPool.end().catch(() => undefined);
  let runner: Runner;
  try {
    runner = await run({
      pgPool,
      events,
      // Explicit cron items (none without a schedule), never a stray ./crontab file in the working directory.
      parsedCronItems: parseCronItems(
        (options.schedule?.crontab ?? []).map(({ task, match, maxAttempts }) => ({
          task,
          match,
          identifier: task,
          options: { backfillPeriod: 0, maxAttempts },
        })),
      ),
      schema: JOBS_SCHEMA,
      taskList,
      concurrency,
      pollInterval: options.pollInterval ?? 2000,
      noHandleSignals: true, // the subgraph's own SIGINT/SIGTERM handler stops us
      logger: effectLogger(quiet),
    });
  } catch (error) {
    await endPool();
    throw error;
  }
  const stop = async () => {
    await runner.stop().catch(() => undefined);
    await endPool();
  };
  try {
    // A job whose worker died with the old runner stays locked for hours (graphile-worker's
    // safety margin); ours are known to be gone, so their jobs are handed to the new runner now.
    if (staleWorkerIds.length > 0) await pgPool.query(`SELECT ${JOBS_SCHEMA}.force_unlock_workers($1::text[])`, [staleWorkerIds]);
    // A job key per task: restarts in quick succession leave one waiting run, not one each.
    for (const task of options.schedule?.runAtStart ?? []) await runner.addJob(task, {}, { jobKey: `${task}@start` });
  } catch (error) {
    await stop();
    throw error;
  }
  return { runner, pgPool, workerIds, stop };
}

function scheduledTasks(schedule: WorkerSchedule | undefined): string[] {
  if (!schedule) return [];
  return [...schedule.crontab.map((item) => item.task), ...(schedule.runAtStart ?? [])];
}

async function recordRefusal(helpers: JobHelpers, task: string, payload: unknown, reason: Error): Promise<void> {
  const code = reason instanceof GovCloudError ? String(reason.extensions.code) : null;
  await helpers.query(
    `INSERT INTO ${REFUSED_EFFECTS_TABLE} (job_id, task, job_key, payload, code, message)
     VALUES ($1, $2, $3, $4::jsonb, $5, $6) ON CONFLICT (job_id) DO NOTHING`,
    [helpers.job.id, task, helpers.job.key, JSON.stringify(payload ?? null), code, reason.message],
  );
}

/** Jobs of `tasks` in the queue: waiting (or retrying), or failed (attempts exhausted). */
async function queueDepth(pool: pg.Pool, tasks: string[]): Promise<Array<{ task: string; state: string; n: number }>> {
  const { rows } = await pool.query<{ task: string; state: string; n: number }>(
    `SELECT t.identifier AS task, CASE WHEN j.attempts >= j.max_attempts THEN 'failed' ELSE 'waiting' END AS state, count(*)::int AS n
       FROM ${JOBS_SCHEMA}._private_jobs j JOIN ${JOBS_SCHEMA}._private_tasks t ON t.id = j.task_id
      WHERE t.identifier = ANY($1::text[]) GROUP BY 1, 2`,
    [tasks],
  );
  return rows;
}

/** The effect's own payload and what enqueueEffect carried beside it. */
export function splitMetadata(carried: unknown): { payload: unknown; metadata: EffectMetadata } {
  if (carried === null || typeof carried !== 'object' || Array.isArray(carried) || !(EFFECT_METADATA_KEY in carried)) {
    return { payload: carried, metadata: {} };
  }
  const { [EFFECT_METADATA_KEY]: raw, ...payload } = carried as Record<string, unknown>;
  const { requestId, traceparent } = (raw ?? {}) as EffectMetadata;
  return {
    payload,
    metadata: {
      ...(typeof requestId === 'string' ? { requestId } : {}),
      ...(typeof traceparent === 'string' ? { traceparent } : {}),
    },
  };
}

function isTest(): boolean {
  return process.env.NODE_ENV === 'test' || process.env.VITEST !== undefined;
}

/** Warnings and errors only (graphile-worker logs every job at info); nothing when quiet. */
function effectLogger(quiet = isTest()): Logger {
  return new Logger((scope) => (level: LogLevel, message: string) => {
    if (quiet || level === 'info' || level === 'debug') return;
    log[level === 'error' ? 'error' : 'warn']({ task: scope.taskIdentifier }, message);
  });
}
