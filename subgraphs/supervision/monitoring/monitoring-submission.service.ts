// The monitoring agency's small batches (第二十四条): validated whole, written in one transaction,
// rolled up for exactly the days that gained a sample. A constant handful of statements whatever
// the batch's length.
import type { EntityManager } from 'typeorm';
import type { MutationSubmitMonitoringSamplesArgs } from '../generated/graphql';
import {
  SAMPLE_FIELDS,
  checkedChinaDay,
  sampleRowError,
  validateSubmission,
  type SampleKind,
  type SampleValues,
} from './ingest/sample-rows';
import { insertProviderSamplesSql, insertSystemSamplesSql, rollUpProviderDaysSql, rollUpSystemDaysSql } from './ingest/rollup-sql';
import { afterRetirementProblem } from './monitoring.rules';

export interface MonitoringSubmissionResult {
  received: number;
  accepted: number;
  duplicates: number;
  systemDaysRolledUp: number;
  providerDaysRolledUp: number;
}

/** A (system or provider, day) that gained `n` samples, as the insert statements return it. */
interface TouchedDay {
  system_id?: string;
  provider_id?: string;
  day: string;
  n: number;
}

/** The batch as a relation `b` typed like the raw table: one JSON parameter, whatever the length. */
function batchSource(kind: SampleKind): string {
  const types: Record<string, string> = { uuid: 'uuid', instant: 'timestamptz', percent: 'numeric', amount: 'numeric', count: 'int' };
  const columns = SAMPLE_FIELDS[kind].map((field) => `${field.column} ${types[field.type]}`).join(', ');
  return `json_to_recordset($1::json) AS b(${columns})`;
}

function batchJson(kind: SampleKind, rows: readonly SampleValues[]): string {
  const fields = SAMPLE_FIELDS[kind];
  return JSON.stringify(rows.map((values) => Object.fromEntries(fields.map((field, i) => [field.column, values[i]]))));
}

/**
 * Refuses the first row naming a system the replica does not know, one not on the cloud, or a
 * sample taken on or after the day the system was retired (its resources recovered: nothing left
 * to measure). A test environment's samples before go-live are kept, and left out of the evaluation.
 */
async function requireMonitorableSystems(manager: EntityManager, rows: readonly SampleValues[]): Promise<void> {
  const ids = [...new Set(rows.map((values) => values[0]!))];
  const facts: Array<{ system_id: string; provider_id: string | null; retired_on: string | null }> = await manager.query(
    `SELECT system_id, provider_id, retired_on::text FROM "supervision"."system_fact" WHERE system_id = ANY($1::uuid[])`,
    [ids],
  );
  const factOf = new Map(facts.map((fact) => [fact.system_id, fact]));
  rows.forEach((values, index) => {
    const fact = factOf.get(values[0]!);
    if (!fact) throw sampleRowError('system', index, 'systemId', '不是已知的政务信息系统');
    if (fact.provider_id === null) throw sampleRowError('system', index, 'systemId', '不在政务云上（无承载服务商），没有云资源监测数据');
    const retired = afterRetirementProblem(checkedChinaDay(values[1]!), fact.retired_on);
    if (retired !== null) throw sampleRowError('system', index, 'measuredAt', retired);
  });
}

/**
 * Refuses the first row naming an unknown provider. Supervision knows providers by the systems they
 * host (the replica) and by their evaluations; it keeps no copy of the providers subgraph.
 */
async function requireKnownProviders(manager: EntityManager, rows: readonly SampleValues[]): Promise<void> {
  const ids = [...new Set(rows.map((values) => values[0]!))];
  const known: Array<{ provider_id: string }> = await manager.query(
    `SELECT provider_id FROM "supervision"."system_fact" WHERE provider_id = ANY($1::uuid[])
     UNION SELECT provider_id FROM "supervision"."provider_evaluation" WHERE provider_id = ANY($1::uuid[])`,
    [ids],
  );
  const knownIds = new Set(known.map((row) => row.provider_id));
  rows.forEach((values, index) => {
    if (!knownIds.has(values[0]!)) throw sampleRowError('provider', index, 'providerId', '不是已知的定点服务商');
  });
}

async function writeAndRollUp(
  manager: EntityManager,
  kind: SampleKind,
  rows: readonly SampleValues[],
): Promise<{ accepted: number; days: number }> {
  if (rows.length === 0) return { accepted: 0, days: 0 };
  const insert = kind === 'system' ? insertSystemSamplesSql(batchSource(kind)) : insertProviderSamplesSql(batchSource(kind));
  const touched: TouchedDay[] = await manager.query(insert, [batchJson(kind, rows)]);
  if (touched.length > 0) {
    const key = kind === 'system' ? 'system_id' : 'provider_id';
    const days = `unnest($1::uuid[], $2::date[]) AS t(${key}, day)`;
    await manager.query(kind === 'system' ? rollUpSystemDaysSql(days) : rollUpProviderDaysSql(days), [
      touched.map((row) => row[key]),
      touched.map((row) => row.day),
    ]);
  }
  return { accepted: touched.reduce((sum, row) => sum + row.n, 0), days: touched.length };
}

/** Every row validated before anything is read (the first bad one fails the batch, naming it). */
export function parseSubmission(args: MutationSubmitMonitoringSamplesArgs, today: string): Record<SampleKind, SampleValues[]> {
  return validateSubmission({ system: args.systemSamples ?? [], provider: args.providerSamples ?? [] }, today);
}

/**
 * Writes a MONITOR's validated batch (parseSubmission), or nothing: its systems and providers
 * checked, then the new samples written — known ones skipped — and their days recomputed from the
 * raw samples.
 */
export async function submitMonitoringSamples(
  manager: EntityManager,
  rows: Readonly<Record<SampleKind, readonly SampleValues[]>>,
): Promise<MonitoringSubmissionResult> {
  if (rows.system.length > 0) await requireMonitorableSystems(manager, rows.system);
  if (rows.provider.length > 0) await requireKnownProviders(manager, rows.provider);
  const systems = await writeAndRollUp(manager, 'system', rows.system);
  const providers = await writeAndRollUp(manager, 'provider', rows.provider);
  const received = rows.system.length + rows.provider.length;
  const accepted = systems.accepted + providers.accepted;
  return { received, accepted, duplicates: received - accepted, systemDaysRolledUp: systems.days, providerDaysRolledUp: providers.days };
}
