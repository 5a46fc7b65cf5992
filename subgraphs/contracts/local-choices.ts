// Local choices (本地选择): the weights, bands, thresholds and factors that stand in for figures the
// 管理办法 does not give. 第二十五条 names what is supervised, 第二十六条 that providers and units are
// evaluated, 第十六条 that fees follow the utilisation evaluation — none of them says how much each
// aspect weighs, where a grade begins, what "idle" means or how much an idle system pays. Those figures
// are the city's own choice, made here, once; the rules import them (supervision's provider-evaluation,
// unit-performance and utilisation rules, applications' settlement rules), the SDL descriptions of the
// fields they feed state them after "本地选择 (local choice)：", and docs/local-choices.md lists them.
// test/unit/local-choices.test.ts fails when an SDL description or that page names another value than
// the one held here. Imports nothing: shared by supervision, applications and the demo world.

/** "25%" from 0.25. */
const percent = (share: number): string => `${Math.round(share * 100)}%`;
/** "0.5" from 500 permille. */
const factor = (permille: number): string => String(permille / 1000);

// ── Provider evaluation (第二十五条、第二十六条, PROVIDER_EVALUATION) ──────────────────────────────────

/** The five aspects of a provider's service 第二十五条 supervises. */
export interface ProviderEvaluationAspects<T> {
  platformOperation: T;
  security: T;
  operationsManagement: T;
  serviceLevel: T;
  serviceQuality: T;
}

/**
 * Local choice, not the policy's figure: the weight of each aspect in the annual total. The policy
 * names the five aspects (第二十五条) and no weights; the platform's operation and its security weigh
 * most, as the safety chapter (第十七条–第二十三条) suggests. They sum to 1.
 */
export const PROVIDER_EVALUATION_WEIGHTS: Readonly<ProviderEvaluationAspects<number>> = Object.freeze({
  platformOperation: 0.25,
  security: 0.25,
  operationsManagement: 0.15,
  serviceLevel: 0.2,
  serviceQuality: 0.15,
});

const PROVIDER_ASPECT_LABELS: ProviderEvaluationAspects<string> = {
  platformOperation: '云平台整体运行状况',
  security: '安全监控',
  operationsManagement: '运营管理',
  serviceLevel: '服务水平',
  serviceQuality: '服务质量',
};

export type ProviderEvaluationGradeName = 'EXCELLENT' | 'GOOD' | 'FAIR' | 'POOR' | 'SEVERE';

/**
 * Local choice, not the policy's figure: the lowest total of each grade. 第二十六条 speaks of a
 * result that is 较差 (POOR: rectification) or 严重 (SEVERE: disqualification proposed) without a
 * score; below 60 is SEVERE.
 */
export const PROVIDER_EVALUATION_GRADE_MINIMUMS: ReadonlyArray<{ grade: ProviderEvaluationGradeName; minimum: number }> = Object.freeze([
  { grade: 'EXCELLENT', minimum: 90 },
  { grade: 'GOOD', minimum: 80 },
  { grade: 'FAIR', minimum: 70 },
  { grade: 'POOR', minimum: 60 },
  { grade: 'SEVERE', minimum: 0 },
]);

// ── Unit performance (第二十五条、第二十六条, UNIT_PERFORMANCE) ─────────────────────────────────────────

/**
 * Local choice, not the policy's figure: the weights of the three aspects 第二十五条 names for units
 * (系统资源使用情况, 安全状况, 等保测评工作情况). Resource use weighs most because it is what the
 * cloud's money buys (第十六条). They sum to 1.
 */
export const UNIT_PERFORMANCE_WEIGHTS = Object.freeze({ resourceUse: 0.4, security: 0.3, mlps: 0.3 });

export type UnitPerformanceGradeName = 'EXCELLENT' | 'GOOD' | 'FAIR' | 'POOR';

/** Local choice, not the policy's figure: the lowest total of each unit grade (第二十六条 gives none). */
export const UNIT_PERFORMANCE_GRADE_MINIMUMS: ReadonlyArray<{ grade: UnitPerformanceGradeName; atLeast: number }> = Object.freeze([
  { grade: 'EXCELLENT', atLeast: 90 },
  { grade: 'GOOD', atLeast: 75 },
  { grade: 'FAIR', atLeast: 60 },
  { grade: 'POOR', atLeast: 0 },
]);

/**
 * Local choice, not the policy's figure: the resource-use score is 100 less the share of idle
 * system-days times `idle` and of under-used (not idle) ones times `underUsed`.
 */
export const UNIT_RESOURCE_DAY_DEDUCTIONS = Object.freeze({ idle: 100, underUsed: 50 });

/**
 * Local choice, not the policy's figure: the security score is 100 less these per item, never below
 * 0. Access violations are a provider's staff entering without a grant (第二十三条), so they weigh
 * little and are capped: the unit's part is to grant access properly and notice.
 */
export const UNIT_SECURITY_DEDUCTIONS = Object.freeze({
  overdueRectification: 10,
  openRectification: 3,
  seriousIncident: 20,
  otherIncident: 5,
  accessViolation: 2,
  accessViolationCap: 20,
});

/**
 * Local choice, not the policy's figure: points taken off a unit's weighted total for each existing
 * system still run off the cloud without an exemption (第三条, ON_CLOUD), more when its migration
 * plan's target date has passed, capped. 第二十六条 evaluates units; the policy gives no figure.
 */
export const UNIT_OFF_CLOUD_DEDUCTIONS = Object.freeze({ offCloudSystem: 2, overdueSystem: 5, cap: 20 });

// ── Utilisation (第十六条、第二十五条) ───────────────────────────────────────────────────────────────

/** The limits of the utilisation flags; each can be overridden by its environment variable (utilisation.config.ts). */
export interface UtilisationThresholdValues {
  /** IDLE when the period's P95 CPU is below this… */
  idleCpuP95Percent: number;
  /** …and its P95 network use (bandwidth as a share of the allocated bandwidth) below this. */
  idleNetworkP95Percent: number;
  /** UNDER_USED when the average CPU is below this… */
  underUsedCpuAvgPercent: number;
  /** …and the average memory below this. */
  underUsedMemoryAvgPercent: number;
  /** Fewer days with data than this in the period: NO_DATA, no flag is drawn from so little. */
  minDaysWithData: number;
}

/**
 * Local choice, not the policy's figure: the default thresholds of "idle" and "under-used". 第十六条
 * bases fees on the 系统资源利用率评估 and defines neither; the unit performance evaluation reads the
 * daily roll-ups with the same defaults.
 */
export const UTILISATION_DEFAULT_THRESHOLDS: Readonly<UtilisationThresholdValues> = Object.freeze({
  idleCpuP95Percent: 5,
  idleNetworkP95Percent: 2,
  underUsedCpuAvgPercent: 10,
  underUsedMemoryAvgPercent: 30,
  minDaysWithData: 7,
});

/**
 * Local choice, not the policy's figure: the fee factor of a year's utilisation flag, in permille
 * (integer maths). 第十六条 settles fees "根据云服务协议和系统资源利用率评估情况" without a factor: an
 * idle system pays half, an under-used one 80 %; normal, excluded (disaster recovery, standby) and
 * unmeasured systems pay in full — a missing measurement never lowers a provider's fee.
 */
export const UTILISATION_FEE_FACTORS_PERMILLE = Object.freeze({ idle: 500, underUsed: 800, full: 1000 });

// ── The register: what the SDL and docs/local-choices.md say of each ───────────────────────────────

export interface LocalChoice {
  /** Stable name, as in docs/local-choices.md. */
  key: string;
  /** What it is, in Chinese with the English term. */
  what: string;
  /**
   * The value as the SDL states it after "本地选择 (local choice)：". The first is the whole value;
   * any others are parts of it a single field states (one aspect's weight).
   */
  sdlTexts: readonly string[];
  /** Where it is used. */
  usedIn: readonly string[];
}

const w = PROVIDER_EVALUATION_WEIGHTS;
const aspects = Object.keys(PROVIDER_ASPECT_LABELS) as Array<keyof ProviderEvaluationAspects<string>>;
const providerWeightTexts = aspects.map((aspect) => `${PROVIDER_ASPECT_LABELS[aspect]} ${percent(w[aspect])}`);
const bandText = (bands: ReadonlyArray<{ grade: string; at: number }>, labels: Record<string, string>): string =>
  bands
    .map((band, i) => (i < bands.length - 1 ? `${labels[band.grade]} ≥${band.at}` : `${labels[band.grade]} <${bands[i - 1]!.at}`))
    .join('、');
const GRADE_LABELS: Record<string, string> = { EXCELLENT: '优秀', GOOD: '良好', FAIR: '一般', POOR: '较差', SEVERE: '严重' };
const u = UNIT_PERFORMANCE_WEIGHTS;
const t = UTILISATION_DEFAULT_THRESHOLDS;
const f = UTILISATION_FEE_FACTORS_PERMILLE;
const s = UNIT_SECURITY_DEDUCTIONS;
const o = UNIT_OFF_CLOUD_DEDUCTIONS;

export const LOCAL_CHOICES: readonly LocalChoice[] = Object.freeze([
  {
    key: 'provider-evaluation-weights',
    what: '定点服务商年度评价权重 (provider evaluation weights)',
    sdlTexts: [providerWeightTexts.join('、'), ...providerWeightTexts],
    usedIn: ['subgraphs/supervision/provider-evaluation/provider-evaluation.rules.ts'],
  },
  {
    key: 'provider-evaluation-grades',
    what: '定点服务商评价等次分数段 (provider evaluation grade bands)',
    sdlTexts: [
      bandText(
        PROVIDER_EVALUATION_GRADE_MINIMUMS.map((band) => ({ grade: band.grade, at: band.minimum })),
        GRADE_LABELS,
      ),
    ],
    usedIn: ['subgraphs/supervision/provider-evaluation/provider-evaluation.rules.ts', 'seed/world/evaluations.ts'],
  },
  {
    key: 'unit-performance-weights',
    what: '使用单位绩效评价权重 (unit performance weights)',
    sdlTexts: [`系统资源使用情况 ${percent(u.resourceUse)}、安全状况 ${percent(u.security)}、等保测评工作情况 ${percent(u.mlps)}`],
    usedIn: ['subgraphs/supervision/unit-performance/unit-performance.rules.ts'],
  },
  {
    key: 'unit-performance-grades',
    what: '使用单位绩效等次分数段 (unit performance grade bands)',
    sdlTexts: [
      bandText(
        UNIT_PERFORMANCE_GRADE_MINIMUMS.map((band) => ({ grade: band.grade, at: band.atLeast })),
        GRADE_LABELS,
      ),
    ],
    usedIn: ['subgraphs/supervision/unit-performance/unit-performance.rules.ts'],
  },
  {
    key: 'unit-resource-day-deductions',
    what: '资源使用得分扣分 (unit resource-use deductions)',
    sdlTexts: [
      `闲置系统日占比 × ${UNIT_RESOURCE_DAY_DEDUCTIONS.idle}、低效（未闲置）系统日占比 × ${UNIT_RESOURCE_DAY_DEDUCTIONS.underUsed}`,
    ],
    usedIn: ['subgraphs/supervision/unit-performance/unit-performance.rules.ts'],
  },
  {
    key: 'unit-security-deductions',
    what: '安全状况得分扣分 (unit security deductions)',
    sdlTexts: [
      `逾期整改每项 ${s.overdueRectification} 分、其他未关闭整改每项 ${s.openRectification} 分、重大安全事件每起 ${s.seriousIncident} 分、其他安全事件每起 ${s.otherIncident} 分、违规访问每条 ${s.accessViolation} 分（最多 ${s.accessViolationCap} 分）`,
    ],
    usedIn: ['subgraphs/supervision/unit-performance/unit-performance.rules.ts'],
  },
  {
    key: 'unit-off-cloud-deductions',
    what: '未上云系统扣分 (unit off-cloud deductions)',
    sdlTexts: [
      `每个未上云且未获豁免的已有系统扣 ${o.offCloudSystem} 分，迁移目标日期已过的再扣 ${o.overdueSystem} 分，合计最多扣 ${o.cap} 分`,
    ],
    usedIn: ['subgraphs/supervision/unit-performance/unit-performance.rules.ts'],
  },
  {
    key: 'utilisation-thresholds',
    what: '资源利用率阈值 (utilisation thresholds)',
    sdlTexts: [
      `闲置为 CPU 95 分位 < ${t.idleCpuP95Percent}% 且网络 95 分位 < ${t.idleNetworkP95Percent}%，低利用率为 CPU 平均 < ${t.underUsedCpuAvgPercent}% 且内存平均 < ${t.underUsedMemoryAvgPercent}%，评估期内有数据少于 ${t.minDaysWithData} 天为无数据`,
      `闲置为 CPU 95 分位 < ${t.idleCpuP95Percent}% 且网络 95 分位 < ${t.idleNetworkP95Percent}%`,
      `低利用率为 CPU 平均 < ${t.underUsedCpuAvgPercent}% 且内存平均 < ${t.underUsedMemoryAvgPercent}%`,
    ],
    usedIn: ['subgraphs/supervision/utilisation/utilisation.rules.ts', 'subgraphs/supervision/unit-performance/unit-performance.rules.ts'],
  },
  {
    key: 'utilisation-fee-factors',
    what: '利用率计费系数 (utilisation fee factors)',
    sdlTexts: [
      `闲置 (IDLE) × ${factor(f.idle)}、利用不足 (UNDER_USED) × ${factor(f.underUsed)}、其余 × ${factor(f.full)}`,
      `闲置 (IDLE) × ${factor(f.idle)}`,
      `利用不足 (UNDER_USED) × ${factor(f.underUsed)}`,
    ],
    usedIn: ['subgraphs/applications/settlement/settlement.rules.ts'],
  },
]);

/** The SDL's marker before a local choice's value. */
export const LOCAL_CHOICE_MARKER = '本地选择 (local choice)：';
