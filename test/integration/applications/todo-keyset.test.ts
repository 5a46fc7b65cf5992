// todoItems by keyset (issue 14): the roles' lists run the same statements with ten times the
// applications, and each kind of item is read along its partial index in the list's order, so no
// scan of the applications (or change requests, migrations, termination steps) reads more than a
// page and one row more (migration 1796301900000, todo/todo-keyset.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlCounterOf } from '../../../subgraphs/kit/data-source';
import { SqlStatementCounter } from '../../../subgraphs/kit/sql-counter';
import { Role, type Principal } from '../../../subgraphs/kit/principal';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import { BINCHENG, bureau, countyAuthority, providerPrincipal, world } from '../../setup/principals';

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('applications', { seed: true });
});

afterAll(async () => {
  await subgraph?.stop();
});

const FIRST = 5;
const LIST = `query ($first: Int) { todoItems(first: $first) { totalCount edges { node { id kind dueOn application { id } } } } }`;
const center: Principal = { subject: 'test-center', role: Role.CENTER };
const provider = providerPrincipal(world.providers.find((candidate) => world.applications.some((a) => a.providerId === candidate.id))!);
// Whether the rows read are held to the bound on this small world: the centre's and the
// provider's termination steps filter on termination_step rows no index of the application holds,
// and a county's few items (ten here) PostgreSQL rightly reads in one bitmap scan rather than walk
// an index; test/bench/explain-hot.ts shows their plans on a large world.
const ROLES: ReadonlyArray<[string, Principal, boolean]> = [
  ['BUREAU', bureau, true],
  ['CENTER', center, false],
  ['COUNTY_AUTHORITY', countyAuthority(BINCHENG), false],
  ['PROVIDER', provider, false],
];

/** The request's statements, with their parameters, and its total. */
async function run(principal: Principal) {
  const counter = sqlCounterOf(subgraph.dataSource);
  const statements: Array<{ sql: string; parameters: unknown[] }> = [];
  counter.logQuery = (sql: string, parameters?: unknown[]) => {
    statements.push({ sql, parameters: parameters ?? [] });
    SqlStatementCounter.prototype.logQuery.call(counter, sql, parameters);
  };
  try {
    const result = await subgraph.query<{ todoItems: { totalCount: number; edges: unknown[] } }>(principal, LIST, { first: FIRST });
    expect(result.errors).toBeUndefined();
    return { statements, total: result.data!.todoItems.totalCount, returned: result.data!.todoItems.edges.length };
  } finally {
    counter.logQuery = SqlStatementCounter.prototype.logQuery;
  }
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Actual Rows': number;
  'Rows Removed by Filter'?: number;
  Plans?: PlanNode[];
}

/** Every scan of a table the list's items come from: the rows it read a loop (kept and filtered out). */
function itemScans(node: PlanNode): Array<{ table: string; read: number; type: string }> {
  const here =
    node['Relation Name'] && ['application', 'change_request', 'system_migration', 'termination_step'].includes(node['Relation Name'])
      ? [{ table: node['Relation Name'], type: node['Node Type'], read: node['Actual Rows'] + (node['Rows Removed by Filter'] ?? 0) }]
      : [];
  return [...here, ...(node.Plans ?? []).flatMap(itemScans)];
}

describe('todoItems by keyset', () => {
  it('runs the same statements for each role with ten times the applications, and reads at most a page and one row more of each kind the index holds whole', async () => {
    const before = new Map<string, Awaited<ReturnType<typeof run>>>();
    for (const [role, principal] of ROLES) before.set(role, await run(principal));
    // Nine more of every application, with their termination steps: every kind of item ten times over.
    await subgraph.dataSource.query(`
      WITH copy AS (
        SELECT a.id AS old, gen_random_uuid() AS new, n FROM applications.application a, generate_series(1, 9) n
      ), apps AS (
        INSERT INTO applications.application
        SELECT (jsonb_populate_record(a, jsonb_build_object('id', copy.new, 'number', a.number || '-' || copy.n))).*
        FROM applications.application a JOIN copy ON copy.old = a.id RETURNING 1
      )
      INSERT INTO applications.termination_step
      SELECT (jsonb_populate_record(s, jsonb_build_object('id', gen_random_uuid(), 'application_id', copy.new))).*
      FROM applications.termination_step s JOIN copy ON copy.old = s.application_id`);
    // Planned on the grown tables' statistics, as autovacuum would soon give them (only the owner may ANALYZE).
    await subgraph.asOwner('ANALYZE applications.application, applications.termination_step, applications.information_system');
    for (const [role, principal, bounded] of ROLES) {
      const few = before.get(role)!;
      const many = await run(principal);
      expect(few.total, role).toBeGreaterThan(0);
      expect(many.total, role).toBeGreaterThan(few.total);
      expect(many.returned, role).toBe(Math.min(FIRST, many.total));
      expect(many.statements.length, role).toBe(few.statements.length);
      if (!bounded) continue;
      const page = many.statements.find((statement) => statement.sql.includes('AS sort_value'))!;
      const [{ 'QUERY PLAN': plan }]: Array<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }> = await subgraph.dataSource.query(
        `EXPLAIN (ANALYZE, FORMAT JSON) ${page.sql}`,
        page.parameters,
      );
      const scans = itemScans(plan[0]!.Plan);
      expect(scans.length, role).toBeGreaterThan(0);
      expect(
        scans.filter((scan) => scan.read > FIRST + 1),
        `${role}: ${JSON.stringify(scans)}`,
      ).toEqual([]);
    }
  });
});
