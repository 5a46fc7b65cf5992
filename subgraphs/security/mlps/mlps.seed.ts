// Demo MLPS records (第二十一条、第二十二条) from the world: each live system's grading with its two harm
// dimensions, expert review and filing, one grading in its history, and its latest assessment.
import type { EntityManager } from 'typeorm';
import type { MlpsRecord, SystemRecord, World } from '../../../seed/world';
import { addDays } from '../../kit/dates';
import { insertAll } from '../../kit/insert-all';
import { stableId } from '../../kit/stable-id';
import { MlpsAssessmentEntity } from './mlps-assessment.entity';
import { MlpsGradingEntity } from './mlps-grading.entity';
import { MlpsRecordEntity } from './mlps-record.entity';
import { gradeOf, type HarmAssessment } from './mlps.rules';

/** A plausible pair of harm dimensions for each level (GB/T 22240-2020), business first. */
const DIMENSIONS_BY_LEVEL: Readonly<Record<number, readonly [HarmAssessment, HarmAssessment]>> = {
  1: [
    { harmedObject: 'CITIZENS', harmDegree: 'GENERAL' },
    { harmedObject: 'CITIZENS', harmDegree: 'GENERAL' },
  ],
  2: [
    { harmedObject: 'CITIZENS', harmDegree: 'SERIOUS' },
    { harmedObject: 'SOCIETY', harmDegree: 'GENERAL' },
  ],
  3: [
    { harmedObject: 'SOCIETY', harmDegree: 'SERIOUS' },
    { harmedObject: 'SOCIETY', harmDegree: 'GENERAL' },
  ],
  4: [
    { harmedObject: 'SOCIETY', harmDegree: 'ESPECIALLY_SERIOUS' },
    { harmedObject: 'SOCIETY', harmDegree: 'SERIOUS' },
  ],
};

/** The world's assessors and their recommendation certificate numbers (测评机构推荐证书编号). */
const AGENCY_LICENCES: Readonly<Record<string, string>> = {
  山东省网络安全等级保护测评中心: 'DJCP2010370001',
  '山东省计算中心（国家超级计算济南中心）': 'DJCP2011370015',
  山东新潮信息技术有限公司: 'DJCP2018370127',
};

const LEVEL_NAMES = ['', '第一级', '第二级', '第三级', '第四级', '第五级'];

function atChinaTime(on: string, hour: number): Date {
  return new Date(`${on}T${String(hour).padStart(2, '0')}:00:00+08:00`);
}

interface MlpsSeedRows {
  records: MlpsRecordEntity[];
  gradings: MlpsGradingEntity[];
  assessments: MlpsAssessmentEntity[];
}

export function buildMlpsSeed(world: World): MlpsSeedRows {
  const systemById = new Map(world.systems.map((system) => [system.id, system]));
  const unitCodeById = new Map(world.units.map((unit) => [unit.id, unit.code]));
  const platformLevelById = new Map(world.providers.map((provider) => [provider.id, provider.platformMlpsLevel]));
  const rows: MlpsSeedRows = { records: [], gradings: [], assessments: [] };
  for (const record of world.mlpsRecords) {
    const system = systemById.get(record.systemId);
    if (!system) throw new Error(`world: MLPS record ${record.id} names unknown system ${record.systemId}`);
    const grader = `unit:${unitCodeById.get(system.unitId)}`;
    const { gradedOn, expertReviewedOn } = gradingDates(record, system);
    const [business, service] = DIMENSIONS_BY_LEVEL[record.grade]!;
    const grading = gradeOf(business, service);
    const expertReviewOpinion = expertReviewedOn ? `经专家评审，同意将该系统定为${LEVEL_NAMES[grading.level]}。` : null;
    const scope = { systemId: system.id, unitId: system.unitId, providerId: system.providerId, regionCode: system.regionCode };
    rows.records.push({
      id: record.id,
      ...scope,
      systemCode: system.code,
      level: record.grade,
      certificateNo: record.certificateNo,
      filedOn: record.filedOn,
      lastAssessedOn: record.lastAssessedOn,
      assessmentScore: record.assessmentScore,
      assessmentConclusion: record.assessmentConclusion,
      assessorName: record.assessorName,
      businessHarmedObject: business.harmedObject,
      businessHarmDegree: business.harmDegree,
      serviceHarmedObject: service.harmedObject,
      serviceHarmDegree: service.harmDegree,
      gradedBy: grader,
      gradedAt: atChinaTime(gradedOn, 10),
      expertReviewedOn,
      expertReviewOpinion,
      filedBy: record.filedOn ? grader : null,
      filingRecordedAt: record.filedOn ? atChinaTime(record.filedOn, 15) : null,
      version: 1,
    });
    rows.gradings.push({
      id: stableId('mlps-grading', `${system.code}:1`),
      mlpsRecordId: record.id,
      ...scope,
      level: grading.level,
      businessHarmedObject: business.harmedObject,
      businessHarmDegree: business.harmDegree,
      businessLevel: grading.businessLevel,
      serviceHarmedObject: service.harmedObject,
      serviceHarmDegree: service.harmDegree,
      serviceLevel: grading.serviceLevel,
      expertReviewedOn,
      expertReviewOpinion,
      platformMlpsLevel: system.providerId ? (platformLevelById.get(system.providerId) ?? null) : null,
      reason: null,
      gradedBy: grader,
      gradedAt: atChinaTime(gradedOn, 10),
    });
    if (record.lastAssessedOn && record.assessmentScore !== null && record.assessmentConclusion && record.assessorName) {
      const score = record.assessmentScore;
      rows.assessments.push({
        id: stableId('mlps-assessment', `${system.code}:${record.lastAssessedOn}`),
        mlpsRecordId: record.id,
        ...scope,
        level: record.grade,
        agencyName: record.assessorName,
        agencyLicenceNo: AGENCY_LICENCES[record.assessorName] ?? 'DJCP2010370001',
        assessedOn: record.lastAssessedOn,
        score,
        conclusion: record.assessmentConclusion,
        // The world keeps only the score: a poor one left a high-risk finding open, lower scores more of the rest.
        highRiskFindings: record.assessmentConclusion === 'POOR' ? 1 : 0,
        mediumRiskFindings: Math.round((100 - score) / 6),
        lowRiskFindings: Math.round((100 - score) / 3),
        recordedBy: grader,
        recordedAt: atChinaTime(record.lastAssessedOn, 16),
      });
    }
  }
  return rows;
}

/** Graded before filing (or before go-live for an unfiled level 1); experts review a week before filing. */
function gradingDates(record: MlpsRecord, system: SystemRecord): { gradedOn: string; expertReviewedOn: string | null } {
  if (!record.filedOn) return { gradedOn: addDays(system.goLiveOn ?? record.lastAssessedOn ?? '2026-01-01', -30), expertReviewedOn: null };
  const expertReviewedOn = addDays(record.filedOn, -7);
  return { gradedOn: addDays(expertReviewedOn, -14), expertReviewedOn };
}

export async function seedMlps(manager: EntityManager, world: World): Promise<void> {
  const rows = buildMlpsSeed(world);
  await insertAll(manager, MlpsRecordEntity, rows.records);
  await insertAll(manager, MlpsGradingEntity, rows.gradings);
  await insertAll(manager, MlpsAssessmentEntity, rows.assessments);
}
