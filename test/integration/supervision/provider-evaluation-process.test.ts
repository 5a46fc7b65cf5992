// PROVIDER_EVALUATION (第二十六条) in the supervision subgraph: open → inputs by the monitoring agency,
// the cybersecurity authority, hosted user units and the bureau → finalize, with roles, versions,
// refusals that change nothing, the consequence enqueued with the finalization, and a finalized
// evaluation that never changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlCounterOf } from '../../../subgraphs/kit/data-source';
import { ORDER_RECTIFICATION_TASK, PROPOSE_DISQUALIFICATION_TASK } from '../../../subgraphs/contracts/evaluation-consequences';
import { jobsOf } from '../effects/helpers';
import { bureau, cybersec, providerByCode, providerPrincipal, userUnit } from '../../setup/principals';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import {
  FINALIZE,
  MONITORING,
  OPEN,
  RATING,
  READ,
  SECURITY,
  center,
  monitor,
  payload,
  submitAllInputs,
  unitNotHostedBy,
  unitsHostedBy,
  type Evaluation,
} from './provider-evaluation-helpers';

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('supervision', { seed: true });
}, 60_000);
afterAll(async () => {
  await subgraph?.stop();
});

const unicom = providerByCode('P-UNICOM');
const ctyun = providerByCode('P-CTYUN');
const codeOf = (result: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => result.errors?.[0]?.extensions?.code;

async function read(id: string): Promise<Evaluation & { inputs: { totalCount: number } }> {
  return payload(await subgraph.query(bureau, READ, { id }), 'providerEvaluation');
}

describe('PROVIDER_EVALUATION', () => {
  let open: Evaluation;

  it('only the bureau opens a year’s evaluation, once per provider and year, of a provider hosting units', async () => {
    for (const principal of [center, monitor, cybersec, userUnit(unitsHostedBy(unicom.id)[0]!), providerPrincipal(unicom)]) {
      expect(codeOf(await subgraph.query(principal, OPEN, { providerId: unicom.id, year: 2026 })), principal.role).toBe('FORBIDDEN');
    }
    expect((await subgraph.query(bureau, OPEN, { providerId: unicom.id, year: 2027 })).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'year',
    });
    const candidate = providerByCode('P-CMCC');
    expect((await subgraph.query(bureau, OPEN, { providerId: candidate.id, year: 2026 })).errors?.[0]?.extensions).toMatchObject({
      code: 'RULE_VIOLATION',
      rule: 'PROVIDER_EVALUATION',
      article: '第二十六条',
    });
    expect(codeOf(await subgraph.query(bureau, OPEN, { providerId: unicom.id, year: 2025 }))).toBe('CONFLICT');

    open = payload(await subgraph.query(bureau, OPEN, { providerId: unicom.id, year: 2026 }), 'openProviderEvaluation');
    expect(open).toMatchObject({
      year: 2026,
      status: 'OPEN',
      version: 1,
      openedOn: '2026-11-26',
      grade: null,
      totalScore: null,
      missingInputs: ['MONITORING', 'SECURITY', 'OPERATIONS_MANAGEMENT', 'SERVICE_QUALITY'],
      serviceQualityRatingCount: 0,
      provider: { id: unicom.id },
    });
    expect(codeOf(await subgraph.query(bureau, OPEN, { providerId: unicom.id, year: 2026 }))).toBe('CONFLICT');
  });

  it('refuses wrong roles, stale versions, units not hosted and bad scores, changing nothing', async () => {
    const hosted = userUnit(unitsHostedBy(unicom.id)[0]!);
    const stranger = userUnit(unitNotHostedBy(unicom.id));
    const before = await read(open.id);
    const monitoring = { platformOperationScore: 70, serviceLevelScore: 70 };
    expect(codeOf(await subgraph.query(cybersec, MONITORING, { id: open.id, version: 1, input: monitoring }))).toBe('FORBIDDEN');
    expect(codeOf(await subgraph.query(monitor, SECURITY, { id: open.id, version: 1, score: 70 }))).toBe('FORBIDDEN');
    expect(codeOf(await subgraph.query(bureau, RATING, { id: open.id, version: 1, score: 70 }))).toBe('FORBIDDEN');
    expect(codeOf(await subgraph.query(hosted, FINALIZE, { id: open.id, version: 1, remarks: '定稿' }))).toBe('FORBIDDEN');
    expect(codeOf(await subgraph.query(monitor, MONITORING, { id: open.id, version: 7, input: monitoring }))).toBe('CONFLICT');
    expect(
      (await subgraph.query(monitor, MONITORING, { id: open.id, version: 1, input: { ...monitoring, serviceLevelScore: 100.5 } }))
        .errors?.[0]?.extensions,
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'serviceLevelScore' });
    expect(
      (await subgraph.query(monitor, MONITORING, { id: open.id, version: 1, input: { ...monitoring, incidentCount: -1 } })).errors?.[0]
        ?.extensions,
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'incidentCount' });
    expect((await subgraph.query(stranger, RATING, { id: open.id, version: 1, score: 70 })).errors?.[0]?.extensions).toMatchObject({
      code: 'RULE_VIOLATION',
      rule: 'PROVIDER_EVALUATION',
    });
    expect(await read(open.id)).toEqual(before);
  });

  it('refuses to finalize with inputs missing, naming them, and changes nothing', async () => {
    const rater = userUnit(unitsHostedBy(unicom.id)[0]!);
    const rated = payload(await subgraph.query(rater, RATING, { id: open.id, version: 1, score: 55 }), 'submitServiceQualityRating');
    expect(rated).toMatchObject({
      version: 2,
      serviceQualityRatingCount: 1,
      missingInputs: ['MONITORING', 'SECURITY', 'OPERATIONS_MANAGEMENT'],
    });
    const before = await read(open.id);
    const refused = await subgraph.query(bureau, FINALIZE, { id: open.id, version: 2, remarks: '定稿' });
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'RULE_VIOLATION',
      rule: 'PROVIDER_EVALUATION',
      article: '第二十六条',
      missingInputs: ['MONITORING', 'SECURITY', 'OPERATIONS_MANAGEMENT'],
    });
    expect(refused.errors?.[0]?.message).toContain('监测机构');
    expect(await read(open.id)).toEqual(before);
    expect(await jobsOf(subgraph.dataSource, ORDER_RECTIFICATION_TASK)).toEqual([]);
  });

  it('finalizes a POOR year with the weighted total, a three-month deadline and the rectification order enqueued', async () => {
    const raters = unitsHostedBy(unicom.id).slice(0, 3).map(userUnit);
    const current = await read(open.id);
    // The first rater resubmits: its rating is replaced, not added.
    const ready = await submitAllInputs(
      subgraph,
      current,
      { platformOperation: 66, serviceLevel: 64, security: 62, operationsManagement: 60, ratings: [60, 63, 66] },
      raters,
      bureau,
    );
    expect(ready).toMatchObject({ status: 'OPEN', missingInputs: [], serviceQualityRatingCount: 3, totalScore: null });
    const finalized = payload(
      await subgraph.query(bureau, FINALIZE, { id: open.id, version: ready.version, remarks: '服务水平下滑，责令整改。' }),
      'finalizeProviderEvaluation',
    );
    // 66×25% + 62×25% + 60×15% + 64×20% + 63×15% = 16.5 + 15.5 + 9 + 12.8 + 9.45 = 63.25
    expect(finalized).toMatchObject({
      status: 'FINALIZED',
      version: ready.version + 1,
      platformOperationScore: 66,
      securityScore: 62,
      operationsManagementScore: 60,
      serviceLevelScore: 64,
      serviceQualityScore: 63,
      totalScore: 63.25,
      grade: 'POOR',
      evaluatedOn: '2026-11-26',
      rectificationDueOn: '2027-02-26',
      remarks: '服务水平下滑，责令整改。',
      missingInputs: [],
    });
    const jobs = await jobsOf(subgraph.dataSource, ORDER_RECTIFICATION_TASK);
    expect(jobs.map((job) => job.payload)).toEqual([
      {
        evaluationId: open.id,
        providerId: unicom.id,
        year: 2026,
        grade: 'POOR',
        totalScore: 63.25,
        finalizedOn: '2026-11-26',
        rectificationDueOn: '2027-02-26',
        actor: { subject: bureau.subject },
      },
    ]);
    expect(await jobsOf(subgraph.dataSource, PROPOSE_DISQUALIFICATION_TASK)).toEqual([]);
  });

  it('never changes a finalized evaluation: no input, no second finalization, not even by SQL', async () => {
    const before = await read(open.id);
    const rater = userUnit(unitsHostedBy(unicom.id)[0]!);
    for (const [principal, query, variables] of [
      [rater, RATING, { id: open.id, version: before.version, score: 99 }],
      [cybersec, SECURITY, { id: open.id, version: before.version, score: 99 }],
      [bureau, FINALIZE, { id: open.id, version: before.version, remarks: '改判' }],
    ] as const) {
      expect((await subgraph.query(principal, query, variables)).errors?.[0]?.extensions).toMatchObject({
        code: 'RULE_VIOLATION',
        rule: 'PROVIDER_EVALUATION',
      });
    }
    await expect(
      subgraph.dataSource.query(`UPDATE supervision.provider_evaluation SET total_score = 99 WHERE id = $1`, [open.id]),
    ).rejects.toThrow(/finalized/);
    await expect(
      subgraph.dataSource.query(`UPDATE supervision.provider_evaluation_input SET service_quality_score = 99 WHERE evaluation_id = $1`, [
        open.id,
      ]),
    ).rejects.toThrow(/finalized/);
    expect(await read(open.id)).toEqual(before);
    expect(await jobsOf(subgraph.dataSource, ORDER_RECTIFICATION_TASK)).toHaveLength(1);
  });

  it('a SEVERE year enqueues the disqualification proposal with the finalization', async () => {
    const opened = payload(await subgraph.query(bureau, OPEN, { providerId: ctyun.id, year: 2026 }), 'openProviderEvaluation');
    const raters = unitsHostedBy(ctyun.id).slice(0, 2).map(userUnit);
    const ready = await submitAllInputs(
      subgraph,
      opened,
      { platformOperation: 40, serviceLevel: 45, security: 30, operationsManagement: 50, ratings: [40, 50] },
      raters,
      bureau,
    );
    const finalized = payload(
      await subgraph.query(bureau, FINALIZE, { id: opened.id, version: ready.version, remarks: '情况严重，取消服务资格。' }),
      'finalizeProviderEvaluation',
    );
    // 10 + 7.5 + 7.5 + 9 + 6.75 = 40.75
    expect(finalized).toMatchObject({ totalScore: 40.75, grade: 'SEVERE', rectificationDueOn: null, serviceQualityScore: 45 });
    const jobs = await jobsOf(subgraph.dataSource, PROPOSE_DISQUALIFICATION_TASK);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.key).toBe(`${PROPOSE_DISQUALIFICATION_TASK}:${opened.id}`);
    expect(jobs[0]!.payload).toMatchObject({ evaluationId: opened.id, providerId: ctyun.id, grade: 'SEVERE', finalizedOn: '2026-11-26' });
  });

  it('shows the agencies’ inputs to all, a unit’s rating to the city and that unit only', async () => {
    const rater = userUnit(unitsHostedBy(unicom.id)[1]!);
    type Inputs = {
      providerEvaluation: { inputs: { totalCount: number; edges: Array<{ node: { kind: string; unit: { id: string } | null } }> } };
    };
    const kinds = async (principal: typeof bureau) =>
      payload<Inputs['providerEvaluation']>(await subgraph.query(principal, READ, { id: open.id }), 'providerEvaluation').inputs.edges.map(
        (edge) => ({ kind: edge.node.kind, unit: edge.node.unit }),
      );
    const all = await kinds(bureau);
    expect(all.filter((input) => input.kind === 'SERVICE_QUALITY')).toHaveLength(3);
    expect(all.find((input) => input.kind === 'MONITORING')).toBeDefined();
    const own = await kinds(rater);
    expect(own.filter((input) => input.kind === 'SERVICE_QUALITY')).toEqual([{ kind: 'SERVICE_QUALITY', unit: { id: rater.unitId } }]);
    const provider = await kinds(providerPrincipal(unicom));
    expect(provider.map((input) => input.kind).sort()).toEqual(['MONITORING', 'OPERATIONS_MANAGEMENT', 'SECURITY']);
  });

  it('answers "scores by dimension across years" in one query and one count, however many rows', async () => {
    const QUERY = `query($first: Int) { providerEvaluationScores(first: $first) { totalCount edges { node {
      year grade totalScore platformOperationScore securityScore operationsManagementScore serviceLevelScore serviceQualityScore provider { id } } } } }`;
    type Scores = {
      providerEvaluationScores: {
        totalCount: number;
        edges: Array<{ node: { year: number; provider: { id: string }; serviceQualityScore: number } }>;
      };
    };
    const counts: number[] = [];
    for (const first of [1, 100]) {
      sqlCounterOf(subgraph.dataSource).reset();
      const result = await subgraph.query<Scores>(bureau, QUERY, { first });
      expect(result.errors).toBeUndefined();
      counts.push(sqlCounterOf(subgraph.dataSource).count);
      if (first === 100) {
        const rows = result.data!.providerEvaluationScores;
        const years = rows.edges.map((edge) => edge.node.year);
        expect(years).toEqual([...years].sort());
        expect(new Set(years).size).toBeGreaterThanOrEqual(4);
        expect(rows.totalCount).toBe(rows.edges.length);
        expect(rows.edges.every((edge) => typeof edge.node.serviceQualityScore === 'number')).toBe(true);
      }
    }
    expect(counts[0]).toBe(counts[1]);
    expect(counts[1]).toBeLessThanOrEqual(2);
    const filtered = await subgraph.query<Scores>(
      bureau,
      `{ providerEvaluationScores(fromYear: 2024, toYear: 2025, first: 100) { totalCount } }`,
    );
    expect(filtered.data!.providerEvaluationScores.totalCount).toBe(6);
  });
});
