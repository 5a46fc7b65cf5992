// PROVIDER_QUALIFIED (第七条、第二十条) through the providers subgraph: the answer the applications
// subgraph asks before a new application (DESIGNATED_PROVIDER) is no for a designated provider whose
// qualification lapsed, as it is for an exiting one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import { BUREAU, CTYUN, INSPUR, expectNoErrors } from './helpers';

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('providers', { seed: true });
});

afterAll(async () => {
  await subgraph?.stop();
});

const PROVIDER = `query($id: ID!) { provider(id: $id) { status qualified qualificationStatus qualificationValidUntil acceptsNewApplications } }`;

async function view(id: string) {
  const result = await subgraph.query<{ provider: Record<string, unknown> }>(BUREAU, PROVIDER, { id });
  expectNoErrors(result);
  return result.data!.provider;
}

describe('PROVIDER_QUALIFIED: a lapsed qualification stops new applications', () => {
  it('the seeded provider whose qualification ended on 2026-10-31 is designated but takes no new applications', async () => {
    expect(await view(CTYUN)).toEqual({
      status: 'DESIGNATED',
      qualified: false,
      qualificationStatus: 'EXPIRED',
      qualificationValidUntil: '2026-10-31',
      acceptsNewApplications: false,
    });
    expect(await view(INSPUR)).toMatchObject({ status: 'DESIGNATED', qualified: true, acceptsNewApplications: true });
  });

  it('a renewed qualification takes applications again', async () => {
    await subgraph.dataSource.query(`UPDATE "providers"."provider" SET qualification_valid_until = '2029-10-31' WHERE id = $1`, [CTYUN]);
    expect(await view(CTYUN)).toMatchObject({ qualified: true, acceptsNewApplications: true });
  });
});
