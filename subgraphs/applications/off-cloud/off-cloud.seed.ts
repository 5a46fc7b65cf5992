// Demo: existing systems still off the cloud (第三条, ON_CLOUD), registered in 2026 by their units
// (so the published 2025 unit performance results are untouched): one in 滨城区 whose plan is
// overdue, one city unit's on plan, one exempt by the bureau's decision in 沾化区 and one claim
// awaiting the bureau in 惠民县. Deterministic: stable ids, fixed days and times.
import type { EntityManager } from 'typeorm';
import type { World } from '../../../seed/world';
import { insertAll } from '../../kit/insert-all';
import { stableId } from '../../kit/stable-id';
import { OffCloudSystemEntity } from './off-cloud-system.entity';
import { UNDECIDED_NOT_MOVED } from './off-cloud.service';

const SECRECY_LAW = '《中华人民共和国保守国家秘密法》：涉密信息系统按国家保密规定建设和管理，不属第三条所指内部非涉密电子政务应用';

interface Demo {
  key: string;
  regionCode: string;
  name: string;
  description: string;
  currentLocation: string;
  registeredOn: string;
  change: Partial<OffCloudSystemEntity>;
}

const DEMOS: readonly Demo[] = [
  {
    key: 'bincheng-overdue',
    regionCode: '371602',
    name: '档案数字化管理系统',
    description: '2016 年自建的档案扫描、著录与查询系统',
    currentLocation: '本单位机房（两台机架式服务器）',
    registeredOn: '2026-02-10',
    change: { status: 'PLANNED', migrationTargetOn: '2026-09-30', migrationPlan: '2026 年三季度随业务系统整合迁移上云' },
  },
  {
    key: 'city-planned',
    regionCode: '371600',
    name: '内部办公短信平台',
    description: '单位内部通知短信的发送与回执统计',
    currentLocation: '运营商托管机柜',
    registeredOn: '2026-05-18',
    change: { status: 'PLANNED', migrationTargetOn: '2027-06-30', migrationPlan: '托管合同 2027 年 6 月到期前完成迁移' },
  },
  {
    key: 'zhanhua-exempt',
    regionCode: '371603',
    name: '涉密文件传输系统',
    description: '与上级机关之间的涉密公文传输',
    currentLocation: '本单位涉密机房',
    registeredOn: '2026-03-02',
    change: {
      status: 'EXEMPT',
      exemptionLegalBasis: SECRECY_LAW,
      exemptionClaimedOn: '2026-03-02',
      exemptionDecision: 'ACCEPTED',
      exemptionDecidedOn: '2026-03-06',
      exemptionDecidedBy: 'seed-bureau',
    },
  },
  {
    key: 'huimin-claimed',
    regionCode: '371621',
    name: '应急指挥专网调度系统',
    description: '应急指挥专网上的视频调度与会商',
    currentLocation: '县应急指挥中心机房',
    registeredOn: '2026-10-20',
    change: {
      status: 'EXEMPTION_CLAIMED',
      migrationTargetOn: '2027-12-31',
      exemptionLegalBasis: '《中华人民共和国突发事件应对法》及应急指挥专网建设管理的国家有关文件',
      exemptionClaimedOn: '2026-10-20',
    },
  },
];

export function offCloudSystemsOf(world: World): OffCloudSystemEntity[] {
  return DEMOS.map((demo) => {
    const unit = world.units.find((candidate) => candidate.regionCode === demo.regionCode)!;
    return {
      id: stableId('applications.off-cloud-system', demo.key),
      unitId: unit.id,
      regionCode: unit.regionCode,
      name: demo.name,
      description: demo.description,
      currentLocation: demo.currentLocation,
      status: 'PLANNED',
      migrationTargetOn: null,
      migrationPlan: null,
      exemptionLegalBasis: null,
      exemptionClaimedOn: null,
      ...UNDECIDED_NOT_MOVED,
      registeredOn: demo.registeredOn,
      registeredAt: new Date(`${demo.registeredOn}T10:00:00+08:00`),
      registeredBy: 'seed-unit',
      version: 1,
      ...demo.change,
    };
  });
}

export async function seedOffCloudSystems(manager: EntityManager, world: World): Promise<void> {
  await insertAll(manager, OffCloudSystemEntity, offCloudSystemsOf(world));
}
