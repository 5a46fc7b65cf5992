// Child lists paged in SQL (issue 14), through the gateway on a seeded stack: each list walked page
// by page gives every child once, in the order of the whole list (and of the root list where there
// is one), with the same SQL statements in its subgraph for every page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubgraphName } from '../../subgraphs/kit/schema-files';
import { sqlCounterOf } from '../../subgraphs/kit/data-source';
import { GROUP_PAGE, groupsByCursor } from '../setup/child-pages';
import { startStack, type Stack } from '../setup/stack';

let stack: Stack;
let bureau: string;

beforeAll(async () => {
  stack = await startStack({ seed: true });
  bureau = await stack.token({ role: 'BUREAU' });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

const PAGE = 'totalCount pageInfo { hasNextPage endCursor } edges { node { id } }';

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Array<{ node: { id: string } }>;
}

/**
 * Walks one list through the gateway, `size` a page (`query` takes `$first` and `$after`): its node
 * ids and the statements `subgraph` ran for each page.
 */
async function walk<T>(
  subgraph: SubgraphName,
  query: string,
  variables: Record<string, unknown>,
  pick: (data: T) => Page,
  size: number,
  token = bureau,
) {
  const counter = sqlCounterOf(stack.dataSources[subgraph]);
  const ids: string[] = [];
  const statements: number[] = [];
  let after: string | null = null;
  for (let guard = 0; guard < 200; guard++) {
    counter.reset();
    const result = await stack.query<T>(token, query, { ...variables, first: size, after });
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    statements.push(counter.count);
    const page = pick(result.data!);
    ids.push(...page.edges.map((edge) => edge.node.id));
    if (!page.pageInfo.hasNextPage) {
      expect(ids.length).toBe(page.totalCount);
      break;
    }
    after = page.pageInfo.endCursor;
  }
  expect(new Set(ids).size, 'a node appeared on two pages').toBe(ids.length);
  return { ids, statements };
}

/** The list walked 2 a page equals the list in one page, and every page after the first costs the same statements. */
async function expectWalkMatchesWhole<T>(
  subgraph: SubgraphName,
  query: string,
  variables: Record<string, unknown>,
  pick: (data: T) => Page,
  token = bureau,
) {
  const paged = await walk(subgraph, query, variables, pick, 2, token);
  const whole = await walk(subgraph, query, variables, pick, 100, token);
  expect(paged.ids.length, 'a list of more than one page').toBeGreaterThan(2);
  expect(paged.ids).toEqual(whole.ids);
  expect(new Set(paged.statements.slice(1)).size, `statements per page ${paged.statements.join(', ')}`).toBe(1);
  return paged.ids;
}

describe('child lists through the gateway, page by page', () => {
  it('Unit.offCloudSystems (第三条, ON_CLOUD): newest first, as offCloudSystems(filter: { unitId }) lists them', async () => {
    const unitId = stack.world.units.find((unit) => unit.regionCode === '371602')!.id;
    await stack.asOwner(`
      INSERT INTO applications.off_cloud_system
      SELECT (jsonb_populate_record(NULL::applications.off_cloud_system, to_jsonb(t) || jsonb_build_object(
        'id', gen_random_uuid(), 'unit_id', '${unitId}', 'region_code', '371602')
        || CASE WHEN g > 2 THEN jsonb_build_object('registered_at', t.registered_at + interval '1 day' * g) ELSE '{}' END)).*
      FROM applications.off_cloud_system t, generate_series(1, 4) g`);
    const walked = await expectWalkMatchesWhole<{ unit: { offCloudSystems: Page } }>(
      'applications',
      `query ($id: ID!, $first: Int!, $after: String) { unit(id: $id) { offCloudSystems(first: $first, after: $after) { ${PAGE} } } }`,
      { id: unitId },
      (data) => data.unit.offCloudSystems,
    );
    const listed = await walk<{ offCloudSystems: Page }>(
      'applications',
      `query ($unitId: ID!, $first: Int!, $after: String) { offCloudSystems(first: $first, after: $after, filter: { unitId: $unitId }) { ${PAGE} } }`,
      { unitId },
      (data) => data.offCloudSystems,
      100,
    );
    expect(walked).toEqual(listed.ids);
  });

  it('Application.resourceLines (第十一条、第十五条): the lines in force by position', async () => {
    const application = stack.world.applications.find((candidate) => candidate.goLiveOn)!;
    await stack.asOwner(`
      INSERT INTO applications.application_resource_line
      SELECT (jsonb_populate_record(NULL::applications.application_resource_line, to_jsonb(t) || jsonb_build_object(
        'id', gen_random_uuid(), 'position', t.position + 100 * g))).*
      FROM applications.application_resource_line t, generate_series(1, 2) g
      WHERE t.application_id = '${application.id}'`);
    const walked = await expectWalkMatchesWhole<{ application: { resourceLines: Page } }>(
      'applications',
      `query ($id: ID!, $first: Int!, $after: String) { application(id: $id) { resourceLines(first: $first, after: $after) { ${PAGE} } } }`,
      { id: application.id },
      (data) => data.application.resourceLines,
    );
    const positions = await stack.query<{ application: { resourceLines: { edges: Array<{ node: { id: string; position: number } }> } } }>(
      bureau,
      `query ($id: ID!) { application(id: $id) { resourceLines(first: 100) { edges { node { id position } } } } }`,
      { id: application.id },
    );
    const lines = positions.data!.application.resourceLines.edges.map((edge) => edge.node);
    expect(lines.map((line) => line.id)).toEqual(walked);
    expect(lines.map((line) => line.position)).toEqual([...lines.map((line) => line.position)].sort((a, b) => a - b));
  });

  it('ChangeRequest.lines (第十五条, CHANGE_APPROVAL): by position, 10 after 9', async () => {
    const [change] = await stack.dataSources.applications.query<Array<{ id: string; applicationId: string }>>(
      `SELECT id::text AS id, application_id::text AS "applicationId" FROM applications.change_request ORDER BY id LIMIT 1`,
    );
    await stack.asOwner(`
      INSERT INTO applications.change_request_line (id, change_request_id, position, kind, catalog_entry_id, quantity, quantity_max, concluded_price_yuan)
      SELECT gen_random_uuid(), '${change!.id}', p, 'ADD', gen_random_uuid(), 1, 1, 1.00 FROM generate_series(1, 11) p`);
    const walked = await expectWalkMatchesWhole<{
      application: { changeRequests: { edges: Array<{ node: { id: string; lines: Page } }> } };
    }>(
      'applications',
      `query ($id: ID!, $first: Int!, $after: String) {
        application(id: $id) { changeRequests(first: 100) { edges { node { id lines(first: $first, after: $after) { ${PAGE} } } } } }
      }`,
      { id: change!.applicationId },
      (data) => data.application.changeRequests.edges.find((edge) => edge.node.id === change!.id)!.node.lines,
    );
    const positions = await stack.dataSources.applications.query<Array<{ id: string }>>(
      `SELECT id::text AS id FROM applications.change_request_line WHERE change_request_id = $1 ORDER BY position`,
      [change!.id],
    );
    expect(walked).toEqual(positions.map((row) => row.id));
  });

  it('Provider.basicCatalog, supplementaryCatalog(filingStatus) and BasicCatalogEntry.capHistory (第八条): by code, and oldest first', async () => {
    const provider = stack.world.providers[0]!;
    const basic = await expectWalkMatchesWhole<{ provider: { basicCatalog: Page } }>(
      'providers',
      `query ($id: ID!, $first: Int!, $after: String) { provider(id: $id) { basicCatalog(first: $first, after: $after) { ${PAGE} } } }`,
      { id: provider.id },
      (data) => data.provider.basicCatalog,
    );
    const codes = await stack.dataSources.providers.query<Array<{ id: string }>>(
      `SELECT id::text AS id FROM providers.basic_catalog_entry WHERE provider_id = $1 ORDER BY service_item_code`,
      [provider.id],
    );
    expect(basic).toEqual(codes.map((row) => row.id));

    await stack.asOwner(`
      INSERT INTO providers.supplementary_catalog_entry
      SELECT (jsonb_populate_record(NULL::providers.supplementary_catalog_entry, to_jsonb(t) || jsonb_build_object(
        'id', gen_random_uuid(), 'code', t.code || '-G' || g, 'filing_status', CASE WHEN g % 2 = 0 THEN 'FILED' ELSE 'PENDING' END,
        'promoted_to_entry_id', null, 'provider_id', '${provider.id}'))).*
      FROM providers.supplementary_catalog_entry t, generate_series(1, 6) g`);
    const filed = await expectWalkMatchesWhole<{ provider: { supplementaryCatalog: Page } }>(
      'providers',
      `query ($id: ID!, $first: Int!, $after: String) {
        provider(id: $id) { supplementaryCatalog(first: $first, after: $after, filingStatus: FILED) { ${PAGE} } }
      }`,
      { id: provider.id },
      (data) => data.provider.supplementaryCatalog,
    );
    const filedCodes = await stack.dataSources.providers.query<Array<{ id: string }>>(
      `SELECT id::text AS id FROM providers.supplementary_catalog_entry WHERE provider_id = $1 AND filing_status = 'FILED' ORDER BY code`,
      [provider.id],
    );
    expect(filed).toEqual(filedCodes.map((row) => row.id));

    const entryId = basic[0]!;
    await stack.asOwner(`
      INSERT INTO providers.price_cap_change
      SELECT (jsonb_populate_record(NULL::providers.price_cap_change, to_jsonb(t) || jsonb_build_object(
        'id', gen_random_uuid(), 'changed_at', t.changed_at - interval '1 day' * g))).*
      FROM providers.price_cap_change t, generate_series(1, 4) g WHERE t.entry_id = '${entryId}'`);
    const history = await expectWalkMatchesWhole<{ provider: { basicCatalog: { edges: Array<{ node: { capHistory: Page } }> } } }>(
      'providers',
      `query ($id: ID!, $first: Int!, $after: String) {
        provider(id: $id) { basicCatalog(first: 1) { edges { node { capHistory(first: $first, after: $after) { ${PAGE} } } } } }
      }`,
      { id: provider.id },
      (data) => data.provider.basicCatalog.edges[0]!.node.capHistory,
    );
    const oldestFirst = await stack.dataSources.providers.query<Array<{ id: string }>>(
      `SELECT id::text AS id FROM providers.price_cap_change WHERE entry_id = $1 ORDER BY changed_at`,
      [entryId],
    );
    expect(history).toEqual(oldestFirst.map((row) => row.id));
  });

  it('Provider.rectifications and disqualificationProposals (第二十六条, PROVIDER_EVALUATION): by day, then id', async () => {
    const provider = stack.world.providers[1]!;
    await stack.asOwner(`
      INSERT INTO providers.provider_rectification (id, provider_id, evaluation_id, evaluation_year, ordered_on, due_on, status, confirmed_on, confirmed_by, version)
      SELECT gen_random_uuid(), '${provider.id}', gen_random_uuid(), 2000 + n, DATE '2026-01-01' + n / 2, DATE '2026-12-01', 'CONFIRMED', DATE '2026-11-01', 'test', 1
      FROM generate_series(1, 5) n;
      INSERT INTO providers.disqualification_proposal (id, evaluation_id, provider_id, evaluation_year, total_score, proposed_on, status, version)
      SELECT gen_random_uuid(), gen_random_uuid(), '${provider.id}', 2000 + n, 55.00, DATE '2026-02-01' + n / 2, 'PENDING', 1
      FROM generate_series(1, 5) n`);
    for (const [field, table, column] of [
      ['rectifications', 'provider_rectification', 'ordered_on'],
      ['disqualificationProposals', 'disqualification_proposal', 'proposed_on'],
    ] as const) {
      const walked = await expectWalkMatchesWhole<{ provider: { page: Page } }>(
        'providers',
        `query ($id: ID!, $first: Int!, $after: String) { provider(id: $id) { page: ${field}(first: $first, after: $after) { ${PAGE} } } }`,
        { id: provider.id },
        (data) => data.provider.page,
      );
      const ordered = await stack.dataSources.providers.query<Array<{ id: string }>>(
        `SELECT id::text AS id FROM providers.${table} WHERE provider_id = $1 ORDER BY ${column}, id::text`,
        [provider.id],
      );
      expect(walked, field).toEqual(ordered.map((row) => row.id));
    }
  });

  it('Provider.agreements(regionCode) (第九条): by the day signed, of one county as the county authority sees them', async () => {
    const provider = stack.world.providers[0]!;
    await stack.asOwner(`
      INSERT INTO providers.agreement
      SELECT (jsonb_populate_record(NULL::providers.agreement, to_jsonb(t) || jsonb_build_object(
        'id', gen_random_uuid(), 'number', t.number || '-G' || g, 'status', 'EXPIRED', 'signed_on', t.signed_on - g))).*
      FROM providers.agreement t, generate_series(1, 3) g WHERE t.provider_id = '${provider.id}' AND t.region_code = '371602'`);
    const county = await stack.token({ role: 'COUNTY_AUTHORITY', region: '371602' });
    const ordered = await stack.dataSources.providers.query<Array<{ id: string }>>(
      `SELECT id::text AS id FROM providers.agreement WHERE provider_id = $1 AND region_code = '371602' ORDER BY signed_on, id::text`,
      [provider.id],
    );
    for (const token of [bureau, county]) {
      const walked = await expectWalkMatchesWhole<{ provider: { agreements: Page } }>(
        'providers',
        `query ($id: ID!, $first: Int!, $after: String) {
          provider(id: $id) { agreements(first: $first, after: $after, regionCode: "371602") { ${PAGE} } }
        }`,
        { id: provider.id },
        (data) => data.provider.agreements,
        token,
      );
      expect(walked).toEqual(ordered.map((row) => row.id));
    }
  });

  it('a settlement’s totals, lines and confirmations, and settlementTotals (第十六条, SETTLEMENT_JAN5): summed and paged in SQL', async () => {
    const [settlement] = await stack.dataSources.applications.query<Array<{ id: string }>>(
      `SELECT settlement_id::text AS id FROM applications.settlement_line GROUP BY settlement_id ORDER BY count(*) DESC LIMIT 1`,
    );
    // Copies billing other providers and units, and more parties to confirm: each list longer than a page.
    await stack.asOwner(`
      INSERT INTO applications.settlement_line
      SELECT (jsonb_populate_record(NULL::applications.settlement_line, to_jsonb(t) || jsonb_build_object(
        'id', gen_random_uuid(), 'provider_id', gen_random_uuid(), 'unit_id', gen_random_uuid(), 'unit_code', t.unit_code || '-G' || g))).*
      FROM applications.settlement_line t, generate_series(1, 2) g WHERE t.settlement_id = '${settlement!.id}';
      INSERT INTO applications.settlement_confirmation
      SELECT (jsonb_populate_record(NULL::applications.settlement_confirmation, to_jsonb(t) || jsonb_build_object(
        'id', gen_random_uuid(), 'party_key', t.party_key || '-G' || g))).*
      FROM applications.settlement_confirmation t, generate_series(1, 2) g WHERE t.settlement_id = '${settlement!.id}'`);
    const GROUPS = GROUP_PAGE;
    const byCursor = (page: Page): Page => groupsByCursor(page);
    for (const [field, selection] of [
      ['providerTotals', GROUPS],
      ['unitTotals', GROUPS],
      ['lines', PAGE],
      ['confirmations', PAGE],
    ] as const) {
      await expectWalkMatchesWhole<{ settlement: { page: Page } }>(
        'applications',
        `query ($id: ID!, $first: Int!, $after: String) { settlement(id: $id) { page: ${field}(first: $first, after: $after) { ${selection} } } }`,
        { id: settlement!.id },
        (data) => (selection === GROUPS ? byCursor(data.settlement.page) : data.settlement.page),
      );
    }
    const totals = await stack.query<{
      settlement: { totalAmount: string; providerTotals: { edges: Array<{ node: { amount: string } }> } };
    }>(bureau, `query ($id: ID!) { settlement(id: $id) { totalAmount providerTotals(first: 100) { edges { node { amount } } } } }`, {
      id: settlement!.id,
    });
    const fen = (amount: string) => Math.round(Number(amount) * 100);
    const { totalAmount, providerTotals } = totals.data!.settlement;
    expect(providerTotals.edges.reduce((sum, { node }) => sum + fen(node.amount), 0)).toBe(fen(totalAmount));
    await expectWalkMatchesWhole<{ settlementTotals: Page }>(
      'applications',
      `query ($first: Int!, $after: String) { settlementTotals(year: 2025, confirmedOnly: false, first: $first, after: $after) { ${GROUPS} } }`,
      {},
      (data) => byCursor(data.settlementTotals),
    );
  });
});
