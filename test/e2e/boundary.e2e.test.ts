// Scope boundaries, generated from the schema: every role with a narrow or partial scope asks every
// root query, every entity at each subgraph and every mutation about records the bureau's view
// shows belong to another county, unit or provider. Nothing of theirs may come back, nothing may
// be written, nothing may fail as an internal error. Definitions of "another scope" per role:
// test/setup/ownership.ts (otherScopeReason).
import {
  buildClientSchema,
  getIntrospectionQuery,
  isObjectType,
  isUnionType,
  type GraphQLField,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role, type Principal } from '../../subgraphs/kit/principal';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../subgraphs/kit/schema-files';
import { fillVariables } from '../setup/argument-values';
import { changedTables, databaseFingerprint } from '../setup/fingerprint';
import { findLeaks, isExempt, isOtherScopeTarget, type Leak, type OwnershipIndex } from '../setup/ownership';
import {
  codesOf,
  isServerFault,
  mapLimit,
  nulledFields,
  post,
  principalHeaders,
  PROBE_GATEWAY_LIMITS,
  Tally,
  type Answer,
} from '../setup/probe-run';
import { operationFor, recordTypeOf, rootFields, selectionOf } from '../setup/schema-walk';
import { startStack, type Stack } from '../setup/stack';
import { introspectGateway, indexWorld } from '../setup/world-index';
import { boundaryViewers, otherScopePicker, REMIT, type BoundaryViewer } from '../setup/boundary-viewers';

/** Answers that keep a record to its scope (besides null and empty lists). */
const SCOPE_CODES = new Set(['FORBIDDEN', 'NOT_FOUND', 'BAD_USER_INPUT', 'RULE_VIOLATION', 'UNAUTHENTICATED']);

interface Failure {
  part: string;
  viewer: string;
  field: string;
  input: string;
  what: string;
}

let stack: Stack;
let schema: GraphQLSchema;
let index: OwnershipIndex;
let bureauToken: string;
const viewers: BoundaryViewer[] = [];
const failures: Failure[] = [];
/** Answers that are neither data nor a scope code (not failures, but worth reading). */
const notes: string[] = [];
const tally = { attempts: new Tally(), codes: new Tally(), leaks: 0, nulled: 0, writes: 0, faults: 0 };

beforeAll(async () => {
  stack = await startStack({ seed: true, gatewayEnv: PROBE_GATEWAY_LIMITS });
  bureauToken = await stack.token({ role: 'BUREAU' });
  schema = await introspectGateway(stack.gatewayUrl, bureauToken);
  index = await indexWorld(stack.gatewayUrl, bureauToken, schema);
  viewers.push(...(await boundaryViewers(stack, index)));
});

afterAll(async () => {
  console.log(
    `[boundary] attempts: ${tally.attempts} | leaks=${tally.leaks} nulled=${tally.nulled} unauthorised writes=${tally.writes} internal errors/500s=${tally.faults}`,
  );
  console.log(`[boundary] answers: ${tally.codes}`);
  for (const note of notes) console.log(`[boundary] note: ${note}`);
  for (const failure of failures)
    console.log(`[boundary] ${failure.part} ${failure.viewer} ${failure.field} ${failure.input}: ${failure.what}`);
  await stack?.stop();
});

function record(part: string, label: string, field: string, variables: unknown, answer: Answer, leaks: Leak[]): void {
  const codes = codesOf(answer);
  tally.attempts.add(part);
  tally.codes.add(`${part.replace(/@.*/, '')}:${codes.length ? [...new Set(codes)].join('/') : 'ok'}`);
  const input = JSON.stringify(variables).slice(0, 300);
  if (isServerFault(answer)) {
    tally.faults++;
    failures.push({ part, viewer: label, field, input, what: `HTTP ${answer.status} ${codes.join(',')}` });
  }
  const nulled = nulledFields(answer);
  if (nulled.length) {
    tally.nulled++;
    failures.push({ part, viewer: label, field, input, what: `NULLED ${nulled.length} field(s): ${nulled.slice(0, 3).join('; ')}` });
  }
  if (leaks.length) {
    tally.leaks++;
    const first = leaks.slice(0, 3).map((leak) => `${leak.path} ${leak.typename}${leak.id ? ` ${leak.id}` : ''} (${leak.reason})`);
    failures.push({ part, viewer: label, field, input, what: `LEAK ${leaks.length} object(s): ${first.join('; ')}` });
  }
  const unexpected = codes.filter((code) => !SCOPE_CODES.has(code) && code !== 'INTERNAL_SERVER_ERROR');
  if (unexpected.length) notes.push(`${part} ${label} ${field} ${input}: ${[...new Set(unexpected)].join('/')}`);
}

const byIdArgs = (field: GraphQLField<unknown, unknown>) => field.args.some((arg) => /(^id$|Id$|Ids$)/.test(arg.name));

describe('every root query, as each role, about other scopes', () => {
  it('returns no other-scope record and no internal error', async () => {
    const fields = rootFields(schema, 'query');
    const probes = viewers.flatMap(({ label, viewer, token }) =>
      fields.flatMap((field) => {
        const recordType = recordTypeOf(field.type)?.name;
        const variants = [
          { sample: 0, optionalIds: false },
          ...(field.args.some((arg) => !String(arg.type).endsWith('!') && /Id$|regionCode/.test(arg.name))
            ? [{ sample: 0, optionalIds: true }]
            : []),
          ...(byIdArgs(field) ? [{ sample: 1, optionalIds: true }] : []),
        ];
        return variants.map((variant) => {
          const filled = fillVariables(field, recordType, otherScopePicker(index, viewer, variant.sample, new Set()), {
            optionalIds: variant.optionalIds,
          });
          const first = field.args.some((arg) => arg.name === 'first') ? { first: 50 } : {};
          return { label, viewer, token, field, variables: { ...filled.variables, ...first } };
        });
      }),
    );
    await mapLimit(probes, 4, async ({ label, viewer, token, field, variables }) => {
      // Nothing is another scope's for the bureau, centre and auditor: one level suffices to see faults.
      const wholeCity = ['BUREAU', 'CENTER', 'AUDITOR'].includes(viewer.role);
      const query = operationFor('query', field, wholeCity ? { depth: 1, nestedFirst: 5 } : { depth: 2, nestedFirst: 10 });
      const answer = await post(stack.gatewayUrl, { authorization: `Bearer ${token}` }, query, variables);
      record('query', label, field.name, variables, answer, findLeaks(index, viewer, answer.data ?? null));
    });
    expect(failures.filter((f) => f.part === 'query')).toEqual([]);
  }, 300_000);
});

describe('the judge itself', () => {
  it('finds other-scope records in what the bureau reads, for every viewer whose scope is narrower', () => {
    // Were this empty, a clean run above would prove nothing.
    const everything = [...index.records.values()].map((record) => record.raw);
    for (const { label, viewer } of viewers) {
      const leaks = findLeaks(index, viewer, everything);
      if (['BUREAU', 'CENTER', 'AUDITOR'].includes(viewer.role)) expect(leaks, label).toEqual([]);
      else expect(leaks.length, label).toBeGreaterThan(0);
    }
  });
});

describe('by-id lookups of other-scope records, as each narrow role', () => {
  it('answer exactly like a lookup of a record that does not exist', async () => {
    const byId = rootFields(schema, 'query').filter((field) => field.args.some((arg) => arg.name === 'id'));
    const narrow = viewers.filter(({ viewer }) => !['BUREAU', 'CENTER', 'AUDITOR'].includes(viewer.role));
    const probes = narrow.flatMap(({ label, viewer, token }) =>
      byId.flatMap((field) => {
        const aimed = new Set<string>();
        const { variables } = fillVariables(field, recordTypeOf(field.type)?.name, otherScopePicker(index, viewer, 0, aimed), {
          optionalIds: false,
        });
        // Public reference data (a provider) is read by id like anything public.
        const publicType = isExempt(recordTypeOf(field.type)?.name ?? '', {});
        return aimed.has(variables.id as string) && !publicType ? [{ label, token, field, variables }] : [];
      }),
    );
    await mapLimit(probes, 4, async ({ label, token, field, variables }) => {
      const query = operationFor('query', field, { depth: 0 });
      const nobody = randomUUID();
      const [other, absent] = await Promise.all(
        [variables.id as string, nobody].map((id) =>
          post(stack.gatewayUrl, { authorization: `Bearer ${token}` }, query, { ...variables, id }),
        ),
      );
      const shape = (answer: Answer) => JSON.stringify({ status: answer.status, data: answer.data ?? null, codes: codesOf(answer) });
      tally.attempts.add('by-id');
      if (shape(other!) !== shape(absent!))
        failures.push({
          part: 'by-id',
          viewer: label,
          field: field.name,
          input: JSON.stringify(variables),
          what: `EXISTENCE SHOWN: ${shape(other!).slice(0, 200)} vs nonexistent ${shape(absent!).slice(0, 200)}`,
        });
    });
    expect(failures.filter((f) => f.part === 'by-id')).toEqual([]);
  }, 300_000);
});

describe('every entity at each subgraph, with a signed principal, about other scopes', () => {
  it('resolves no other-scope record and no internal error', async () => {
    const bureau: Principal = { subject: 'boundary-bureau', role: Role.BUREAU };
    const bureauHeaders = await principalHeaders(bureau, stack.internalTokenSecret);
    const subgraphSchemas = new Map<SubgraphName, GraphQLSchema>();
    for (const name of SUBGRAPH_NAMES) {
      const answer = await post(stack.subgraphUrls[name], bureauHeaders, getIntrospectionQuery());
      subgraphSchemas.set(name, buildClientSchema(answer.data as unknown as IntrospectionQuery));
    }
    const probes = viewers.flatMap(({ label, viewer, principal }) =>
      SUBGRAPH_NAMES.flatMap((name) => {
        const entity = subgraphSchemas.get(name)!.getType('_Entity');
        const members = entity && isUnionType(entity) ? entity.getTypes() : [];
        return members.flatMap((member) => {
          const targets = index
            .ofType(member.name)
            .filter((candidate) => isOtherScopeTarget(viewer, candidate))
            .slice(0, 3);
          return targets.length ? [{ label, viewer, principal, name, typename: member.name, targets }] : [];
        });
      }),
    );
    await mapLimit(probes, 4, async ({ label, viewer, principal, name, typename, targets }) => {
      const type = subgraphSchemas.get(name)!.getType(typename)!;
      const selection = isObjectType(type) ? selectionOf(type, 1, { depth: 1, nestedFirst: 20 }) : '{ __typename }';
      const query = `query Entities($r: [_Any!]!) { _entities(representations: $r) { __typename ... on ${typename} ${selection} } }`;
      // A record nobody has: an other-scope record must answer exactly like it (beyond its key).
      const nobody = typename === 'Region' ? '999999' : randomUUID();
      const keys = [...targets.map((target) => target.id), nobody];
      const representations = keys.map((id) => (typename === 'Region' ? { __typename: typename, code: id } : { __typename: typename, id }));
      const answer = await post(stack.subgraphUrls[name], await principalHeaders(principal, stack.internalTokenSecret), query, {
        r: representations,
      });
      const entities = (answer.data?._entities ?? []) as Array<Record<string, unknown> | null>;
      const leaks = entities
        .slice(0, targets.length)
        .flatMap((entity, i) => findLeaks(index, viewer, entity, `[${i}]`, undefined, { skipRoot: true, recordsOnly: true }));
      const withoutKey = (entity: Record<string, unknown> | null | undefined, id: string) =>
        JSON.stringify(entity ?? null).replaceAll(id, '<key>');
      const absent = withoutKey(entities[targets.length], nobody);
      if (!isExempt(typename, {}))
        targets.forEach((target, i) => {
          if (entities.length > i && withoutKey(entities[i], target.id) !== absent)
            leaks.push({
              path: `[${i}]`,
              typename,
              id: target.id,
              reason: `answers unlike a nonexistent ${typename}: ${withoutKey(entities[i], target.id).slice(0, 160)} vs ${absent.slice(0, 160)}`,
            });
        });
      record(`entities@${name}`, label, `${typename}`, { ids: targets.map((t) => t.id) }, answer, dedupe(leaks));
    });
    expect(failures.filter((f) => f.part.startsWith('entities'))).toEqual([]);
  }, 300_000);
});

describe('every mutation, as each role, aimed at other scopes', () => {
  it('writes nothing and fails no request internally', async () => {
    const db = stack.dataSources.applications;
    const start = await databaseFingerprint(db);
    let before = start;
    const fields = rootFields(schema, 'mutation');
    for (const { label, viewer, token } of viewers) {
      // Nothing in the city is another scope's for these two, and writing is their work.
      if (viewer.role === 'BUREAU' || viewer.role === 'CENTER') continue;
      const narrow = ['COUNTY_AUTHORITY', 'USER_UNIT', 'PROVIDER'].includes(viewer.role);
      for (const field of fields) {
        if (REMIT[viewer.role]?.has(field.name)) continue;
        const aimed = new Set<string>();
        const recordType = recordTypeOf(field.type)?.name;
        const filled = fillVariables(field, recordType, otherScopePicker(index, viewer, 0, aimed), { optionalIds: true });
        // A narrow role's own work with nothing aimed elsewhere is not a boundary probe.
        if (narrow && !JSON.stringify(filled.variables).match([...aimed].map(escape).join('|') || '^$')) continue;
        const query = operationFor('mutation', field, { depth: 1 });
        const answer = await post(stack.gatewayUrl, { authorization: `Bearer ${token}` }, query, filled.variables);
        record('mutation', label, field.name, filled.variables, answer, findLeaks(index, viewer, answer.data ?? null));
        // A rule's answer about another scope's record tells its state; worth reading, not a failure.
        const ruled = answer.errors?.find((error) => error.extensions?.code === 'RULE_VIOLATION');
        if (ruled)
          notes.push(`mutation ${label} ${field.name} ${JSON.stringify(filled.variables).slice(0, 200)}: ${ruled.message.slice(0, 120)}`);
        if (answer.data?.[field.name] != null || !answer.errors?.length) {
          const after = await databaseFingerprint(db);
          const changed = changedTables(before, after);
          if (changed.length) {
            tally.writes++;
            failures.push({
              part: 'mutation',
              viewer: label,
              field: field.name,
              input: JSON.stringify(filled.variables).slice(0, 300),
              what: `WRITE ${changed.join(', ')}`,
            });
          }
          before = after;
        }
      }
    }
    const end = await databaseFingerprint(db);
    const changed = changedTables(start, end);
    if (changed.length && !tally.writes) {
      tally.writes++;
      failures.push({ part: 'mutation', viewer: '(any)', field: '(refused mutations)', input: '', what: `WRITE ${changed.join(', ')}` });
    }
    expect(failures.filter((f) => f.part === 'mutation')).toEqual([]);
  }, 300_000);
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function dedupe(leaks: Leak[]): Leak[] {
  const seen = new Set<string>();
  return leaks.filter((leak) => {
    const key = `${leak.path}|${leak.typename}|${leak.id}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}
