// Annual provider evaluations (第二十五条、第二十六条): 2024 and 2025 for every designated provider, and
// 浪潮云's earlier years since its designation in 2021, so the analysts' history spans several years.
import { PROVIDER_EVALUATION_GRADE_MINIMUMS } from '../../subgraphs/contracts/local-choices';
import { stableId } from '../../subgraphs/kit/stable-id';
import { P_CTYUN, P_INSPUR, P_UNICOM } from './providers';
import type { ProviderRecord } from './types';
import type { EvaluationGrade, ProviderEvaluationRecord } from './types-lifecycle';

/** Score bands of the grades (a local choice); SEVERE proposes disqualification (PROVIDER_EVALUATION), so nobody here is that bad. */
export function gradeFor(totalScore: number): EvaluationGrade {
  return PROVIDER_EVALUATION_GRADE_MINIMUMS.find((band) => totalScore >= band.minimum)?.grade ?? 'SEVERE';
}

interface EvaluationSeed {
  provider: string;
  year: number;
  /** platformOperation, security, operationsManagement, serviceLevel, serviceQuality. */
  scores: [number, number, number, number, number];
  rectificationDueOn?: string;
  rectifiedOn?: string;
  remarks: string;
}

const SEEDS: EvaluationSeed[] = [
  { provider: P_INSPUR, year: 2022, scores: [86, 84, 85, 87, 83], remarks: '首个完整服务年度，平台运行平稳，工单处理流程有待规范。' },
  { provider: P_INSPUR, year: 2023, scores: [89, 87, 88, 90, 88], remarks: '运维流程规范化，全年可用率达标。' },
  { provider: P_INSPUR, year: 2024, scores: [92, 90, 91, 93, 90], remarks: '平台运行稳定，全年无重大安全事件。' },
  { provider: P_INSPUR, year: 2025, scores: [90, 88, 89, 91, 90], remarks: '运行平稳；个别工单响应超时，已督促改进。' },
  { provider: P_CTYUN, year: 2024, scores: [85, 83, 86, 84, 85], remarks: '首个服务年度（半年），服务总体良好。' },
  {
    provider: P_CTYUN,
    year: 2025,
    scores: [78, 72, 75, 77, 76],
    remarks: '发生1起一般网络安全事件，处置及时；资源交付时效有待提高。',
  },
  {
    provider: P_UNICOM,
    year: 2024,
    scores: [68, 62, 66, 70, 64],
    rectificationDueOn: '2025-06-30',
    rectifiedOn: '2025-06-12',
    remarks: '评价较差：安全监控告警未及时处置，测试环境交付多次超期，责令限期整改。',
  },
  { provider: P_UNICOM, year: 2025, scores: [82, 80, 81, 83, 82], remarks: '整改措施落实到位，服务水平明显提升。' },
];

export function buildProviderEvaluations(providers: readonly ProviderRecord[]): ProviderEvaluationRecord[] {
  const byCode = new Map(providers.map((p) => [p.code, p]));
  return SEEDS.map((seed) => {
    const [platformOperation, security, operationsManagement, serviceLevel, serviceQuality] = seed.scores;
    const totalScore = Math.round((seed.scores.reduce((a, b) => a + b, 0) / 5) * 10) / 10;
    return {
      id: stableId('provider-evaluation', `${seed.provider}:${seed.year}`),
      providerId: byCode.get(seed.provider)!.id,
      year: seed.year,
      platformOperation,
      security,
      operationsManagement,
      serviceLevel,
      serviceQuality,
      totalScore,
      grade: gradeFor(totalScore),
      // Evaluated in March of the following year, after the January settlement.
      evaluatedOn: `${seed.year + 1}-03-${seed.year === 2024 ? '20' : '18'}`,
      rectificationDueOn: seed.rectificationDueOn ?? null,
      rectifiedOn: seed.rectifiedOn ?? null,
      remarks: seed.remarks,
    };
  });
}
