// Applications built from the plan: materials, resource lines priced from the provider's catalog.
import { stableId } from '../../subgraphs/kit/stable-id';
import { APPLICATION_PLAN, planTimeline, type ApplicationPlanRow } from './application-plan';
import { securityAgreementIdFor } from './security';
import type { BasicCatalogEntryRecord, SystemRecord } from './types';
import type { ApplicationMaterial, ApplicationRecord, ApplicationResourceLine, MaterialKind } from './types-lifecycle';
import { fenToYuan, pad, rngFor, yuanToFen, type Rng } from './util';

const MATERIAL_FILES: Record<MaterialKind, (systemName: string) => string> = {
  CONSTRUCTION_PLAN: (n) => `${n}建设方案.pdf`,
  SELF_TEST_REPORT: (n) => `${n}性能和安全自测报告.pdf`,
  RESOURCE_REQUEST_FORM: (n) => `${n}云服务资源申请表.xlsx`,
  SECURITY_RESPONSIBILITY_LETTER: (n) => `${n}云服务安全责任书（盖章）.pdf`,
};

/** States at which procurement has concluded, so resource lines carry concluded prices. */
const PROCURED_STATES = new Set(['PROCURED', 'TESTING', 'IN_PRODUCTION', 'TERMINATING', 'TERMINATED']);

function materials(row: ApplicationPlanRow, system: SystemRecord): ApplicationMaterial[] {
  const missing = new Set(row.missing ?? []);
  return (Object.keys(MATERIAL_FILES) as MaterialKind[])
    .filter((kind) => !missing.has(kind))
    .map((kind) => ({ kind, fileName: MATERIAL_FILES[kind](system.name) }));
}

/**
 * A resource request sized by MLPS level. Elastic systems state a range (ELASTIC_RESOURCES);
 * only items in the provider's basic catalog are requested, and concluded prices never exceed its cap.
 */
function resources(
  rng: Rng,
  system: SystemRecord,
  row: ApplicationPlanRow,
  catalog: Map<string, BasicCatalogEntryRecord>,
): ApplicationResourceLine[] {
  const high = system.mlpsLevel >= 3;
  const elastic = system.loadVariesWidely;
  const hosts = rng.int(2, 6);
  const wanted: [string, number, number][] = [
    [rng.pick(high ? ['ECS-8C16G', 'ECS-16C32G'] : ['ECS-2C4G', 'ECS-4C8G']), hosts, elastic ? hosts * 2 : hosts],
    ['EVS-SSD', rng.int(2, 20) * 100, rng.int(2, 20) * 100],
    [rng.pick(['RDS-DM8-4C8G', 'RDS-MYSQL-4C8G', 'RDS-PG-4C8G']), 1, 1],
    ['SEC-HOST', hosts, elastic ? hosts * 2 : hosts],
  ];
  if (elastic) wanted.push(['ECS-ELASTIC-VCPU', 8, 64]);
  if (high) wanted.push(['SEC-WAF', 1, 1], ['SEC-DBAUDIT', 1, 1]);
  if (row.kind === 'MIGRATION') wanted.push(['SVC-MIGRATION', 1, 1]);
  const procured = PROCURED_STATES.has(row.state);
  return wanted
    .filter(([code]) => catalog.has(code))
    .map(([serviceItemCode, quantity, max]) => {
      const listedFen = yuanToFen(catalog.get(serviceItemCode)!.listedPriceYuan);
      // Some procurements conclude below the listed price, which lowers the cap (CAP_LOWERS).
      const concludedFen = rng.chance(0.3) ? Math.floor(listedFen * 0.95) : listedFen;
      return {
        serviceItemCode,
        quantity,
        quantityMax: Math.max(quantity, max),
        concludedPriceYuan: procured ? fenToYuan(concludedFen) : null,
      };
    });
}

/** `numberOffset`: a scaled world's copy numbers its applications after the earlier copies' (seed/world/scale.ts). */
export function buildApplications(
  applicationSystems: readonly SystemRecord[],
  basicCatalog: readonly BasicCatalogEntryRecord[],
  numberOffset = 0,
): ApplicationRecord[] {
  return APPLICATION_PLAN.map((row, i) => {
    const system = applicationSystems[i]!;
    const t = planTimeline(row);
    const code = `A-${t.createdOn.slice(0, 4)}-${pad(numberOffset + i + 1, 4)}`;
    const rng = rngFor(`application:${code}`);
    const catalog = new Map(basicCatalog.filter((e) => e.providerId === system.providerId).map((e) => [e.serviceItemCode, e]));
    const signed = row.state !== 'DRAFT' && row.state !== 'REJECTED' && !row.noSecurityAgreement;
    return {
      id: stableId('application', code),
      code,
      kind: row.kind,
      state: row.state,
      unitId: system.unitId,
      systemId: system.id,
      providerId: system.providerId!,
      regionCode: system.regionCode,
      securityAgreementId: signed ? securityAgreementIdFor(system.code) : null,
      materials: materials(row, system),
      resources: resources(rng, system, row, catalog),
      ...t,
      rejectionReason: row.rejectionReason ?? null,
      testExtensionReason: row.testExtensionReason ?? null,
      terminationReason: row.terminationReason ?? null,
    };
  });
}
