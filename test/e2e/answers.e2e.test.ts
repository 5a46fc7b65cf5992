// Answers front ends can use (issue 12), through the gateway on the seeded stack.
//
// Answers that degrade by field: a county
// dashboard that also asks for a field its role may not read (the bureau's overdue decisions,
// DECISION_5WD, 第十二条) gets null there, one FORBIDDEN error at that path naming the roles that
// may read it, and every other field of the response as it would without it. Then every field
// declared with kit/field-readers.ts, walked from its registry, refuses every other role the same way.
import { readFileSync } from 'node:fs';
import { buildSchema, getNamedType, isNonNullType, type GraphQLField, type GraphQLInputType, type GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../subgraphs/applications/resolvers';
import '../../subgraphs/providers/resolvers';
import '../../subgraphs/security/resolvers';
import '../../subgraphs/supervision/resolvers';
import '../../subgraphs/kit/audit-trail-resolvers';
import { guardedFields, ROLE_NAMES } from '../../subgraphs/kit/field-readers';
import { Role } from '../../subgraphs/kit/principal';
import { startStack, type Stack } from '../setup/stack';

let stack: Stack;
let county: string;

beforeAll(async () => {
  stack = await startStack({ seed: true });
  county = await stack.token({ role: 'COUNTY_AUTHORITY', region: '371602' });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

const DASHBOARD = `
  todoItems(first: 10) { totalCount edges { node { id kind dueOn } } }
  submitted: applications(status: SUBMITTED, first: 1) { totalCount }
  units(first: 1) { totalCount }
  systems(first: 1) { totalCount }
  overdueSettlements(first: 5) { totalCount }`;

describe('a county dashboard including one field it may not read', () => {
  it('still returns everything else, with null and a FORBIDDEN naming the roles at that one path', async () => {
    const alone = await stack.query<Record<string, unknown>>(county, `{ ${DASHBOARD} }`);
    expect(alone.errors).toBeUndefined();
    const body = await stack.query<Record<string, unknown>>(
      county,
      `{ ${DASHBOARD}
         overdueApplications(first: 10) { totalCount edges { node { id number } } } }`,
    );
    expect(body.data).not.toBeNull();
    expect(body.data).toEqual({ ...alone.data, overdueApplications: null });
    expect(body.errors).toHaveLength(1);
    const [error] = body.errors!;
    expect(error!.path).toEqual(['overdueApplications']);
    expect(error!.extensions).toMatchObject({ code: 'FORBIDDEN', allowedRoles: ['BUREAU'] });
    expect(error!.message).toContain('BUREAU');
    expect(error!.message).toMatch(/市大数据局/);
  });
});

/** Roles whose tokens need no record of the world, with the claims they carry. */
const CALLERS: ReadonlyArray<{ role: Role; region?: string }> = [
  { role: Role.BUREAU },
  { role: Role.CENTER },
  { role: Role.COUNTY_AUTHORITY, region: '371602' },
  { role: Role.MONITOR },
  { role: Role.FINANCE, region: '371600' },
  { role: Role.AUDITOR },
  { role: Role.CYBERSEC },
];

const contract: GraphQLSchema = buildSchema(readFileSync('schema/api.graphql', 'utf8'));

/** A value each required argument accepts (the refusal comes before any argument is read). */
function placeholder(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return placeholder(type.ofType);
  if ('ofType' in type) return [];
  return ({ Int: 2026, ID: '00000000-0000-4000-8000-000000000000', String: 'x' } as Record<string, unknown>)[getNamedType(type).name];
}

function call(field: GraphQLField<unknown, unknown>): string {
  const required = field.args.filter((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined);
  const args = required.map((arg) => `${arg.name}: ${JSON.stringify(placeholder(arg.type))}`).join(', ');
  const named = getNamedType(field.type);
  const selection = 'getFields' in named ? (named.name.endsWith('Connection') ? '{ totalCount }' : '{ __typename }') : '';
  return `${field.name}${args ? `(${args})` : ''} ${selection}`;
}

/** The document reaching `Type.field` from the root, `__typename` beside it at each level, and the field's path. */
function probeOf(coordinate: string): { document: string; path: string[] } {
  const [typeName, fieldName] = coordinate.split('.') as [string, string];
  const field = (contract.getType(typeName) as { getFields(): Record<string, GraphQLField<unknown, unknown>> }).getFields()[fieldName]!;
  if (typeName === 'Query') return { document: `{ __typename ${call(field)} }`, path: [fieldName] };
  const parent = Object.values(contract.getQueryType()!.getFields()).find(
    (root) => getNamedType(root.type).name === typeName && root.args.every((arg) => !isNonNullType(arg.type)),
  )!;
  return { document: `{ __typename ${parent.name} { __typename ${call(field)} } }`, path: [parent.name, fieldName] };
}

describe('every field guarded by a role (kit/field-readers.ts)', () => {
  const guarded = guardedFields();

  it('is found through the registry, and is nullable in the published contract', () => {
    expect(guarded.map((readers) => readers.coordinate)).toEqual(
      expect.arrayContaining([
        'Query.overdueApplications',
        'Query.offCloudUnitSummaries',
        'Query.unitSecuritySummaries',
        'AuditTrail.security',
      ]),
    );
    for (const { coordinate } of guarded) {
      const [typeName, fieldName] = coordinate.split('.') as [string, string];
      const field = (contract.getType(typeName) as { getFields(): Record<string, GraphQLField<unknown, unknown>> }).getFields()[fieldName];
      expect(field, coordinate).toBeDefined();
      expect(isNonNullType(field!.type), `${coordinate} must be nullable`).toBe(false);
    }
  });

  it('refuses every other role with null at its path, the roles named, and its siblings intact', async () => {
    for (const readers of guarded) {
      const { document, path } = probeOf(readers.coordinate);
      for (const caller of CALLERS.filter((candidate) => !readers.roles.includes(candidate.role))) {
        const body = await stack.query<Record<string, unknown>>(await stack.token(caller), document);
        const what = `${readers.coordinate} as ${caller.role}`;
        expect(body.data, what).not.toBeNull();
        expect(body.data!['__typename'], what).toBe('Query');
        const parent = path.length > 1 ? (body.data![path[0]!] as Record<string, unknown>) : body.data!;
        if (path.length > 1) expect(parent['__typename'], what).toBe(readers.coordinate.split('.')[0]);
        expect(parent[path.at(-1)!], what).toBeNull();
        const refusals = body.errors?.filter((error) => JSON.stringify(error.path) === JSON.stringify(path)) ?? [];
        expect(refusals, what).toHaveLength(1);
        expect(refusals[0]!.extensions, what).toMatchObject({ code: 'FORBIDDEN', allowedRoles: [...readers.roles] });
        for (const role of readers.roles) expect(refusals[0]!.message, what).toContain(`${ROLE_NAMES[role]} (${role})`);
      }
    }
  });
});

// A to-do item's due date says whether it is an estimate: the bureau's decisions (DECISION_5WD,
// 第十二条) carry the same mark as the application's own deadline.
interface Todo {
  todoItems: {
    edges: Array<{
      node: {
        kind: string;
        dueOn: string;
        dueOnEstimated: boolean;
        application: { decisionDeadline: { date: string; estimated: boolean } | null } | null;
      };
    }>;
  };
}

describe('TodoItem.dueOnEstimated', () => {
  it('agrees with the application’s own decision deadline for every decision the bureau has to make', async () => {
    const body = await stack.query<Todo>(
      await stack.token({ role: 'BUREAU' }),
      `{ todoItems(first: 100) { edges { node { kind dueOn dueOnEstimated application { decisionDeadline { date estimated } } } } } }`,
    );
    expect(body.errors).toBeUndefined();
    const items = body.data!.todoItems.edges.map((edge) => edge.node);
    const decisions = items.filter((item) => item.kind === 'DECIDE_APPLICATION');
    expect(decisions.length).toBeGreaterThan(0);
    for (const item of decisions) {
      expect(item.dueOn).toBe(item.application!.decisionDeadline!.date);
      expect(item.dueOnEstimated).toBe(item.application!.decisionDeadline!.estimated);
    }
    for (const item of items) expect(typeof item.dueOnEstimated).toBe('boolean');
  });
});

// Each enum value's Chinese label through the gateway, for any role.
describe('enumLabels', () => {
  it('labels every value of the enums asked for, and refuses an unknown enum', async () => {
    const token = await stack.token({ role: 'COUNTY_AUTHORITY', region: '371602' });
    const body = await stack.query<{ enumLabels: Array<{ enum: string; value: string; label: string }> }>(
      token,
      `{ enumLabels(names: ["ApplicationStatus", "TodoKind"]) { enum value label description } }`,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.enumLabels.find((label) => label.value === 'SUBMITTED')).toMatchObject({
      enum: 'ApplicationStatus',
      label: '已提交',
    });
    for (const label of body.data!.enumLabels) expect(label.label).not.toBe('');
    const all = await stack.query<{ enumLabels: unknown[] }>(token, `{ enumLabels { value } }`);
    const values = Object.values(contract.getTypeMap()).flatMap((type) =>
      'getValues' in type && !type.name.startsWith('__') ? type.getValues() : [],
    );
    expect(all.data!.enumLabels).toHaveLength(values.length);
    const unknown = await stack.query(token, `{ enumLabels(names: ["NoSuchEnum"]) { value } }`);
    expect(unknown.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

// Times in Beijing time (kit/instants.ts): every DateTime through the gateway ends in +08:00.
describe('DateTime', () => {
  it('answers instants with the +08:00 offset and milliseconds', async () => {
    const body = await stack.query<{
      applications: { edges: Array<{ node: { events: { edges: Array<{ node: { occurredAt: string } }> } } }> };
    }>(
      await stack.token({ role: 'AUDITOR' }),
      `{ applications(first: 5) { edges { node { events(first: 5) { edges { node { occurredAt } } } } } } }`,
    );
    expect(body.errors).toBeUndefined();
    const instants = body.data!.applications.edges.flatMap(({ node }) => node.events.edges.map((edge) => edge.node.occurredAt));
    expect(instants.length).toBeGreaterThan(0);
    for (const instant of instants) {
      expect(instant).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+08:00$/);
      expect(Number.isNaN(new Date(instant).getTime())).toBe(false);
    }
  });
});
