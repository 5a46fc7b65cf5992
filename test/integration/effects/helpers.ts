// Shared by the effects tests: a data source standing in for the subgraph that causes an effect,
// and small probes of graphile-worker's tables.
import type { DataSource } from 'typeorm';
import { createSubgraphDataSource } from '../../../subgraphs/kit/data-source';
import { EFFECT_METADATA_KEY, JOBS_SCHEMA, REFUSED_EFFECTS_TABLE } from '../../../subgraphs/kit/jobs';

/** A connection like the applications subgraph's, without depending on its code. */
export async function causeDataSource(url: string): Promise<DataSource> {
  const dataSource = createSubgraphDataSource({ url, schema: 'applications', entities: [], migrations: [], poolSize: 2 });
  await dataSource.initialize();
  return dataSource;
}

export interface JobRow {
  id: string;
  key: string | null;
  attempts: number;
  last_error: string | null;
  payload: Record<string, unknown>;
}

/** The queued jobs of a task, each payload as its handler receives it (without the request's metadata). */
export function jobsOf(dataSource: DataSource, task: string): Promise<JobRow[]> {
  return dataSource.query(
    // The public `jobs` view hides payloads; tests may look.
    `SELECT job.id::text, job.key, job.attempts, job.last_error, job.payload::jsonb - $2 AS payload
       FROM ${JOBS_SCHEMA}._private_jobs job JOIN ${JOBS_SCHEMA}._private_tasks task ON task.id = job.task_id
      WHERE task.identifier = $1 ORDER BY job.id`,
    [task, EFFECT_METADATA_KEY],
  );
}

export function refusalsOf(
  dataSource: DataSource,
  task: string,
): Promise<Array<{ code: string | null; message: string; payload: unknown }>> {
  return dataSource.query(`SELECT code, message, payload FROM ${REFUSED_EFFECTS_TABLE} WHERE task = $1 ORDER BY refused_at`, [task]);
}

/** Polls until `probe` returns true, failing after `timeoutMs`. */
export async function waitFor(what: string, probe: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
