// Every mutation of the supervision subgraph runs through the kit's pipeline (kit/mutation.ts), so
// each one, done or refused, leaves its entry in supervision.audit_entry, naming the request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditTrail } from '../../../subgraphs/kit/audit-verify';
import { mergeResolvers } from '../../../subgraphs/kit/merge-resolvers';
import { isPipelineMutation } from '../../../subgraphs/kit/mutation';
import type { Principal } from '../../../subgraphs/kit/principal';
import { resolvers } from '../../../subgraphs/supervision/resolvers';
import { createUnitPerformanceMutations } from '../../../subgraphs/supervision/unit-performance/unit-performance.resolvers';
import { bureau, providerByCode } from '../../setup/principals';
import { auditEntriesOf, mutationFieldsOf, sendWithRequestId } from '../../setup/audit-entries';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import { EVALUATION_FIELDS, monitor } from './provider-evaluation-helpers';

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('supervision', { seed: true });
}, 60_000);

afterAll(async () => {
  await subgraph?.stop();
});

const unicom = providerByCode('P-UNICOM');

const send = <T = Record<string, unknown>>(principal: Principal, requestId: string, query: string, variables?: Record<string, unknown>) =>
  sendWithRequestId<T>(subgraph, principal, requestId, query, variables);
const entriesOf = (requestId: string) => auditEntriesOf(subgraph, 'supervision', requestId, { withRuleAndSubject: true });

const OPEN = `mutation($providerId: ID!, $year: Int!) { openProviderEvaluation(providerId: $providerId, year: $year) { ${EVALUATION_FIELDS} } }`;
const MONITORING = `mutation($id: ID!, $version: Int!, $input: MonitoringEvaluationInput!) {
  submitMonitoringEvaluationScores(evaluationId: $id, version: $version, input: $input) { id version } }`;

describe('the supervision audit trail', () => {
  it('holds every Mutation field of the schema to the pipeline', () => {
    const notAsked = () => Promise.reject(new Error('not asked'));
    const { Mutation } = mergeResolvers(
      resolvers as Record<string, Record<string, unknown>>,
      createUnitPerformanceMutations({ security: notAsked, directory: notAsked, offCloud: notAsked }),
    ) as { Mutation: Record<string, unknown> };
    const fields = mutationFieldsOf('supervision');
    expect(fields).toHaveLength(11);
    expect(Object.keys(Mutation).sort()).toEqual([...fields].sort());
    for (const field of fields) expect(isPipelineMutation(Mutation[field]), field).toBe(true);
  });

  let evaluationId: string;

  it('records a mutation done, naming its argument and the record it created, with the request id', async () => {
    const opened = await send<{ openProviderEvaluation: { id: string; version: number } }>(bureau, 'req-supervision-done', OPEN, {
      providerId: unicom.id,
      year: 2026,
    });
    expect(opened.errors).toBeUndefined();
    evaluationId = opened.data!.openProviderEvaluation.id;
    expect(await entriesOf('req-supervision-done')).toEqual([
      {
        operation: 'openProviderEvaluation',
        outcome: 'SUCCEEDED',
        error_code: null,
        rule: null,
        role: 'BUREAU',
        scope: 'CITY',
        subject: bureau.subject,
        target_ids: [unicom.id, evaluationId],
        request_id: 'req-supervision-done',
      },
    ]);
  });

  it('records a refusal — a stale version, answered CONFLICT — in a transaction of its own', async () => {
    const stale = await send(monitor, 'req-supervision-refused', MONITORING, {
      id: evaluationId,
      version: 7,
      input: { platformOperationScore: 70, serviceLevelScore: 70 },
    });
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await entriesOf('req-supervision-refused')).toEqual([
      {
        operation: 'submitMonitoringEvaluationScores',
        outcome: 'REFUSED',
        error_code: 'CONFLICT',
        rule: null,
        role: 'MONITOR',
        scope: 'CITY',
        subject: monitor.subject,
        target_ids: [evaluationId],
        request_id: 'req-supervision-refused',
      },
    ]);
    expect(await verifyAuditTrail(subgraph.dataSource, 'supervision')).toMatchObject({ problems: [] });
  });
});
