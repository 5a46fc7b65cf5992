// Demo security incidents (第十八条, INCIDENT_REPORT) derived from the world: reports by providers and
// by units, one of them late, each with its timeline; all reported before the world's today.
import type { World } from '../world';
import { CITY_REGION_CODE } from '../../subgraphs/kit/regions';
import { stableId } from '../../subgraphs/kit/stable-id';
import { inspectedSystemOf } from './security-inspections';
import type { IncidentRecord, IncidentSeverity, IncidentStatus, IncidentSystemRecord, IncidentUpdateRecord } from './types-security';

interface IncidentPlan {
  key: string;
  title: string;
  severity: IncidentSeverity;
  reporter: { providerCode: string } | { systemRegion: string };
  detectedAt: string;
  reportedAt: string;
  timeline: Array<{ at: string; by: string; status: IncidentStatus; note: string }>;
}

const PLANS: IncidentPlan[] = [
  {
    key: 'ddos-2026-11-18',
    title: '云平台出口遭受 DDoS 攻击',
    severity: 'GENERAL',
    reporter: { providerCode: 'P-INSPUR' },
    detectedAt: '2026-11-18T09:10:00+08:00',
    reportedAt: '2026-11-18T09:40:00+08:00',
    timeline: [
      { at: '2026-11-18T11:00:00+08:00', by: 'PROVIDER', status: 'HANDLING', note: '已启用流量清洗' },
      { at: '2026-11-18T15:30:00+08:00', by: 'CYBERSEC', status: 'RESOLVED', note: '攻击流量消退，业务恢复正常' },
    ],
  },
  {
    key: 'ransomware-2026-11-20',
    title: '业务服务器疑似感染勒索病毒',
    severity: 'SERIOUS',
    reporter: { systemRegion: '371602' },
    detectedAt: '2026-11-20T22:05:00+08:00',
    // 150 minutes: later than the 60 allowed for a serious incident.
    reportedAt: '2026-11-21T00:35:00+08:00',
    timeline: [{ at: '2026-11-21T02:00:00+08:00', by: 'CYBERSEC', status: 'HANDLING', note: '已隔离受感染主机，正在溯源' }],
  },
  {
    key: 'scan-2026-11-24',
    title: '数据库端口遭异常扫描',
    severity: 'LARGER',
    reporter: { providerCode: 'P-CTYUN' },
    detectedAt: '2026-11-24T14:00:00+08:00',
    reportedAt: '2026-11-24T14:45:00+08:00',
    timeline: [],
  },
  {
    key: 'defacement-2026-11-10',
    title: '门户网站页面被篡改',
    severity: 'GENERAL',
    reporter: { systemRegion: CITY_REGION_CODE },
    detectedAt: '2026-11-10T08:20:00+08:00',
    reportedAt: '2026-11-10T08:50:00+08:00',
    timeline: [{ at: '2026-11-10T10:00:00+08:00', by: 'USER_UNIT', status: 'RESOLVED', note: '已恢复页面并修补漏洞' }],
  },
];

export function buildIncidents(world: World) {
  const incidents: IncidentRecord[] = [];
  const systems: IncidentSystemRecord[] = [];
  const updates: IncidentUpdateRecord[] = [];
  for (const plan of PLANS) {
    const id = stableId('security.incident', plan.key);
    const detectedAt = new Date(plan.detectedAt);
    const reportedAt = new Date(plan.reportedAt);
    let incident: IncidentRecord;
    const base = {
      id,
      title: plan.title,
      description: `${plan.title}，详见处置进展。`,
      severity: plan.severity,
      status: plan.timeline.at(-1)?.status ?? ('REPORTED' as IncidentStatus),
      detectedAt,
      reportedAt,
      detectionToReportMinutes: Math.floor((reportedAt.getTime() - detectedAt.getTime()) / 60_000),
      version: 1 + plan.timeline.length,
    };
    if ('providerCode' in plan.reporter) {
      const { providerCode } = plan.reporter;
      const provider = world.providers.find((candidate) => candidate.code === providerCode)!;
      incident = {
        ...base,
        reporterRole: 'PROVIDER',
        reportedBy: `seed-provider-${provider.code}`,
        providerId: provider.id,
        unitId: null,
        regionCode: CITY_REGION_CODE,
      };
      // The provider names two of the systems it hosts.
      const hosted = [...world.systems]
        .filter((system) => system.providerId === provider.id && system.goLiveOn && !system.retiredOn)
        .sort((a, b) => a.code.localeCompare(b.code))
        .slice(0, 2);
      for (const system of hosted)
        systems.push({ incidentId: id, systemId: system.id, unitId: system.unitId, regionCode: system.regionCode });
    } else {
      const system = inspectedSystemOf(world, plan.reporter.systemRegion);
      incident = {
        ...base,
        reporterRole: 'USER_UNIT',
        reportedBy: 'seed-unit',
        providerId: system.providerId,
        unitId: system.unitId,
        regionCode: system.regionCode,
      };
      systems.push({ incidentId: id, systemId: system.id, unitId: system.unitId, regionCode: system.regionCode });
    }
    incidents.push(incident);
    const entries = [
      { at: plan.reportedAt, by: incident.reporterRole, status: 'REPORTED' as IncidentStatus, note: incident.description },
      ...plan.timeline,
    ];
    entries.forEach((entry, index) =>
      updates.push({
        id: stableId('security.incident-update', `${plan.key}#${index + 1}`),
        incidentId: id,
        seq: index + 1,
        recordedAt: new Date(entry.at),
        authorRole: entry.by,
        author: `seed-${entry.by.toLowerCase()}`,
        status: entry.status,
        note: entry.note,
      }),
    );
  }
  return { incidents, systems, updates };
}
