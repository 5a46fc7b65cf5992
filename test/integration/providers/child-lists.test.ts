// Child lists of the providers subgraph page in SQL (issue 14): a provider's basic and supplementary
// catalogs, an entry's cap history, its agreements, rectifications and disqualification proposals
// cost the same statements however many parents and children there are, load at most one row more
// than each page, and keep their order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHILD_PAGE,
  copyChildren,
  entityChildPages,
  expectPagedInSql,
  orderedIds,
  parentWithMostChildren,
  walkChildPages,
  type ChildPage,
} from '../../setup/child-pages';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import { BUREAU, world } from './helpers';

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('providers', { seed: true });
});

afterAll(async () => {
  await subgraph?.stop();
});

const providers = world.providers.map((provider) => provider.id);

/** `field` of the providers `ids` (2 of them, or all), `first` a page. */
const providerPages = (field: string, parents: 'few' | 'all', first = 1, argumentsText = '') =>
  entityChildPages(
    subgraph,
    BUREAU,
    { typename: 'Provider', ids: parents === 'few' ? providers.slice(0, 2) : providers },
    field,
    first,
    argumentsText,
  );

/** One provider's `field` walked 2 a page (`argumentsText` after first and after). */
const walkProvider = (field: string, id: string, argumentsText = '') =>
  walkChildPages<{ _entities: Array<{ page: ChildPage }> }>(
    subgraph,
    BUREAU,
    `query ($representations: [_Any!]!, $first: Int!, $after: String) {
      _entities(representations: $representations) {
        ... on Provider { page: ${field}(first: $first, after: $after${argumentsText ? `, ${argumentsText}` : ''}) { ${CHILD_PAGE} } }
      }
    }`,
    { representations: [{ __typename: 'Provider', id }] },
    (data) => data._entities[0]!.page,
    2,
  );

describe('the catalogs (第八条): Provider.basicCatalog, supplementaryCatalog(filingStatus), BasicCatalogEntry.capHistory', () => {
  it('basicCatalog pages by service item code in SQL: the same statements for 2 providers as for all, and after the catalogs grow', async () => {
    await expectPagedInSql({
      measure: (parents) => providerPages('basicCatalog', parents),
      grow: async () => {
        await copyChildren(subgraph, 'providers.service_item', 2, `'code', t.code || '-G' || g`, `t.code NOT LIKE '%-G%'`);
        await copyChildren(subgraph, 'providers.basic_catalog_entry', 2, `'service_item_code', t.service_item_code || '-G' || g`);
      },
      factor: 3,
      parentRows: providers.length,
    });
    const id = await parentWithMostChildren(subgraph, 'providers.basic_catalog_entry', 'provider_id');
    expect(await walkProvider('basicCatalog', id)).toEqual(
      await orderedIds(
        subgraph,
        `SELECT id::text AS id FROM providers.basic_catalog_entry WHERE provider_id = $1 ORDER BY service_item_code::text, id::text`,
        [id],
      ),
    );
  });

  it('supplementaryCatalog pages by code in SQL, all or of one filing status, in one statement for all providers', async () => {
    for (const [filter, where] of [
      ['', 'true'],
      ['filingStatus: FILED', `filing_status = 'FILED'`],
    ] as const) {
      const few = await providerPages('supplementaryCatalog', 'few', 1, filter);
      const all = await providerPages('supplementaryCatalog', 'all', 1, filter);
      expect(all.statements, filter).toBe(few.statements);
      const [{ count }] = await subgraph.dataSource.query<Array<{ count: number }>>(
        `SELECT count(*)::int AS count FROM providers.supplementary_catalog_entry WHERE ${where}`,
      );
      expect(all.total, filter).toBe(count);
    }
    await copyChildren(
      subgraph,
      'providers.supplementary_catalog_entry',
      3,
      `'code', t.code || '-G' || g, 'promoted_to_entry_id', null, 'filing_status', CASE WHEN t.filing_status = 'PROMOTED' THEN 'FILED' ELSE t.filing_status END`,
    );
    const grown = await providerPages('supplementaryCatalog', 'all', 1, 'filingStatus: FILED');
    const more = grown.pages.filter((page) => page.pageInfo?.hasNextPage).length;
    expect(more).toBeGreaterThan(0);
    expect(grown.rows).toBeLessThanOrEqual(grown.returned + more + providers.length);
    const id = await parentWithMostChildren(subgraph, 'providers.supplementary_catalog_entry', 'provider_id', `filing_status = 'FILED'`);
    expect(await walkProvider('supplementaryCatalog', id, 'filingStatus: FILED')).toEqual(
      await orderedIds(
        subgraph,
        `SELECT id::text AS id FROM providers.supplementary_catalog_entry WHERE provider_id = $1 AND filing_status = 'FILED' ORDER BY code::text, id::text`,
        [id],
      ),
    );
  });

  it('capHistory pages oldest first in SQL: the same statements for 2 entries as for all, and after the histories grow', async () => {
    const entries = await orderedIds(subgraph, `SELECT id::text AS id FROM providers.basic_catalog_entry ORDER BY id`);
    await expectPagedInSql({
      measure: (parents) =>
        entityChildPages(
          subgraph,
          BUREAU,
          { typename: 'BasicCatalogEntry', ids: parents === 'few' ? entries.slice(0, 2) : entries },
          'capHistory',
          1,
        ),
      grow: () => copyChildren(subgraph, 'providers.price_cap_change', 2, `'changed_at', t.changed_at + interval '1 hour' * g`),
      factor: 3,
      parentRows: entries.length,
    });
    const id = await parentWithMostChildren(subgraph, 'providers.price_cap_change', 'entry_id');
    const walked = await walkChildPages<{ _entities: Array<{ page: ChildPage }> }>(
      subgraph,
      BUREAU,
      `query ($representations: [_Any!]!, $first: Int!, $after: String) {
        _entities(representations: $representations) { ... on BasicCatalogEntry { page: capHistory(first: $first, after: $after) { ${CHILD_PAGE} } } }
      }`,
      { representations: [{ __typename: 'BasicCatalogEntry', id }] },
      (data) => data._entities[0]!.page,
      2,
    );
    expect(walked).toEqual(
      await orderedIds(
        subgraph,
        `SELECT id::text AS id FROM providers.price_cap_change WHERE entry_id = $1 ORDER BY changed_at, id::text`,
        [id],
      ),
    );
  });
});

describe('PROVIDER_EVALUATION’s consequences (第二十六条): Provider.rectifications and disqualificationProposals', () => {
  /** Rows `from`..`to` of each provider, three to a day (ties broken by id): confirmed rectifications, or pending proposals. */
  const ROWS = {
    rectifications: (from: number, to: number) => `
      INSERT INTO providers.provider_rectification (id, provider_id, evaluation_id, evaluation_year, ordered_on, due_on, status, confirmed_on, confirmed_by, version)
      SELECT gen_random_uuid(), p.id, gen_random_uuid(), 2000 + n, DATE '2026-01-01' + n / 3, DATE '2026-12-01', 'CONFIRMED', DATE '2026-11-01', 'test', 1
      FROM providers.provider p, generate_series(${from}, ${to}) n`,
    disqualificationProposals: (from: number, to: number) => `
      INSERT INTO providers.disqualification_proposal (id, evaluation_id, provider_id, evaluation_year, total_score, proposed_on, status, version)
      SELECT gen_random_uuid(), gen_random_uuid(), p.id, 2000 + n, 55.00, DATE '2026-02-01' + n / 3, 'PENDING', 1
      FROM providers.provider p, generate_series(${from}, ${to}) n`,
  };
  const ORDER = {
    rectifications: ['provider_rectification', 'ordered_on'],
    disqualificationProposals: ['disqualification_proposal', 'proposed_on'],
  } as const;

  for (const field of ['rectifications', 'disqualificationProposals'] as const) {
    it(`${field} pages by its day in SQL: the same statements for 2 providers as for all, and after they grow; walked by day, then id`, async () => {
      await subgraph.asOwner(ROWS[field](1, 3));
      await expectPagedInSql({
        measure: (parents) => providerPages(field, parents),
        grow: () => subgraph.asOwner(ROWS[field](4, 9)),
        factor: 3,
        parentRows: providers.length,
      });
      const [table, column] = ORDER[field];
      expect(await walkProvider(field, providers[0]!)).toEqual(
        await orderedIds(subgraph, `SELECT id::text AS id FROM providers.${table} WHERE provider_id = $1 ORDER BY ${column}, id::text`, [
          providers[0]!,
        ]),
      );
    });
  }
});

describe('Provider.agreements(regionCode) (第九条, TERM_MAX_3Y, COUNTY_MATCHES_CITY): by the day signed', () => {
  it('pages in SQL, all or of one region: the same statements for 2 providers as for all, and after the agreements grow', async () => {
    for (const filter of ['', 'regionCode: "371602"']) {
      const few = await providerPages('agreements', 'few', 1, filter);
      const all = await providerPages('agreements', 'all', 1, filter);
      expect(all.statements, filter).toBe(few.statements);
      expect(all.total, filter).toBeGreaterThan(0);
    }
    await expectPagedInSql({
      measure: (parents) => providerPages('agreements', parents, 1, 'regionCode: "371602"'),
      // Copies signed the same day (ties, by id), expired so that each county keeps one agreement in force.
      grow: () => copyChildren(subgraph, 'providers.agreement', 2, `'number', t.number || '-G' || g, 'status', 'EXPIRED'`),
      factor: 3,
      parentRows: providers.length,
    });
    const id = await parentWithMostChildren(subgraph, 'providers.agreement', 'provider_id', `region_code = '371602'`);
    expect(await walkProvider('agreements', id, 'regionCode: "371602"')).toEqual(
      await orderedIds(
        subgraph,
        `SELECT id::text AS id FROM providers.agreement WHERE provider_id = $1 AND region_code = '371602' ORDER BY signed_on, id::text`,
        [id],
      ),
    );
    expect(await walkProvider('agreements', id)).toEqual(
      await orderedIds(subgraph, `SELECT id::text AS id FROM providers.agreement WHERE provider_id = $1 ORDER BY signed_on, id::text`, [
        id,
      ]),
    );
  });
});
