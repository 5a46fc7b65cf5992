// Demo grants and access records (第二十三条): a few grants on three live systems (one expired, one
// revoked), and one submission per provider of records, some of which no grant covers. Whether a
// record is a violation is decided by the rule itself (matchingGrant), as a submission would.
import type { World } from '../world';
import { matchingGrant, type AccessResourceKind } from '../../subgraphs/contracts/access-grants';
import { stableId } from '../../subgraphs/kit/stable-id';
import type { SystemRecord } from './types';
import type { AccessGrantRecord, AccessRecordRecord } from './types-security';
import { personName, rngFor } from './util';

const at = (instant: string) => new Date(instant);

interface GrantPlan {
  key: string;
  system: SystemRecord;
  kind: AccessResourceKind;
  account: string;
  purpose: string;
  from: string;
  until: string;
  grantedAt: string;
  revokedAt?: string;
}

interface RecordPlan {
  system: SystemRecord;
  kind: AccessResourceKind;
  account: string;
  accessedAt: string;
  action: string;
}

/** Three live systems on the cloud: two at the city level on different platforms, one in 滨城区. */
function demoSystems(world: World): [SystemRecord, SystemRecord, SystemRecord] {
  const live = world.systems.filter((system) => system.deploymentMode === 'ON_CLOUD' && !system.retiredOn && system.goLiveOn);
  const first = live.find((system) => system.regionCode === '371600');
  const second = live.find((system) => system.regionCode === '371600' && system.providerId !== first?.providerId);
  const county = live.find((system) => system.regionCode === '371602');
  if (!first || !second || !county) throw new Error('world: no live systems for the access grant demo');
  return [first, second, county];
}

export function buildAccessDemo(world: World): { grants: AccessGrantRecord[]; records: AccessRecordRecord[] } {
  const [cityA, cityB, county] = demoSystems(world);
  const providerCode = (system: SystemRecord) => world.providers.find((provider) => provider.id === system.providerId)!.code;
  const account = (system: SystemRecord, n: number) => `${providerCode(system).toLowerCase()}-ops-${String(n).padStart(2, '0')}`;
  const unitCode = (system: SystemRecord) => world.units.find((unit) => unit.id === system.unitId)!.code;

  const plans: GrantPlan[] = [
    {
      key: 'db-patch',
      system: cityA,
      kind: 'DATABASE',
      account: account(cityA, 1),
      purpose: '数据库补丁升级与性能巡检',
      from: '2026-11-01T08:00:00+08:00',
      until: '2027-01-31T18:00:00+08:00',
      grantedAt: '2026-10-30T10:00:00+08:00',
    },
    {
      key: 'host-migration',
      system: cityA,
      kind: 'HOST',
      account: account(cityA, 2),
      purpose: '云主机迁移后的配置核查',
      from: '2026-11-01T08:00:00+08:00',
      until: '2026-11-15T18:00:00+08:00',
      grantedAt: '2026-10-31T09:30:00+08:00',
    },
    {
      key: 'storage-expansion',
      system: cityB,
      kind: 'STORAGE',
      account: account(cityB, 1),
      purpose: '对象存储扩容',
      from: '2026-11-01T08:00:00+08:00',
      until: '2027-02-28T18:00:00+08:00',
      grantedAt: '2026-10-31T15:00:00+08:00',
      revokedAt: '2026-11-20T12:00:00+08:00',
    },
    {
      key: 'host-ops',
      system: county,
      kind: 'HOST',
      account: account(county, 1),
      purpose: '日常运维与安全加固',
      from: '2026-11-10T08:00:00+08:00',
      until: '2027-03-31T18:00:00+08:00',
      grantedAt: '2026-11-09T16:00:00+08:00',
    },
  ];
  const grants: AccessGrantRecord[] = plans.map((plan) => ({
    id: stableId('access-grant', `${plan.system.code}/${plan.key}`),
    systemId: plan.system.id,
    unitId: plan.system.unitId,
    providerId: plan.system.providerId!,
    regionCode: plan.system.regionCode,
    resourceKind: plan.kind,
    staffName: personName(rngFor(`access-grant-staff/${plan.account}`)),
    staffAccount: plan.account,
    purpose: plan.purpose,
    validFrom: at(plan.from),
    validUntil: at(plan.until),
    grantedAt: at(plan.grantedAt),
    grantedBy: `seed:${unitCode(plan.system)}`,
    revokedAt: plan.revokedAt ? at(plan.revokedAt) : null,
    revokedBy: plan.revokedAt ? `seed:${unitCode(plan.system)}` : null,
  }));

  const accesses: RecordPlan[] = [
    ...['03', '10', '17', '24'].map((day) => ({
      system: cityA,
      kind: 'DATABASE' as const,
      account: account(cityA, 1),
      accessedAt: `2026-11-${day}T22:15:00+08:00`,
      action: '执行数据库补丁脚本',
    })),
    { system: cityA, kind: 'HOST', account: account(cityA, 2), accessedAt: '2026-11-12T10:00:00+08:00', action: '核查主机配置' },
    // After the grant ended on 11-15: a violation.
    { system: cityA, kind: 'HOST', account: account(cityA, 2), accessedAt: '2026-11-18T10:00:00+08:00', action: '核查主机配置' },
    // Nobody granted this account anything: a violation.
    { system: cityA, kind: 'HOST', account: 'tmp-admin', accessedAt: '2026-11-21T02:40:00+08:00', action: '登录云主机' },
    { system: cityB, kind: 'STORAGE', account: account(cityB, 1), accessedAt: '2026-11-18T14:00:00+08:00', action: '扩容存储桶' },
    // After the unit revoked the grant on 11-20: a violation.
    { system: cityB, kind: 'STORAGE', account: account(cityB, 1), accessedAt: '2026-11-22T09:00:00+08:00', action: '导出存储桶清单' },
    ...['12', '19', '25'].map((day) => ({
      system: county,
      kind: 'HOST' as const,
      account: account(county, 1),
      accessedAt: `2026-11-${day}T09:30:00+08:00`,
      action: '安全基线加固',
    })),
    // The grant is for hosts, not the database: a violation.
    { system: county, kind: 'DATABASE', account: account(county, 1), accessedAt: '2026-11-21T09:30:00+08:00', action: '查询业务数据库' },
  ];
  const records: AccessRecordRecord[] = accesses.map((access, index) => {
    const code = providerCode(access.system);
    const grant = matchingGrant(grants, {
      systemId: access.system.id,
      providerId: access.system.providerId!,
      resourceKind: access.kind,
      staffAccount: access.account,
      accessedAt: at(access.accessedAt),
    });
    return {
      id: stableId('access-record', `${code}/${index}`),
      submissionId: stableId('access-submission', `${code}/seed`),
      providerId: access.system.providerId!,
      systemId: access.system.id,
      unitId: access.system.unitId,
      regionCode: access.system.regionCode,
      resourceKind: access.kind,
      staffAccount: access.account,
      accessedAt: at(access.accessedAt),
      action: access.action,
      externalId: `${code}-LOG-2026-${String(index + 1).padStart(6, '0')}`,
      grantId: grant?.id ?? null,
      violation: grant === null,
      submittedAt: at('2026-11-25T20:00:00+08:00'),
      submittedBy: `seed:${code}`,
    };
  });
  return { grants, records };
}
