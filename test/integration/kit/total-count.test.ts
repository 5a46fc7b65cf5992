// A root list's totalCount is sent beside its page when the query selects it, directly or through a
// fragment (kit/total-count.ts), so the list waits for one round trip to PostgreSQL, not two; a
// query without totalCount sends no count at all. The count is the list's length either way.
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bureau } from '../../setup/principals';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';

let subgraph: SubgraphForTest;
/** When each statement was sent to PostgreSQL and answered, in order: `count sent`, `page answered`… */
const events: string[] = [];

beforeAll(async () => {
  subgraph = await startSubgraphForTest('applications', { seed: true });
  const pool = (subgraph.dataSource.driver as unknown as { master: pg.Pool }).master;
  const watched = new WeakSet<object>();
  pool.on('acquire', (client) => {
    if (watched.has(client)) return;
    watched.add(client);
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as { query: unknown }).query = (...args: unknown[]) => {
      const sql = typeof args[0] === 'string' ? args[0] : '';
      const label = /COUNT\(/.test(sql) ? 'count' : /\bLIMIT \d+/.test(sql) ? 'page' : 'other';
      events.push(`${label} sent`);
      const result = query(...args);
      if (result instanceof Promise)
        result.then(
          () => events.push(`${label} answered`),
          () => undefined,
        );
      return result;
    };
  });
});

afterAll(async () => {
  await subgraph?.stop();
});

interface Listed {
  applications: { totalCount?: number; edges: Array<{ node: { id: string } }> };
}

async function list(query: string): Promise<Listed['applications']> {
  events.length = 0;
  const result = await subgraph.query<Listed>(bureau, query);
  expect(result.errors).toBeUndefined();
  return result.data!.applications;
}

describe('a root list’s totalCount', () => {
  it('is sent with the page, before the page is answered, when the query selects it', async () => {
    const page = await list('{ applications(first: 3) { totalCount edges { node { id } } } }');
    expect(page.edges).toHaveLength(3);
    expect(events).toContain('count sent');
    expect(events.indexOf('count sent')).toBeLessThan(events.indexOf('page answered'));
    const all = await list('{ applications(first: 100) { edges { node { id } } } }');
    expect(all.edges.length).toBeLessThan(100);
    expect(page.totalCount).toBe(all.edges.length);
  });

  it('is sent with the page when selected through a fragment', async () => {
    const page = await list(`{ applications(first: 3) { ...counted } }
      fragment counted on ApplicationConnection { totalCount edges { node { id } } }`);
    expect(page.totalCount).toBeGreaterThan(3);
    expect(events.indexOf('count sent')).toBeLessThan(events.indexOf('page answered'));
  });

  it('is not counted at all when the query does not select it', async () => {
    await list('{ applications(first: 3) { edges { node { id } } } }');
    expect(events).toContain('page answered');
    expect(events).not.toContain('count sent');
  });
});
