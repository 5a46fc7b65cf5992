// Demo provider platform security (第二十条) from the world: each platform's last assessment and
// review validity, the first entry of its history, disaster-recovery drills of the designated
// providers, and one bulletin to all providers that one of them has acknowledged.
import type { EntityManager } from 'typeorm';
import { WORLD_TODAY, type ProviderRecord, type World } from '../../../seed/world';
import { addYears } from '../../kit/dates';
import { insertAll } from '../../kit/insert-all';
import { Role } from '../../kit/principal';
import { stableId } from '../../kit/stable-id';
import { DisasterRecoveryDrillEntity } from './disaster-recovery-drill.entity';
import { PlatformSecurityChangeEntity } from './platform-security-change.entity';
import { ProviderSecurityProfileEntity } from './provider-security-profile.entity';
import { SecurityBulletinAcknowledgementEntity } from './security-bulletin-acknowledgement.entity';
import { SecurityBulletinEntity } from './security-bulletin.entity';
import { changeSnapshot } from './provider-security-profile.service';
import { bulletinNumber } from './security-bulletin.service';
import type { DrillResult } from '../generated/graphql';

type DrillPlan = [drilledOn: string, scenario: string, rtoMinutes: number, rpoMinutes: number, result: DrillResult, notes: string | null];

/**
 * Drills by provider code. 天翼云's last one is over 12 months before the world's today, so the
 * yearly drill flag has something to show; a designated provider missing here gets DEFAULT_DRILLS.
 */
const DRILLS: Readonly<Record<string, readonly DrillPlan[]>> = {
  'P-INSPUR': [
    ['2025-11-12', '主数据中心整体失效，业务切换至同城灾备中心', 45, 5, 'PASSED', null],
    ['2026-06-18', '核心数据库主节点故障，切换至备节点', 12, 0, 'PASSED', null],
  ],
  'P-CTYUN': [
    ['2025-08-20', '分布式存储集群故障，从异地备份恢复', 240, 30, 'FAILED', '备份恢复超出预案时限，已制定存储扩容与并行恢复整改方案'],
  ],
  'P-UNICOM': [
    ['2026-04-09', '云管平台失效，切换至备用管理节点', 30, 0, 'PASSED', null],
    ['2026-10-15', '勒索病毒感染，从不可变备份恢复政务数据', 95, 60, 'PASSED', '恢复点达到 60 分钟，拟将备份频率提高至每 30 分钟'],
  ],
};
const DEFAULT_DRILLS: readonly DrillPlan[] = [['2026-05-20', '主数据中心整体失效，业务切换至同城灾备中心', 60, 15, 'PASSED', null]];

const SEED_BUREAU = { subject: 'seed:bureau', role: Role.BUREAU };

/** The latest anniversary of the filing on or before the world's today: the platform's last yearly assessment. */
function lastAssessmentOn(filedOn: string): string | null {
  let assessed: string | null = null;
  for (let years = 1; addYears(filedOn, years) <= WORLD_TODAY; years++) assessed = addYears(filedOn, years);
  return assessed;
}

/** The profile as the world records it; the seed then adds the last assessment and review validity. */
function profileOf(provider: ProviderRecord): ProviderSecurityProfileEntity {
  return {
    providerId: provider.id,
    platformName: provider.platformName,
    platformMlpsLevel: provider.platformMlpsLevel,
    platformMlpsCertificateNo: provider.platformMlpsCertificateNo,
    platformMlpsFiledOn: provider.platformMlpsFiledOn,
    cybersecurityReviewPassedOn: provider.cybersecurityReviewPassedOn,
  };
}

function drillsOf(provider: ProviderRecord): DisasterRecoveryDrillEntity[] {
  return (DRILLS[provider.code] ?? DEFAULT_DRILLS).map(([drilledOn, scenario, rtoMinutes, rpoMinutes, result, notes]) => ({
    id: stableId('security-drill', `${provider.code}:${drilledOn}`),
    providerId: provider.id,
    drilledOn,
    scenario,
    rtoMinutes,
    rpoMinutes,
    result,
    notes,
    recordedBy: `seed:${provider.code}`,
    recordedAt: new Date(`${drilledOn}T18:00:00+08:00`),
  }));
}

/** Each provider's platform profile (第七条), then its assessment, history, drills and the bulletin. */
export async function seedPlatform(manager: EntityManager, world: World): Promise<void> {
  await insertAll(manager, ProviderSecurityProfileEntity, world.providers.map(profileOf));
  const profiles = manager.getRepository(ProviderSecurityProfileEntity);
  const changes: PlatformSecurityChangeEntity[] = [];
  for (const provider of world.providers) {
    const assessedOn = lastAssessmentOn(provider.platformMlpsFiledOn);
    const patch = {
      platformMlpsAssessedOn: assessedOn,
      platformMlpsAssessmentConclusion: assessedOn ? ('GOOD' as const) : null,
      // The world lets a provider's qualifications lapse together; its review's validity follows them.
      cybersecurityReviewValidUntil: provider.cybersecurityReviewPassedOn ? provider.qualificationValidUntil : null,
    };
    await profiles.update({ providerId: provider.id }, patch);
    const profile: ProviderSecurityProfileEntity = {
      providerId: provider.id,
      platformName: provider.platformName,
      platformMlpsLevel: provider.platformMlpsLevel,
      platformMlpsCertificateNo: provider.platformMlpsCertificateNo,
      platformMlpsFiledOn: provider.platformMlpsFiledOn,
      cybersecurityReviewPassedOn: provider.cybersecurityReviewPassedOn,
      version: 1,
      ...patch,
    };
    const recordedAt = new Date(`${assessedOn ?? provider.platformMlpsFiledOn}T10:00:00+08:00`);
    const id = stableId('security-platform-change', provider.code);
    changes.push(changeSnapshot(profile, 'PLATFORM_MLPS', '依据平台备案与最近测评建档', SEED_BUREAU, recordedAt, id));
  }
  await insertAll(manager, PlatformSecurityChangeEntity, changes);

  const designated = world.providers.filter((provider) => provider.status === 'DESIGNATED');
  await insertAll(manager, DisasterRecoveryDrillEntity, designated.flatMap(drillsOf));

  const bulletin: SecurityBulletinEntity = {
    id: stableId('security-bulletin', '2026-001'),
    number: bulletinNumber('2026', 1),
    title: '关于防范勒索病毒攻击政务云平台的安全通报',
    content:
      '近期针对政务云平台的勒索病毒攻击增多。请各定点服务商立即排查云平台对外暴露的远程管理端口，核查备份数据的离线与不可变保存，完善应急预案，并于签收后 5 个工作日内报告排查情况。',
    severity: 'HIGH',
    providerId: null,
    issuedAt: new Date('2026-11-10T09:00:00+08:00'),
    issuedBy: 'seed:cybersec',
    issuerRole: 'CYBERSEC',
  };
  await insertAll(manager, SecurityBulletinEntity, [bulletin]);
  const first = designated[0];
  if (first) {
    await insertAll(manager, SecurityBulletinAcknowledgementEntity, [
      {
        id: stableId('security-bulletin-ack', `2026-001:${first.code}`),
        bulletinId: bulletin.id,
        providerId: first.id,
        acknowledgedAt: new Date('2026-11-11T09:30:00+08:00'),
        acknowledgedBy: `seed:${first.code}`,
      },
    ]);
  }
}
