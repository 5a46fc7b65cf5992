// Every mutation of the providers subgraph runs through the kit's pipeline (kit/mutation.ts), so
// each one, done or refused, leaves its entry in providers.audit_entry, naming the request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditTrail } from '../../../subgraphs/kit/audit-verify';
import { isPipelineMutation } from '../../../subgraphs/kit/mutation';
import type { Principal } from '../../../subgraphs/kit/principal';
import { createResolvers } from '../../../subgraphs/providers/resolvers';
import { auditEntriesOf, mutationFieldsOf, sendWithRequestId } from '../../setup/audit-entries';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import { BUREAU, CTYUN, basicEntryId, expectErrorCode, expectNoErrors, provider } from './helpers';

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('providers', { seed: true });
});

afterAll(async () => {
  await subgraph?.stop();
});

const INSPUR_ENTRY = basicEntryId('P-INSPUR', 'ECS-4C8G');

const send = <T = Record<string, unknown>>(principal: Principal, requestId: string, query: string, variables?: Record<string, unknown>) =>
  sendWithRequestId<T>(subgraph, principal, requestId, query, variables);
const entriesOf = (requestId: string) => auditEntriesOf(subgraph, 'providers', requestId, { withRuleAndSubject: true });

describe('the providers audit trail', () => {
  it('holds every Mutation field of the schema to the pipeline', () => {
    const { Mutation } = createResolvers({
      migrationProgressFor: () => () => Promise.reject(new Error('not asked')),
    }) as unknown as { Mutation: Record<string, unknown> };
    const fields = mutationFieldsOf('providers');
    expect(fields).toHaveLength(17);
    expect(Object.keys(Mutation).sort()).toEqual([...fields].sort());
    for (const field of fields) expect(isPipelineMutation(Mutation[field]), field).toBe(true);
  });

  it('records a mutation done, with its target and the request id, in the transaction of its work', async () => {
    const done = await send(
      BUREAU,
      'req-providers-done',
      `mutation { setPriceCap(entryId: "${INSPUR_ENTRY}", capYuan: "1.00", reason: "市场价格下降") { id priceCapYuan } }`,
    );
    expectNoErrors(done);
    expect(await entriesOf('req-providers-done')).toEqual([
      {
        operation: 'setPriceCap',
        outcome: 'SUCCEEDED',
        error_code: null,
        rule: null,
        role: 'BUREAU',
        scope: 'CITY',
        subject: BUREAU.subject,
        target_ids: [INSPUR_ENTRY],
        request_id: 'req-providers-done',
      },
    ]);
  });

  it("records a refusal — another provider's entry, answered NOT_FOUND — in a transaction of its own", async () => {
    const intruder = provider(CTYUN);
    const refused = await send(
      intruder,
      'req-providers-refused',
      `mutation { setListedPrice(entryId: "${INSPUR_ENTRY}", priceYuan: "0.50") { id } }`,
    );
    expectErrorCode(refused, 'NOT_FOUND');
    expect(await entriesOf('req-providers-refused')).toEqual([
      {
        operation: 'setListedPrice',
        outcome: 'REFUSED',
        error_code: 'NOT_FOUND',
        rule: null,
        role: 'PROVIDER',
        scope: `PROVIDER:${CTYUN}`,
        subject: intruder.subject,
        target_ids: [INSPUR_ENTRY],
        request_id: 'req-providers-refused',
      },
    ]);
    expect(await verifyAuditTrail(subgraph.dataSource, 'providers')).toMatchObject({ problems: [] });
  });
});
