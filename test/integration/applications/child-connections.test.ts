import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlCounterOf } from '../../../subgraphs/kit/data-source';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import { bureau, world } from '../../setup/principals';

// Child connections page in SQL (issue 14): a child list's statement count does not depend on how
// many parents or children there are, and no list loads more rows than it returns plus one.

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('applications', { seed: true });
});

afterAll(async () => {
  await subgraph?.stop();
});

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Array<{ node: { id: string; code?: string; number?: string } }>;
}

const PAGE = '{ totalCount pageInfo { hasNextPage endCursor } edges { node { id } } }';
const FIELDS = { Provider: 'hostedSystems', Unit: 'systems', InformationSystem: 'applications', Application: 'events' } as const;
const children = (typename: Typename) => `query ($representations: [_Any!]!, $first: Int!, $after: String) {
  _entities(representations: $representations) {
    ... on ${typename} { id page: ${FIELDS[typename]}(first: $first, after: $after) ${PAGE} }
  }
}`;

type Typename = 'Provider' | 'Unit' | 'InformationSystem' | 'Application';

const parentsOf: Record<Typename, () => string[]> = {
  Provider: () => world.providers.map((provider) => provider.id),
  Unit: () => world.units.map((unit) => unit.id),
  InformationSystem: () => world.systems.map((system) => system.id),
  Application: () => world.applications.map((application) => application.id),
};

/** One request for the first `first` children of `parents`: its pages, statements and rows returned by PostgreSQL. */
async function childPages(typename: Typename, parents: string[], first: number, after: string | null = null) {
  const counter = sqlCounterOf(subgraph.dataSource);
  counter.reset();
  const result = await subgraph.query<{ _entities: Array<{ id: string; page: Page } | null> }>(bureau, children(typename), {
    representations: parents.map((id) => ({ __typename: typename, id })),
    first,
    after,
  });
  expect(result.errors).toBeUndefined();
  const pages = result.data!._entities.filter((entity) => entity != null).map((entity) => entity.page);
  return { pages, statements: counter.count, rows: counter.rows };
}

/** Adds `copies` more children under every parent: systems (for providers and units), applications (for systems), events (for applications). */
async function growChildren(copies: number): Promise<void> {
  await subgraph.asOwner(`
    INSERT INTO applications.information_system
    SELECT (jsonb_populate_record(NULL::applications.information_system,
      to_jsonb(s) || jsonb_build_object('id', gen_random_uuid(), 'code', s.code || '-G' || g, 'name', s.name || ' 副本' || g))).*
    FROM applications.information_system s, generate_series(1, ${copies}) g
    WHERE s.code NOT LIKE '%-G%'`);
  await subgraph.asOwner(`
    INSERT INTO applications.application
    SELECT (jsonb_populate_record(NULL::applications.application,
      to_jsonb(a) || jsonb_build_object('id', gen_random_uuid(), 'number', a.number || '-G' || g))).*
    FROM applications.application a, generate_series(1, ${copies}) g
    WHERE a.number NOT LIKE '%-G%'`);
  await subgraph.asOwner(`
    INSERT INTO applications.application_event
    SELECT (jsonb_populate_record(NULL::applications.application_event,
      to_jsonb(e) || jsonb_build_object('id', gen_random_uuid()))).*
    FROM applications.application_event e, generate_series(1, ${copies}) g`);
}

describe('child connections page in SQL', () => {
  const typenames: Typename[] = ['Provider', 'Unit', 'InformationSystem', 'Application'];

  it('runs the same statements for 3 parents as for all of them, before and after their children grow, and loads at most first + 1 rows per parent', async () => {
    const before = new Map<Typename, number[]>();
    for (const typename of typenames) {
      const few = await childPages(typename, parentsOf[typename]().slice(0, 3), 2);
      const all = await childPages(typename, parentsOf[typename](), 2);
      expect(all.statements, typename).toBe(few.statements);
      before.set(typename, [few.statements, all.pages.reduce((sum, page) => sum + page.totalCount, 0)]);
    }
    await growChildren(4);
    for (const typename of typenames) {
      const parents = parentsOf[typename]();
      const grown = await childPages(typename, parents, 2);
      const [statements, childrenBefore] = before.get(typename)!;
      expect(grown.statements, typename).toBe(statements);
      expect(
        grown.pages.reduce((sum, page) => sum + page.totalCount, 0),
        typename,
      ).toBe(childrenBefore! * 5);
      // Each parent's page plus one row to know of a next page, and one count row a parent with children.
      const returned = grown.pages.reduce((sum, page) => sum + page.edges.length, 0);
      const counted = grown.pages.filter((page) => page.totalCount > 0).length;
      // Providers are another subgraph's entity (a reference, no row); units, systems and applications are loaded by id.
      const parentRows = typename === 'Provider' ? 0 : parents.length;
      expect(grown.rows, typename).toBeLessThanOrEqual(returned + grown.pages.length + counted + parentRows);
    }
  });

  it('walks every child of a parent once, page by page, in key order', async () => {
    for (const typename of typenames) {
      const parent = parentsOf[typename]().find((id) => id);
      let after: string | null = null;
      const seen: string[] = [];
      let total = 0;
      for (let guard = 0; guard < 100; guard += 1) {
        const { pages } = await childPages(typename, [parent!], 20, after);
        const page = pages[0]!;
        total = page.totalCount;
        seen.push(...page.edges.map((edge) => edge.node.id));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(new Set(seen).size, typename).toBe(seen.length);
      expect(seen.length, typename).toBe(total);
    }
  });
});
