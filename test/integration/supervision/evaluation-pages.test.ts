import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import { copyChildren } from '../../setup/child-pages';
import { measureEntityChildPages, walkEntityChildPages } from '../../setup/entity-child-pages';
import { bureau, world } from '../../setup/principals';

// Provider.evaluations and ProviderEvaluation.inputs (第二十六条, PROVIDER_EVALUATION) page in SQL
// (issue 14): the same statements however many parents and children, at most one row more than each
// parent's page, in year (and submission) order as before; latestEvaluation is one grouped statement.

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('supervision', { seed: true });
  // The demo's evaluations are finalized without their inputs: each gets units' ratings, a
  // millisecond apart and two at the same instant (ties go by id).
  await subgraph.asOwner(`
    ALTER TABLE supervision.provider_evaluation_input DISABLE TRIGGER USER;
    INSERT INTO supervision.provider_evaluation_input
      (id, evaluation_id, provider_id, kind, unit_id, service_quality_score, submitted_by, submitted_at)
    SELECT gen_random_uuid(), evaluation.id, evaluation.provider_id, 'SERVICE_QUALITY', gen_random_uuid(), 80, 'test',
           TIMESTAMPTZ '2026-01-10 09:00:00+08' + least(n, 3) * INTERVAL '1 millisecond'
      FROM supervision.provider_evaluation evaluation, generate_series(1, 4) n;
    ALTER TABLE supervision.provider_evaluation_input ENABLE TRIGGER USER`);
});

afterAll(async () => {
  await subgraph?.stop();
});

const ids = async (sql: string): Promise<string[]> =>
  ((await subgraph.dataSource.query(sql)) as Array<{ id: string }>).map((row) => row.id);
const evaluationIds = () => ids(`SELECT id FROM supervision.provider_evaluation ORDER BY id`);
const providers = (count: number) =>
  measureEntityChildPages(
    subgraph,
    bureau,
    'Provider',
    'evaluations',
    world.providers.slice(0, count).map((provider) => provider.id),
  );
const evaluations = async (count: number) =>
  measureEntityChildPages(subgraph, bureau, 'ProviderEvaluation', 'inputs', (await evaluationIds()).slice(0, count));

describe('provider evaluations page in SQL', () => {
  it('cost the same statements for few parents as for all, and after their children grow; load at most first + 1 rows a parent', async () => {
    const fewProviders = await providers(1);
    const allProviders = await providers(world.providers.length);
    const fewEvaluations = await evaluations(1);
    const allEvaluations = await evaluations(1000);
    expect(allProviders.statements).toBe(fewProviders.statements);
    expect(allEvaluations.statements).toBe(fewEvaluations.statements);
    expect(allProviders.total).toBeGreaterThan(0);
    expect(allEvaluations.total).toBeGreaterThan(0);

    await subgraph.asOwner(`ALTER TABLE supervision.provider_evaluation_input DISABLE TRIGGER USER`);
    await copyChildren(subgraph, 'supervision.provider_evaluation_input', 3, `'unit_id', gen_random_uuid()`);
    await subgraph.asOwner(`ALTER TABLE supervision.provider_evaluation_input ENABLE TRIGGER USER`);
    await copyChildren(subgraph, 'supervision.provider_evaluation', 3, `'year', t.year + 10 * g`);
    const grownProviders = await providers(world.providers.length);
    const grownEvaluations = await evaluations(1000);
    expect(grownProviders.statements).toBe(allProviders.statements);
    expect(grownEvaluations.statements).toBe(allEvaluations.statements);
    expect(grownProviders.total).toBe(allProviders.total * 4);
    expect(grownEvaluations.total).toBe(allEvaluations.total * 4);
    // Each page and one row more where there are more: nothing else is read.
    expect(grownProviders.rows).toBe(grownProviders.returned + grownProviders.more);
    // The evaluations themselves are read too (ProviderEvaluation's __resolveReference).
    expect(grownEvaluations.rows).toBe(grownEvaluations.parents + grownEvaluations.returned + grownEvaluations.more);
  });

  it('walk every page in year order, and inputs in submission order (ties by id), as before', async () => {
    const [provider] = await ids(
      `SELECT provider_id AS id FROM supervision.provider_evaluation GROUP BY provider_id ORDER BY count(*) DESC LIMIT 1`,
    );
    const years = await ids(`SELECT id FROM supervision.provider_evaluation WHERE provider_id = '${provider}' ORDER BY year, id::text`);
    expect(years.length).toBeGreaterThan(2);
    expect(await walkEntityChildPages(subgraph, bureau, 'Provider', 'evaluations', provider!, 2)).toEqual(years);

    const [evaluation] = await ids(
      `SELECT evaluation_id AS id FROM supervision.provider_evaluation_input GROUP BY evaluation_id ORDER BY count(*) DESC LIMIT 1`,
    );
    const inputs = await ids(
      `SELECT id FROM supervision.provider_evaluation_input WHERE evaluation_id = '${evaluation}' ORDER BY date_trunc('milliseconds', submitted_at), id::text`,
    );
    expect(inputs.length).toBeGreaterThan(2);
    expect(await walkEntityChildPages(subgraph, bureau, 'ProviderEvaluation', 'inputs', evaluation!, 2)).toEqual(inputs);
  });

  it('latestEvaluation is the latest finalized evaluation of each provider', async () => {
    type Latest = { _entities: Array<{ id: string; latestEvaluation: { id: string } | null }> };
    const result = await subgraph.query<Latest>(
      bureau,
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Provider { id latestEvaluation { id } } } }`,
      { representations: world.providers.map((provider) => ({ __typename: 'Provider', id: provider.id })) },
    );
    expect(result.errors).toBeUndefined();
    const expected: Array<{ provider_id: string; id: string }> = await subgraph.dataSource.query(
      `SELECT DISTINCT ON (provider_id) provider_id, id FROM supervision.provider_evaluation WHERE status = 'FINALIZED' ORDER BY provider_id, year DESC`,
    );
    const byProvider = new Map(expected.map((row) => [row.provider_id, row.id]));
    expect(byProvider.size).toBeGreaterThan(0);
    for (const entity of result.data!._entities) expect(entity.latestEvaluation?.id ?? null).toBe(byProvider.get(entity.id) ?? null);
  });
});
