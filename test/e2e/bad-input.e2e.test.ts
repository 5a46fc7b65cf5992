// Bad input, generated from the schema: for every argument of every root query and mutation (input
// objects walked recursively) a malformed, out-of-range, wrong-type, oversized, NUL-byte or
// injection-shaped value, the other arguments valid, sent as the bureau — and for mutations as the
// role that may run them, so the value reaches the code past the role check. No answer may be a
// 500 or an internal error, and no bad value may change the database.
import type { GraphQLField } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anyRecordPicker, indexWorld, introspectGateway } from '../setup/world-index';
import { fillVariables } from '../setup/argument-values';
import { badValuesFor } from '../setup/bad-values';
import { changedTables, databaseFingerprint } from '../setup/fingerprint';
import type { IndexedRecord, OwnershipIndex } from '../setup/ownership';
import { codesOf, isServerFault, mapLimit, post, PROBE_GATEWAY_LIMITS, Tally } from '../setup/probe-run';
import { argumentSlots, cloneVariables, operationFor, recordTypeOf, rootFields, setAtPath } from '../setup/schema-walk';
import { startStack, type Stack } from '../setup/stack';
import type { DevTokenClaims } from '../../gateway/src/dev-token';

/** Who runs each mutation (DOMAIN.md's lifecycle table, applications/rules/lifecycle.ts, the resolvers); the rest is the bureau's. */
const ACTOR: Record<string, string> = {
  createApplication: 'USER_UNIT',
  updateApplicationDraft: 'USER_UNIT',
  submitApplication: 'USER_UNIT',
  withdrawApplication: 'USER_UNIT',
  recordProcurement: 'USER_UNIT',
  recordTestExtension: 'USER_UNIT',
  requestGoLive: 'USER_UNIT',
  requestChange: 'USER_UNIT',
  reportTermination: 'USER_UNIT',
  confirmShutdown: 'USER_UNIT',
  recordSystemMigrated: 'USER_UNIT',
  recordLegacyShutdown: 'USER_UNIT',
  confirmLegacyShutdown: 'CENTER',
  registerSystem: 'USER_UNIT',
  registerOffCloudSystem: 'USER_UNIT',
  setOffCloudMigrationPlan: 'USER_UNIT',
  claimOffCloudExemption: 'USER_UNIT',
  recordOffCloudSystemMoved: 'USER_UNIT',
  grantAccess: 'USER_UNIT',
  revokeAccessGrant: 'USER_UNIT',
  signSecurityAgreement: 'USER_UNIT',
  gradeSystemMlps: 'USER_UNIT',
  fileMlpsRecord: 'USER_UNIT',
  recordMlpsAssessment: 'USER_UNIT',
  submitRectification: 'USER_UNIT',
  submitServiceQualityRating: 'USER_UNIT',
  reportSecurityIncident: 'USER_UNIT',
  fileApplication: 'COUNTY_AUTHORITY',
  signCountyAgreement: 'COUNTY_AUTHORITY',
  confirmGoLive: 'CENTER',
  confirmDataClearance: 'CENTER',
  confirmResourceRecovery: 'CENTER',
  confirmMigrationDataClearance: 'CENTER',
  deliverTestEnvironment: 'PROVIDER',
  setListedPrice: 'PROVIDER',
  submitSupplementaryEntry: 'PROVIDER',
  withdrawSupplementaryEntry: 'PROVIDER',
  submitAccessRecords: 'PROVIDER',
  recordDisasterRecoveryDrill: 'PROVIDER',
  acknowledgeSecurityBulletin: 'PROVIDER',
  submitMonitoringSamples: 'MONITOR',
  submitMonitoringEvaluationScores: 'MONITOR',
  submitSecurityEvaluationScore: 'CYBERSEC',
};

interface Failure {
  kind: 'query' | 'mutation';
  field: string;
  role: string;
  argument: string;
  value: string;
  what: string;
}

let stack: Stack;
let index: OwnershipIndex;
let fields: { query: Array<GraphQLField<unknown, unknown>>; mutation: Array<GraphQLField<unknown, unknown>> };
const tokens = new Map<string, string>();
const failures: Failure[] = [];
const byCode = new Tally();
/** What each mutation answered, by code: shows the probes got past the role check. */
const mutationCodes = new Map<string, Tally>();
/** How each kind of bad value was answered (shows, say, whether malformed ids are BAD_USER_INPUT or NOT_FOUND). */
const valueCodes = new Map<string, Tally>();
/** Malformed values answered with data (lists filtered by them may rightly be empty; worth reading). */
const notes: string[] = [];
let requests = 0;
let faults = 0;

beforeAll(async () => {
  stack = await startStack({ seed: true, gatewayEnv: PROBE_GATEWAY_LIMITS });
  const bureau = await stack.token({ role: 'BUREAU' });
  tokens.set('BUREAU', bureau);
  const schema = await introspectGateway(stack.gatewayUrl, bureau);
  index = await indexWorld(stack.gatewayUrl, bureau, schema);
  fields = { query: rootFields(schema, 'query'), mutation: rootFields(schema, 'mutation') };
});

afterAll(async () => {
  console.log(`[bad-input] requests=${requests} 500s/internal=${faults} | by code: ${byCode}`);
  for (const [field, codes] of mutationCodes) console.log(`[bad-input] ${field}: ${codes}`);
  for (const [label, codes] of valueCodes) console.log(`[bad-input] value ${label}: ${codes}`);
  for (const note of notes) console.log(`[bad-input] note: ${note}`);
  for (const failure of failures)
    console.log(`[bad-input] ${failure.role} ${failure.field}(${failure.argument} = ${failure.value}): ${failure.what}`);
  await stack?.stop();
});

/** The record an id in the variables names (the first one the index knows). */
function firstRecord(value: unknown): IndexedRecord | undefined {
  if (typeof value === 'string') return [...index.records.values()].find((record) => record.id === value);
  if (Array.isArray(value)) return value.map(firstRecord).find(Boolean);
  if (value && typeof value === 'object') return Object.values(value).map(firstRecord).find(Boolean);
  return undefined;
}

/** A token for the role that runs the mutation, with the claims of the record it is aimed at. */
async function actorToken(field: string, variables: Record<string, unknown>): Promise<{ role: string; token: string }> {
  const role = ACTOR[field] ?? 'BUREAU';
  const target = firstRecord(variables);
  const owner = target?.owner;
  const claims: DevTokenClaims = { role };
  if (role === 'USER_UNIT') {
    // The unit's own region: the gateway checks a unit's claims against the directory.
    const unit = stack.world.units.find((record) => record.id === owner?.unit) ?? stack.world.units[0]!;
    Object.assign(claims, { unit: unit.id, region: unit.regionCode });
  }
  if (role === 'COUNTY_AUTHORITY') claims.region = owner?.region && owner.region !== '371600' ? owner.region : '371602';
  if (role === 'PROVIDER') claims.provider = (owner && [...owner.providers][0]) ?? index.ofType('Provider')[0]!.id;
  const key = JSON.stringify(claims);
  if (!tokens.has(key)) tokens.set(key, await stack.token(claims));
  return { role: `${role}${claims.region ? ` ${claims.region}` : ''}`, token: tokens.get(key)! };
}

interface Probe {
  kind: 'query' | 'mutation';
  field: GraphQLField<unknown, unknown>;
  argument: string;
  label: string;
  variables: Record<string, unknown>;
}

function probesOf(kind: 'query' | 'mutation'): Probe[] {
  return fields[kind].flatMap((field) => {
    const { variables: base } = fillVariables(field, recordTypeOf(field.type)?.name, anyRecordPicker(index), { optionalIds: false });
    return argumentSlots(field, field.name).flatMap((slot) =>
      badValuesFor(slot.name, slot.type, kind === 'mutation').map((bad) => {
        const variables = cloneVariables(base);
        setAtPath(variables, slot.path, bad.value);
        return { kind, field, argument: slot.path.join('.'), label: bad.label, variables };
      }),
    );
  });
}

async function send(probe: Probe): Promise<boolean> {
  const { role, token } =
    probe.kind === 'query' ? { role: 'BUREAU', token: tokens.get('BUREAU')! } : await actorToken(probe.field.name, probe.variables);
  const query = operationFor(probe.kind, probe.field, { depth: 0 });
  const answer = await post(stack.gatewayUrl, { authorization: `Bearer ${token}` }, query, probe.variables);
  requests++;
  const codes = codesOf(answer);
  const label = `HTTP ${answer.status}${codes.length ? ` ${[...new Set(codes)].join('/')}` : ' ok'}`;
  byCode.add(label);
  const answered = answer.data?.[probe.field.name];
  if (/^(id-malformed|id-uuid-with-junk|date-|money-)/.test(probe.label) && !codes.length && answered != null)
    notes.push(`${role} ${probe.field.name}(${probe.argument} = ${probe.label}) answered data: ${JSON.stringify(answered).slice(0, 120)}`);
  if (!valueCodes.has(probe.label)) valueCodes.set(probe.label, new Tally());
  valueCodes.get(probe.label)!.add(codes[0] ?? (answer.data?.[probe.field.name] == null ? 'null' : 'data'));
  if (probe.kind === 'mutation') {
    if (!mutationCodes.has(probe.field.name)) mutationCodes.set(probe.field.name, new Tally());
    mutationCodes.get(probe.field.name)!.add(`${role}: ${label}`);
  }
  if (isServerFault(answer)) {
    faults++;
    failures.push({
      kind: probe.kind,
      field: probe.field.name,
      role,
      argument: probe.argument,
      value: probe.label,
      what: `HTTP ${answer.status} ${codes.join(',')}`,
    });
  }
  return answer.data?.[probe.field.name] != null;
}

describe('bad input to every root field', () => {
  it('queries: no 500, no internal error', async () => {
    await mapLimit(probesOf('query'), 4, send);
    expect(failures.filter((failure) => failure.kind === 'query')).toEqual([]);
  }, 300_000);

  it('by-id fields answer a malformed id with BAD_USER_INPUT', async () => {
    // A field that looks one record up by a required id: `provider(id:)`, `exitMigrationProgress(exitId:)`.
    const byId = fields.query.flatMap((field) => {
      const arg = field.args.find((candidate) => String(candidate.type) === 'ID!');
      return arg ? [{ field, arg: arg.name }] : [];
    });
    const wrong: string[] = [];
    await mapLimit(byId, 4, async ({ field, arg }) => {
      const { variables } = fillVariables(field, recordTypeOf(field.type)?.name, anyRecordPicker(index), { optionalIds: false });
      const query = operationFor('query', field, { depth: 0 });
      for (const id of ['not-an-id', '6811b106-c804-5a9c-b7dd-d9bddc265498x']) {
        const answer = await post(stack.gatewayUrl, { authorization: `Bearer ${tokens.get('BUREAU')!}` }, query, {
          ...variables,
          [arg]: id,
        });
        requests++;
        if (codesOf(answer)[0] !== 'BAD_USER_INPUT') wrong.push(`${field.name}(${arg}: ${id}) → ${JSON.stringify(answer).slice(0, 160)}`);
      }
    });
    expect(wrong).toEqual([]);
  }, 300_000);

  it('mutations: no 500, no internal error, nothing written', async () => {
    const db = stack.dataSources.applications;
    const start = await databaseFingerprint(db);
    // A bad value that is accepted is what may write; the fingerprint over the suite is the proof.
    const accepted: Probe[] = [];
    await mapLimit(probesOf('mutation'), 3, async (probe) => {
      if (await send(probe)) accepted.push(probe);
    });
    for (const probe of accepted)
      failures.push({
        kind: 'mutation',
        field: probe.field.name,
        role: 'actor',
        argument: probe.argument,
        value: probe.label,
        what: `accepted: ${JSON.stringify(probe.variables).slice(0, 200)}`,
      });
    const changed = changedTables(start, await databaseFingerprint(db));
    console.log(`[bad-input] mutations accepted=${accepted.length}; tables changed over the suite: ${changed.join(', ') || 'none'}`);
    expect(changed).toEqual([]);
    expect(failures.filter((failure) => failure.kind === 'mutation' && !failure.what.startsWith('accepted'))).toEqual([]);
  }, 300_000);
});
