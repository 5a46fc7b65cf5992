import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import { copyChildren, measureChildPages, walkChildPages, type ChildPage } from '../../setup/child-pages';
import { measureEntityChildPages, walkEntityChildPages } from '../../setup/entity-child-pages';
import { bureau, world } from '../../setup/principals';

// Provider.disasterRecoveryDrills, securityBulletins and unacknowledgedSecurityBulletins,
// ProviderSecurityProfile.changes and SecurityBulletin.acknowledgements (第二十条) page in SQL (issue
// 14): the same statements however many parents and children, at most one row more than each page,
// in the order they had; a bulletin to all is on every provider's list; the last drill is one
// grouped statement.

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('security', { seed: true });
});

afterAll(async () => {
  await subgraph?.stop();
});

const ids = async (sql: string, parameters: unknown[] = []): Promise<string[]> =>
  ((await subgraph.dataSource.query(sql, parameters)) as Array<{ id: string }>).map((row) => row.id);
const providerIds = (count: number) => world.providers.slice(0, count).map((provider) => provider.id);

const PROFILE_CHANGES = `query ($representations: [_Any!]!, $first: Int, $after: String) {
  _entities(representations: $representations) {
    ... on Provider { securityProfile { changes(first: $first, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } } }
  }
}`;
type ProfileChanges = { _entities: Array<{ securityProfile: { changes: ChildPage } | null } | null> };
const changesOf = (data: ProfileChanges) =>
  data._entities.flatMap((entity) => (entity?.securityProfile ? [entity.securityProfile.changes] : []));

const drills = (count: number) => measureEntityChildPages(subgraph, bureau, 'Provider', 'disasterRecoveryDrills', providerIds(count));
const changes = (count: number) =>
  measureChildPages<ProfileChanges>(
    subgraph,
    bureau,
    PROFILE_CHANGES,
    { representations: providerIds(count).map((id) => ({ __typename: 'Provider', id })), first: 1 },
    changesOf,
  );
const acknowledgements = async (count: number) =>
  measureEntityChildPages(
    subgraph,
    bureau,
    'SecurityBulletin',
    'acknowledgements',
    (await ids(`SELECT id FROM security.security_bulletin ORDER BY id`)).slice(0, count),
  );

describe('provider platform security child lists page in SQL', () => {
  it('cost the same statements for few parents as for all, and after their children grow; load at most first + 1 rows a parent', async () => {
    const before = {
      drills: await drills(world.providers.length),
      changes: await changes(world.providers.length),
      acks: await acknowledgements(1000),
    };
    expect((await drills(1)).statements).toBe(before.drills.statements);
    expect((await changes(1)).statements).toBe(before.changes.statements);
    expect((await acknowledgements(1)).statements).toBe(before.acks.statements);
    for (const measured of Object.values(before)) expect(measured.total).toBeGreaterThan(0);

    await copyChildren(subgraph, 'security.disaster_recovery_drill', 3);
    await copyChildren(subgraph, 'security.platform_security_change', 3, `'version', t.version + 100 * g`);
    await copyChildren(subgraph, 'security.security_bulletin_acknowledgement', 3, `'provider_id', gen_random_uuid()`);
    const grown = {
      drills: await drills(world.providers.length),
      changes: await changes(world.providers.length),
      acks: await acknowledgements(1000),
    };
    for (const key of ['drills', 'changes', 'acks'] as const) {
      expect(grown[key].statements, key).toBe(before[key].statements);
      expect(grown[key].total, key).toBe(before[key].total * 4);
    }
    // Each page and one row more where there are more; the profiles and bulletins are read themselves.
    expect(grown.drills.rows).toBe(grown.drills.returned + grown.drills.more);
    const profiles = grown.changes.pages.length;
    const more = grown.changes.pages.filter((page) => page.pageInfo?.hasNextPage).length;
    expect(grown.changes.rows).toBe(profiles + grown.changes.returned + more);
    expect(grown.acks.rows).toBe(grown.acks.parents + grown.acks.returned + grown.acks.more);
  });

  it('walk every page in the order they had: drills by day, changes by version, acknowledgements by time (ties by id)', async () => {
    const [provider] = await ids(
      `SELECT provider_id AS id FROM security.disaster_recovery_drill GROUP BY provider_id ORDER BY count(*) DESC LIMIT 1`,
    );
    const drillOrder = await ids(`SELECT id FROM security.disaster_recovery_drill WHERE provider_id = $1 ORDER BY drilled_on, id::text`, [
      provider,
    ]);
    expect(drillOrder.length).toBeGreaterThan(2);
    expect(await walkEntityChildPages(subgraph, bureau, 'Provider', 'disasterRecoveryDrills', provider!, 2)).toEqual(drillOrder);

    const [changed] = await ids(
      `SELECT provider_id AS id FROM security.platform_security_change GROUP BY provider_id ORDER BY count(*) DESC LIMIT 1`,
    );
    const changeOrder = await ids(`SELECT id FROM security.platform_security_change WHERE provider_id = $1 ORDER BY version, id::text`, [
      changed,
    ]);
    expect(changeOrder.length).toBeGreaterThan(2);
    const walked = await walkChildPages<ProfileChanges>(
      subgraph,
      bureau,
      PROFILE_CHANGES,
      { representations: [{ __typename: 'Provider', id: changed }] },
      (data) => changesOf(data)[0]!,
      2,
    );
    expect(walked).toEqual(changeOrder);

    const [bulletin] = await ids(
      `SELECT bulletin_id AS id FROM security.security_bulletin_acknowledgement GROUP BY bulletin_id ORDER BY count(*) DESC LIMIT 1`,
    );
    const ackOrder = await ids(
      `SELECT id FROM security.security_bulletin_acknowledgement WHERE bulletin_id = $1 ORDER BY date_trunc('milliseconds', acknowledged_at), id::text`,
      [bulletin],
    );
    expect(ackOrder.length).toBeGreaterThan(2);
    expect(await walkEntityChildPages(subgraph, bureau, 'SecurityBulletin', 'acknowledgements', bulletin!, 2)).toEqual(ackOrder);
  });

  it('lastDisasterRecoveryDrillOn is each provider’s latest drill', async () => {
    const result = await subgraph.query<{ _entities: Array<{ id: string; lastDisasterRecoveryDrillOn: string | null }> }>(
      bureau,
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Provider { id lastDisasterRecoveryDrillOn } } }`,
      { representations: providerIds(world.providers.length).map((id) => ({ __typename: 'Provider', id })) },
    );
    expect(result.errors).toBeUndefined();
    const rows: Array<{ provider_id: string; last: string }> = await subgraph.dataSource.query(
      `SELECT provider_id, max(drilled_on)::text AS last FROM security.disaster_recovery_drill GROUP BY provider_id`,
    );
    const last = new Map(rows.map((row) => [row.provider_id, row.last]));
    expect(last.size).toBeGreaterThan(0);
    for (const entity of result.data!._entities) expect(entity.lastDisasterRecoveryDrillOn).toBe(last.get(entity.id) ?? null);
  });
});

const bulletins = (field: string) => measureEntityChildPages(subgraph, bureau, 'Provider', field, providerIds(world.providers.length));

describe('a provider’s security bulletins page in SQL', () => {
  it('cost the same statements for all providers after the bulletins grow; load at most first + 1 rows a provider', async () => {
    const before = { all: await bulletins('securityBulletins'), open: await bulletins('unacknowledgedSecurityBulletins') };
    expect(before.all.total).toBeGreaterThan(0);
    expect(before.open.total).toBeGreaterThan(0);
    await copyChildren(subgraph, 'security.security_bulletin', 3, `'number', t.number || '-' || g`);
    const grown = { all: await bulletins('securityBulletins'), open: await bulletins('unacknowledgedSecurityBulletins') };
    for (const key of ['all', 'open'] as const) {
      expect(grown[key].statements, key).toBe(before[key].statements);
      expect(grown[key].total, key).toBeGreaterThan(before[key].total);
      expect(grown[key].rows, key).toBe(grown[key].returned + grown[key].more);
    }
  });

  it('lists each provider’s bulletins, to it or to all, by number; unacknowledged ones without its acknowledgements', async () => {
    const [provider] = await ids(`SELECT provider_id AS id FROM security.provider_security_profile ORDER BY provider_id LIMIT 1`);
    const addressed = `(bulletin.provider_id IS NULL OR bulletin.provider_id = $1)`;
    const all = await ids(`SELECT id FROM security.security_bulletin bulletin WHERE ${addressed} ORDER BY number COLLATE "C", id::text`, [
      provider,
    ]);
    const open = await ids(
      `SELECT id FROM security.security_bulletin bulletin WHERE ${addressed}
         AND NOT EXISTS (SELECT 1 FROM security.security_bulletin_acknowledgement ack WHERE ack.bulletin_id = bulletin.id AND ack.provider_id = $1)
       ORDER BY number COLLATE "C", id::text`,
      [provider],
    );
    expect(all.length).toBeGreaterThan(2);
    expect(await walkEntityChildPages(subgraph, bureau, 'Provider', 'securityBulletins', provider!, 2)).toEqual(all);
    expect(await walkEntityChildPages(subgraph, bureau, 'Provider', 'unacknowledgedSecurityBulletins', provider!, 2)).toEqual(open);
    // A bulletin to all is on every provider's first page of a hundred.
    const [toAll] = await ids(`SELECT id FROM security.security_bulletin WHERE provider_id IS NULL LIMIT 1`);
    const everyone = await measureEntityChildPages(
      subgraph,
      bureau,
      'Provider',
      'securityBulletins',
      providerIds(world.providers.length),
      100,
    );
    const profiles = await ids(`SELECT provider_id AS id FROM security.provider_security_profile`);
    expect(everyone.pages.filter((page) => page.edges.some((edge) => edge.node.id === toAll)).length).toBe(profiles.length);
  });
});
