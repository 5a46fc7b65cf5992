// Demo inspections and rectifications (第十九条, INSPECTION_RECTIFY) derived from the world: one
// platform inspection and two system inspections (city and 滨城区), with findings in every state,
// some of them overdue on the world's today (2026-11-26).
import type { World } from '../world';
import { CITY_REGION_CODE } from '../../subgraphs/kit/regions';
import { stableId } from '../../subgraphs/kit/stable-id';
import type { SystemRecord } from './types';
import type { FindingSeverity, InspectionFindingRecord, InspectionRecord, RectificationStatus } from './types-security';

interface FindingPlan {
  severity: FindingSeverity;
  description: string;
  deadline: string;
  status: RectificationStatus;
  /** Sent back once before (its reason kept), for an OPEN finding. */
  returned?: string;
}

/** A live, hosted, primary system of `regionCode`, the first by code (deterministic). */
export function inspectedSystemOf(world: World, regionCode: string): SystemRecord {
  const system = [...world.systems]
    .sort((a, b) => a.code.localeCompare(b.code))
    .find((s) => s.regionCode === regionCode && s.providerId && s.goLiveOn && !s.retiredOn && !s.isDisasterRecovery && !s.isStandby);
  if (!system) throw new Error(`world: no live hosted system in ${regionCode} to inspect`);
  return system;
}

const at = (iso: string) => new Date(`${iso}T10:00:00+08:00`);

export function buildInspections(world: World): { inspections: InspectionRecord[]; findings: InspectionFindingRecord[] } {
  const provider = world.providers.find((candidate) => candidate.code === 'P-INSPUR') ?? world.providers[0]!;
  const citySystem = inspectedSystemOf(world, CITY_REGION_CODE);
  const countySystem = inspectedSystemOf(world, '371602');
  const plans: Array<{ key: string; inspection: Omit<InspectionRecord, 'id' | 'createdAt'>; findings: FindingPlan[] }> = [
    {
      key: `platform:${provider.code}:2026-09-15`,
      inspection: {
        targetKind: 'PLATFORM',
        providerId: provider.id,
        systemId: null,
        unitId: null,
        regionCode: CITY_REGION_CODE,
        conductedOn: '2026-09-15',
        scope: `${provider.platformName}：边界防护、日志审计、容灾备份与应急演练`,
        recordedByRole: 'BUREAU',
        jointRole: 'CYBERSEC',
        recordedBy: 'seed-bureau',
      },
      findings: [
        { severity: 'HIGH', description: '云管理平台运维账号未启用双因素认证', deadline: '2026-10-31', status: 'OPEN' },
        { severity: 'MEDIUM', description: '安全审计日志保存不足六个月', deadline: '2026-12-31', status: 'SUBMITTED' },
        { severity: 'LOW', description: '年度应急演练记录不完整', deadline: '2026-10-15', status: 'CLOSED' },
      ],
    },
    {
      key: `system:${citySystem.code}:2026-10-20`,
      inspection: systemInspection(citySystem, '2026-10-20', 'CYBERSEC', '应用安全、数据备份与访问控制'),
      findings: [
        {
          severity: 'HIGH',
          description: '数据库存在弱口令账号',
          deadline: '2026-11-10',
          status: 'OPEN',
          returned: '复测仍发现两个弱口令账号，请全部整改后重新提交',
        },
        { severity: 'MEDIUM', description: '重要数据未做异地备份', deadline: '2026-12-20', status: 'OPEN' },
      ],
    },
    {
      key: `system:${countySystem.code}:2026-11-05`,
      inspection: systemInspection(countySystem, '2026-11-05', 'BUREAU', '网页防篡改与漏洞扫描'),
      findings: [
        { severity: 'LOW', description: '网站未部署网页防篡改措施', deadline: '2027-01-05', status: 'OPEN' },
        { severity: 'MEDIUM', description: '中间件版本存在已公开的中危漏洞', deadline: '2026-11-20', status: 'CLOSED' },
      ],
    },
  ];

  const inspections: InspectionRecord[] = [];
  const findings: InspectionFindingRecord[] = [];
  for (const plan of plans) {
    const inspection: InspectionRecord = {
      id: stableId('security.inspection', plan.key),
      ...plan.inspection,
      createdAt: at(plan.inspection.conductedOn),
    };
    inspections.push(inspection);
    plan.findings.forEach((finding, index) => {
      const row = openFinding(inspection, index + 1, finding, stableId('security.inspection-finding', `${plan.key}#${index + 1}`));
      findings.push(withProgress(row, finding, inspection.recordedByRole === 'BUREAU' ? 'seed-bureau' : 'seed-cybersec'));
    });
  }
  return { inspections, findings };
}

function systemInspection(
  system: SystemRecord,
  conductedOn: string,
  recordedByRole: 'BUREAU' | 'CYBERSEC',
  scope: string,
): Omit<InspectionRecord, 'id' | 'createdAt'> {
  return {
    targetKind: 'SYSTEM',
    providerId: system.providerId,
    systemId: system.id,
    unitId: system.unitId,
    regionCode: system.regionCode,
    conductedOn,
    scope: `${system.name}：${scope}`,
    recordedByRole,
    jointRole: recordedByRole === 'BUREAU' ? 'CYBERSEC' : 'BUREAU',
    recordedBy: recordedByRole === 'BUREAU' ? 'seed-bureau' : 'seed-cybersec',
  };
}

/** Fills in the steps a finding in `plan.status` went through, each a version. */
function withProgress(row: InspectionFindingRecord, plan: FindingPlan, inspector: string): InspectionFindingRecord {
  const owner = row.ownerKind === 'UNIT' ? 'seed-unit' : 'seed-provider';
  if (plan.status !== 'OPEN' || plan.returned) {
    Object.assign(row, { submittedAt: at(plan.deadline), submittedBy: owner, submissionNote: '已按要求完成整改', version: 2 });
  }
  if (plan.returned) {
    Object.assign(row, { returnedAt: at(plan.deadline), returnedBy: inspector, returnReason: plan.returned, version: 3 });
  }
  if (plan.status === 'CLOSED') {
    Object.assign(row, { status: 'CLOSED', closedAt: at(plan.deadline), closedBy: inspector, verificationNote: '复查通过', version: 3 });
  } else {
    row.status = plan.status;
  }
  return row;
}

/** A finding as recorded with its inspection, open (the security subgraph's findingRow, with a stable id). */
function openFinding(inspection: InspectionRecord, seq: number, finding: FindingPlan, id: string): InspectionFindingRecord {
  return {
    id,
    inspectionId: inspection.id,
    seq,
    severity: finding.severity,
    description: finding.description,
    ownerKind: inspection.targetKind === 'PLATFORM' ? 'PROVIDER' : 'UNIT',
    systemId: inspection.systemId,
    unitId: inspection.unitId,
    providerId: inspection.providerId,
    regionCode: inspection.regionCode,
    deadline: finding.deadline,
    status: 'OPEN',
    submittedAt: null,
    submittedBy: null,
    submissionNote: null,
    closedAt: null,
    closedBy: null,
    verificationNote: null,
    returnedAt: null,
    returnedBy: null,
    returnReason: null,
    version: 1,
    createdAt: inspection.createdAt,
  };
}
