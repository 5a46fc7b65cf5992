import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import { copyChildren } from '../../setup/child-pages';
import { measureEntityChildPages, walkEntityChildPages } from '../../setup/entity-child-pages';
import { copyAffectedIncidentsSql } from '../../setup/incident-copies';
import { bureau, world } from '../../setup/principals';

// Provider.securityIncidents and InformationSystem.securityIncidents (第十八条, INCIDENT_REPORT) page in
// SQL (issue 14), newest first through childConnectionLoader's direction DESC: the same statements
// however many parents and incidents, at most one row more than each page, in report order as before
// (ties by id, as the root list); an incident that affects several systems is on each one's list.

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('security', { seed: true });
});

afterAll(async () => {
  await subgraph?.stop();
});

const providers = (count: number) =>
  measureEntityChildPages(
    subgraph,
    bureau,
    'Provider',
    'securityIncidents',
    world.providers.slice(0, count).map((provider) => provider.id),
  );

describe('a provider’s security incidents page in SQL', () => {
  it('cost the same statements for one provider as for all, and after their incidents grow; load at most first + 1 rows a provider', async () => {
    const few = await providers(1);
    const all = await providers(world.providers.length);
    expect(all.statements).toBe(few.statements);
    expect(all.total).toBeGreaterThan(0);
    await copyChildren(subgraph, 'security.security_incident', 3);
    const grown = await providers(world.providers.length);
    expect(grown.statements).toBe(all.statements);
    expect(grown.total).toBe(all.total * 4);
    // Each page and one row more where there are more: nothing else is read.
    expect(grown.rows).toBe(grown.returned + grown.more);
  });

  it('walks every page newest first, ties by id as securityIncidents lists them', async () => {
    const [busiest]: Array<{ id: string }> = await subgraph.dataSource.query(
      `SELECT provider_id AS id FROM security.security_incident WHERE provider_id IS NOT NULL GROUP BY provider_id ORDER BY count(*) DESC LIMIT 1`,
    );
    const expected: Array<{ id: string }> = await subgraph.dataSource.query(
      `SELECT id FROM security.security_incident WHERE provider_id = $1 ORDER BY date_trunc('milliseconds', reported_at) DESC, id::text DESC`,
      [busiest!.id],
    );
    expect(expected.length).toBeGreaterThan(2);
    expect(await walkEntityChildPages(subgraph, bureau, 'Provider', 'securityIncidents', busiest!.id, 2)).toEqual(
      expected.map((row) => row.id),
    );
  });
});

const systems = (count: number) =>
  measureEntityChildPages(
    subgraph,
    bureau,
    'InformationSystem',
    'securityIncidents',
    world.systems.slice(0, count).map((system) => system.id),
  );

describe('a system’s security incidents page in SQL, through the affected systems', () => {
  it('cost the same statements for few systems as for all, and after their incidents grow; load at most first + 1 rows a system', async () => {
    const few = await systems(3);
    const all = await systems(world.systems.length);
    expect(all.statements).toBe(few.statements);
    expect(all.total).toBeGreaterThan(0);
    // Three copies of every affected system's incidents, linked to it.
    await subgraph.asOwner(copyAffectedIncidentsSql(3));
    const grown = await systems(world.systems.length);
    expect(grown.statements).toBe(all.statements);
    expect(grown.total).toBe(all.total * 4);
    expect(grown.rows).toBe(grown.returned + grown.more);
  });

  it('walks every page newest first, ties by id; an incident on two systems is on both lists', async () => {
    const [busiest]: Array<{ id: string }> = await subgraph.dataSource.query(
      `SELECT system_id AS id FROM security.incident_system GROUP BY system_id ORDER BY count(*) DESC LIMIT 1`,
    );
    const expected: Array<{ id: string }> = await subgraph.dataSource.query(
      `SELECT incident.id FROM security.security_incident incident JOIN security.incident_system link ON link.incident_id = incident.id
        WHERE link.system_id = $1 ORDER BY date_trunc('milliseconds', incident.reported_at) DESC, incident.id::text DESC`,
      [busiest!.id],
    );
    expect(expected.length).toBeGreaterThan(2);
    expect(await walkEntityChildPages(subgraph, bureau, 'InformationSystem', 'securityIncidents', busiest!.id, 2)).toEqual(
      expected.map((row) => row.id),
    );

    // One incident on a second system: both systems list it, in one request.
    const [link]: Array<{ incident_id: string; system_id: string }> = await subgraph.dataSource.query(
      `SELECT incident_id, system_id FROM security.incident_system LIMIT 1`,
    );
    const other = world.systems.find((system) => system.id !== link!.system_id)!;
    await subgraph.asOwner(
      `INSERT INTO security.incident_system (incident_id, system_id, unit_id, region_code) VALUES ('${link!.incident_id}', '${other.id}', '${other.unitId}', '${other.regionCode}')`,
    );
    const both = await measureEntityChildPages(
      subgraph,
      bureau,
      'InformationSystem',
      'securityIncidents',
      [link!.system_id, other.id],
      100,
    );
    for (const page of both.pages) expect(page.edges.map((edge) => edge.node.id)).toContain(link!.incident_id);
  });
});
