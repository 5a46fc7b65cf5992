// EXIT_TRANSITION_3M (第九条) in the applications subgraph: the effect of a provider's exit opens one
// migration per hosted system, once however often it is delivered; each role sees the migrations of
// its scope; reading them costs the same few statements for one exit or several.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlCounterOf } from '../../../subgraphs/kit/data-source';
import { OPEN_EXIT_MIGRATIONS_TASK, type OpenExitMigrationsPayload } from '../../../subgraphs/contracts/exit-migrations';
import { JOBS_SCHEMA } from '../../../subgraphs/kit/jobs';
import { Role } from '../../../subgraphs/kit/principal';
import { bureau, countyAuthority, providerByCode, providerPrincipal, userUnit, world } from '../../setup/principals';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import { jobsOf, refusalsOf, waitFor } from '../effects/helpers';

let subgraph: SubgraphForTest;
const UNICOM = providerByCode('P-UNICOM');
const CTYUN = providerByCode('P-CTYUN');
const INSPUR = providerByCode('P-INSPUR');
const unicomExit = randomUUID();
const ctyunExit = randomUUID();

beforeAll(async () => {
  subgraph = await startSubgraphForTest('applications', { seed: true, alongside: ['providers'], effectWorkers: true });
});

afterAll(async () => {
  await subgraph?.stop();
});

/** Delivers the effect as the providers subgraph's transaction would enqueue it; `key` tells deliveries apart. */
async function deliver(payload: Partial<OpenExitMigrationsPayload>, key: string): Promise<void> {
  await subgraph.dataSource.query(`SELECT ${JOBS_SCHEMA}.add_job($1::text, $2::json, job_key => $3::text)`, [
    OPEN_EXIT_MIGRATIONS_TASK,
    JSON.stringify(payload),
    key,
  ]);
}

async function queueDrained(): Promise<boolean> {
  return (await jobsOf(subgraph.dataSource, OPEN_EXIT_MIGRATIONS_TASK)).length === 0;
}

async function hostedBy(providerId: string): Promise<number> {
  const [{ count }] = await subgraph.dataSource.query(
    `SELECT COUNT(*)::int AS count FROM "applications"."information_system"
      WHERE provider_id = $1 AND deployment_mode <> 'EXEMPT' AND retired_on IS NULL`,
    [providerId],
  );
  return count;
}

const PROGRESS = `query($id: ID!) { exitMigrationProgress(exitId: $id) { opened total pending } }`;
const LIST = `query($exitId: ID) { systemMigrations(exitId: $exitId, first: 100) { totalCount edges { node { id region { code } system { id owner { id } } } } } }`;

interface ListAnswer {
  systemMigrations: {
    totalCount: number;
    edges: Array<{ node: { id: string; region: { code: string }; system: { id: string; owner: { id: string } } | null } }>;
  };
}

describe('EXIT_TRANSITION_3M: opening the migrations of an exit', () => {
  it('before the effect arrives the exit is not opened, so it cannot pass as "nothing pending"', async () => {
    const result = await subgraph.query(bureau, PROGRESS, { id: unicomExit });
    expect(result.data).toEqual({ exitMigrationProgress: { opened: false, total: 0, pending: 0 } });
  });

  it('delivered twice, it opens one migration per hosted system, due at the end of the transition', async () => {
    const payload = { exitId: unicomExit, providerId: UNICOM.id, transitionEndsOn: '2027-02-26' };
    await deliver(payload, 'first');
    await deliver(payload, 'again');
    await waitFor('both deliveries to be handled', queueDrained);
    const hosted = await hostedBy(UNICOM.id);
    expect(hosted).toBeGreaterThan(0);
    const result = await subgraph.query(bureau, PROGRESS, { id: unicomExit });
    expect(result.data).toEqual({ exitMigrationProgress: { opened: true, total: hosted, pending: hosted } });
    const rows = await subgraph.dataSource.query(
      `SELECT DISTINCT due_on::text AS due, status, provider_id FROM "applications"."system_migration" WHERE exit_id = $1`,
      [unicomExit],
    );
    expect(rows).toEqual([{ due: '2027-02-26', status: 'PENDING', provider_id: UNICOM.id }]);
  });

  it('an exit from one county (its agreement expired, the city’s goes on) opens migrations for that county’s systems only', async () => {
    const [{ region_code: county }] = await subgraph.dataSource.query(
      `SELECT region_code FROM "applications"."information_system"
        WHERE provider_id = $1 AND region_code <> '371600' AND deployment_mode <> 'EXEMPT' AND retired_on IS NULL
        GROUP BY region_code ORDER BY count(*) DESC LIMIT 1`,
      [INSPUR.id],
    );
    const [{ count: inCounty }] = await subgraph.dataSource.query(
      `SELECT COUNT(*)::int AS count FROM "applications"."information_system"
        WHERE provider_id = $1 AND region_code = $2 AND deployment_mode <> 'EXEMPT' AND retired_on IS NULL`,
      [INSPUR.id, county],
    );
    expect(inCounty).toBeLessThan(await hostedBy(INSPUR.id));
    const exitId = randomUUID();
    await deliver({ exitId, providerId: INSPUR.id, transitionEndsOn: '2027-10-01', regionCode: county }, 'county');
    await waitFor('the county exit to be handled', queueDrained);
    const result = await subgraph.query(bureau, PROGRESS, { id: exitId });
    expect(result.data).toEqual({ exitMigrationProgress: { opened: true, total: inCounty, pending: inCounty } });
    const regions = await subgraph.dataSource.query(
      `SELECT DISTINCT region_code FROM "applications"."system_migration" WHERE exit_id = $1`,
      [exitId],
    );
    expect(regions).toEqual([{ region_code: county }]);
  });

  it('a city-wide exit while a county exit of the same provider is open: one open migration per system', async () => {
    const exitId = randomUUID();
    await deliver({ exitId, providerId: INSPUR.id, transitionEndsOn: '2027-12-01' }, 'city after county');
    await waitFor('the city-wide exit to be handled', queueDrained);
    const hosted = await hostedBy(INSPUR.id);
    const [open] = await subgraph.dataSource.query(
      `SELECT COUNT(*)::int AS migrations, COUNT(DISTINCT system_id)::int AS systems
         FROM "applications"."system_migration" WHERE provider_id = $1 AND status = 'PENDING'`,
      [INSPUR.id],
    );
    expect(open).toEqual({ migrations: hosted, systems: hosted });
    // The county's systems stay on the county exit's migration; the city-wide exit opens the others'.
    const [{ count: county }] = await subgraph.dataSource.query(
      `SELECT COUNT(*)::int AS count FROM "applications"."system_migration" WHERE provider_id = $1 AND exit_id <> $2`,
      [INSPUR.id, exitId],
    );
    const result = await subgraph.query(bureau, PROGRESS, { id: exitId });
    expect(county).toBeGreaterThan(0);
    expect(result.data).toEqual({ exitMigrationProgress: { opened: true, total: hosted - county, pending: hosted - county } });
    // A direct second row for one of those systems is refused by the database too.
    await expect(
      subgraph.dataSource.query(
        `INSERT INTO "applications"."system_migration" ("id", "exit_id", "system_id", "unit_id", "region_code", "provider_id", "due_on", "status", "created_at")
         SELECT gen_random_uuid(), gen_random_uuid(), system_id, unit_id, region_code, provider_id, due_on, 'PENDING', now()
           FROM "applications"."system_migration" WHERE provider_id = $1 AND status = 'PENDING' LIMIT 1`,
        [INSPUR.id],
      ),
    ).rejects.toThrow(/system_migration_open_system_key/);
  });

  it('a malformed effect is refused for good and opens nothing', async () => {
    const exitId = randomUUID();
    await deliver({ exitId, providerId: 'not-a-uuid', transitionEndsOn: '2027-02-26' }, 'malformed');
    await waitFor('the malformed delivery to be refused', queueDrained);
    const refusals = await refusalsOf(subgraph.dataSource, OPEN_EXIT_MIGRATIONS_TASK);
    expect(refusals.map((refusal) => refusal.code)).toEqual(['BAD_USER_INPUT']);
    const [{ count }] = await subgraph.dataSource.query(
      `SELECT COUNT(*)::int AS count FROM "applications"."exit_notice" WHERE exit_id = $1`,
      [exitId],
    );
    expect(count).toBe(0);
  });
});

describe('EXIT_TRANSITION_3M: who sees which migrations', () => {
  it('a county its own, a unit its own systems, the exiting provider all of them, another provider none', async () => {
    const all = await subgraph.query<ListAnswer>(bureau, LIST, { exitId: unicomExit });
    const nodes = all.data!.systemMigrations.edges.map((edge) => edge.node);
    const counties = new Set(nodes.map((node) => node.region.code));
    expect(counties.size).toBeGreaterThan(1);

    const county = [...counties].find((code) => code !== '371600')!;
    const inCounty = await subgraph.query<ListAnswer>(countyAuthority(county), LIST, { exitId: unicomExit });
    expect(inCounty.data!.systemMigrations.totalCount).toBe(nodes.filter((node) => node.region.code === county).length);
    expect(inCounty.data!.systemMigrations.edges.every((edge) => edge.node.region.code === county)).toBe(true);

    const owner = world.units.find((unit) => unit.id === nodes[0]!.system!.owner.id)!;
    const own = await subgraph.query<ListAnswer>(userUnit(owner), LIST, { exitId: unicomExit });
    expect(own.data!.systemMigrations.totalCount).toBe(nodes.filter((node) => node.system!.owner.id === owner.id).length);

    const exiting = await subgraph.query<ListAnswer>(providerPrincipal(UNICOM), LIST, { exitId: unicomExit });
    expect(exiting.data!.systemMigrations.totalCount).toBe(nodes.length);
    expect(exiting.data!.systemMigrations.edges.every((edge) => edge.node.system !== null)).toBe(true);
    const other = await subgraph.query<ListAnswer>(providerPrincipal(INSPUR), LIST, { exitId: unicomExit });
    expect(other.data!.systemMigrations.totalCount).toBe(0);
  });
});

describe('EXIT_TRANSITION_3M: reading migrations is batched', () => {
  const ENTITIES = `query($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on ProviderExit { id migrationProgress { opened total pending } systemMigrations(first: 100) { totalCount edges { node { id system { id owner { id } } } } } }
    }
  }`;

  async function statementsFor(exitIds: string[]): Promise<number> {
    const counter = sqlCounterOf(subgraph.dataSource);
    counter.reset();
    const result = await subgraph.query(bureau, ENTITIES, { representations: exitIds.map((id) => ({ __typename: 'ProviderExit', id })) });
    expect(result.errors).toBeUndefined();
    return counter.count;
  }

  it('one exit or two with all their systems and owners: the same statements', async () => {
    await deliver({ exitId: ctyunExit, providerId: CTYUN.id, transitionEndsOn: '2027-03-01' }, 'ctyun');
    await waitFor('the CTYUN exit to open', queueDrained);
    const one = await statementsFor([unicomExit]);
    const two = await statementsFor([unicomExit, ctyunExit]);
    expect(two).toBe(one);
    expect(one).toBeLessThanOrEqual(5);
  });
});

describe('EXIT_TRANSITION_3M: migrations on the to-do lists', () => {
  const TODO = `query($kind: TodoKind) { todoItems(kind: $kind, first: 100) { totalCount edges { node { kind dueOn overdue rule article application { id } system { id } systemMigration { id status } } } } }`;
  interface TodoAnswer {
    todoItems: {
      totalCount: number;
      edges: Array<{
        node: { kind: string; rule: string; article: string; application: null; system: { id: string }; systemMigration: { id: string } };
      }>;
    };
  }

  it('the unit sees a MIGRATE_SYSTEM item for each of its systems to move; the centre sees them all; the exiting provider none yet', async () => {
    const pending = await subgraph.query<ListAnswer>(bureau, LIST, { exitId: unicomExit });
    const nodes = pending.data!.systemMigrations.edges.map((edge) => edge.node);
    const owner = world.units.find((unit) => unit.id === nodes[0]!.system!.owner.id)!;
    // Its systems' migrations of every exit opened above (UNICOM's and CTYUN's).
    const own: Array<{ id: string }> = await subgraph.dataSource.query(
      `SELECT id FROM "applications"."system_migration" WHERE unit_id = $1 AND status = 'PENDING'`,
      [owner.id],
    );

    const unitList = await subgraph.query<TodoAnswer>(userUnit(owner), TODO, { kind: 'MIGRATE_SYSTEM' });
    expect(unitList.errors).toBeUndefined();
    const items = unitList.data!.todoItems.edges.map((edge) => edge.node);
    expect(items.map((item) => item.systemMigration.id).sort()).toEqual(own.map((node) => node.id).sort());
    expect(items.every((item) => item.rule === 'EXIT_TRANSITION_3M' && item.article === '第九条' && item.application === null)).toBe(true);

    const center = { subject: 'test-center', role: Role.CENTER };
    const centerList = await subgraph.query<TodoAnswer>(center, TODO, { kind: 'MIGRATE_SYSTEM' });
    const [{ count }] = await subgraph.dataSource.query(
      `SELECT COUNT(*)::int AS count FROM "applications"."system_migration" WHERE status = 'PENDING'`,
    );
    expect(centerList.data!.todoItems.totalCount).toBe(count);

    const providerList = await subgraph.query<TodoAnswer>(providerPrincipal(UNICOM), TODO, { kind: 'CLEAR_MIGRATED_DATA' });
    expect(providerList.data!.todoItems.totalCount).toBe(0);
  });
});
