// Government information systems: a few per unit, hosted by a provider the unit's level may use.
import { stableId } from '../../subgraphs/kit/stable-id';
import { CITY_REGION_CODE, regionByCode } from '../../subgraphs/kit/regions';
import { COUNTY_PROVIDERS } from './agreements';
import { APPLICATION_PLAN, planTimeline } from './application-plan';
import { P_CTYUN, P_INSPUR, P_UNICOM } from './providers';
import { EXEMPTIONS, MLPS_OVERDUE_SHOWCASE, MLPS_OVERRIDES, PEAKY_SYSTEMS } from './system-traits';
import type { MlpsLevel, ProviderRecord, SystemRecord } from './types';
import { WORLD_TODAY } from './types';
import { COUNTY_CORE_KINDS } from './unit-kinds';
import type { UnitWithKind } from './units';
import { addDays, addWorkdays, daysBetween, pad, rngFor, type Rng } from './util';

/** Systems and, index for index with APPLICATION_PLAN, the system each application is about. */
export interface SystemsResult {
  systems: SystemRecord[];
  applicationSystems: SystemRecord[];
}

/** City providers by weight (Inspur has hosted the longest); counties use only those they signed with. */
const CITY_PROVIDERS = [P_INSPUR, P_INSPUR, P_INSPUR, P_INSPUR, P_INSPUR, P_CTYUN, P_CTYUN, P_CTYUN, P_UNICOM, P_UNICOM];

/** Systems copied to a second platform: disaster recovery (灾备) or a standby (应急备用). */
const BACKUPS: readonly { primary: string; suffix: string; dr: boolean }[] = [
  { primary: '全民健康信息平台', suffix: '（同城灾备）', dr: true },
  { primary: '医保基金智能监管系统', suffix: '（同城灾备）', dr: true },
  { primary: '不动产登记信息管理平台', suffix: '（同城灾备）', dr: true },
  { primary: '12345政务服务便民热线平台', suffix: '（应急备用）', dr: false },
];

/** Latest go-live date drawn for systems outside the application plan. */
const LAST_RANDOM_GO_LIVE = '2026-11-10';

function drawLevel(rng: Rng): MlpsLevel {
  const x = rng.next();
  return x < 0.05 ? 1 : x < 0.6 ? 2 : 3;
}

function earliestGoLive(providerCode: string, regionCode: string): string {
  // Inspur's first city agreement started 2021-07; every other agreement in 2024-07.
  return providerCode === P_INSPUR && regionCode === CITY_REGION_CODE ? '2021-09-01' : '2024-08-01';
}

function drawDate(rng: Rng, from: string, to: string): string {
  return addWorkdays(addDays(from, rng.int(0, daysBetween(from, to))), 0);
}

interface Draft {
  record: SystemRecord;
  template: string;
  providerCode: string | null;
  rng: Rng;
}

export function buildSystems(units: readonly UnitWithKind[], providers: readonly ProviderRecord[]): SystemsResult {
  const byCode = new Map(providers.map((p) => [p.code, p]));
  const drafts: Draft[] = [];

  for (const { unit, kind } of units) {
    const isCity = unit.regionCode === CITY_REGION_CODE;
    const regionName = regionByCode(unit.regionCode)!.name;
    const templates = isCity
      ? kind.citySystems
      : kind.countySystems.slice(0, (COUNTY_CORE_KINDS as readonly string[]).includes(kind.key) ? 2 : 1);
    templates.forEach((template, i) => {
      const code = `S-${unit.code.slice(2)}-${pad(i + 1, 2)}`;
      const rng = rngFor(`system:${code}`);
      const exemption = EXEMPTIONS[template] ?? null;
      const mlpsLevel = MLPS_OVERRIDES[template] ?? drawLevel(rng);
      const candidates = (isCity ? CITY_PROVIDERS : COUNTY_PROVIDERS[unit.regionCode]!).filter(
        (c) => byCode.get(c)!.platformMlpsLevel >= mlpsLevel,
      );
      const providerCode = exemption ? null : rng.pick(candidates);
      drafts.push({
        providerCode,
        rng,
        template,
        record: {
          id: stableId('system', code),
          code,
          name: isCity ? template : `${regionName}${template}`,
          unitId: unit.id,
          regionCode: unit.regionCode,
          providerId: providerCode ? byCode.get(providerCode)!.id : null,
          deploymentMode: exemption ? 'EXEMPT' : 'ON_CLOUD',
          exemptionLegalBasis: exemption,
          loadVariesWidely: PEAKY_SYSTEMS.has(template) || rng.chance(0.07),
          mlpsLevel,
          goLiveOn: null,
          retiredOn: null,
          legacySystemName: null,
          legacyShutdownOn: null,
          isDisasterRecovery: false,
          isStandby: false,
          primarySystemId: null,
        },
      });
    });
  }

  // Flagship systems (backed up, or graded by hand) stay live; the plan draws from the rest.
  const primaries = new Set(BACKUPS.map((b) => b.primary));
  const applicationDrafts = assignApplications(
    drafts.filter((d) => d.providerCode && !primaries.has(d.template) && !(d.template in MLPS_OVERRIDES)),
  );
  const planned = new Set(applicationDrafts);

  for (const draft of drafts) {
    if (draft.providerCode === null || planned.has(draft)) continue;
    const { record: s, rng } = draft;
    // A few existing systems have not started moving yet (第三条: they must migrate).
    if (rng.chance(0.012)) {
      s.deploymentMode = 'MIGRATING';
      s.legacySystemName = `${s.name}（原自建机房）`;
      continue;
    }
    const drawnGoLive = drawDate(rng, earliestGoLive(draft.providerCode, s.regionCode), LAST_RANDOM_GO_LIVE);
    s.goLiveOn = s.code === MLPS_OVERDUE_SHOWCASE.systemCode ? MLPS_OVERDUE_SHOWCASE.goLiveOn : drawnGoLive;
    if (rng.chance(0.35)) {
      s.legacySystemName = `${s.name}（原自建机房）`;
      // LEGACY_3M: usually shut down within the three months; some are left running (flagged once overdue).
      const shutdown = addDays(s.goLiveOn, rng.int(15, 85));
      s.legacyShutdownOn = rng.chance(0.1) || shutdown > WORLD_TODAY ? null : shutdown;
    }
  }

  APPLICATION_PLAN.forEach((row, i) => {
    const s = applicationDrafts[i]!.record;
    const t = planTimeline(row);
    const migrating = row.kind === 'MIGRATION';
    s.goLiveOn = t.goLiveOn;
    s.retiredOn = t.terminatedOn;
    s.deploymentMode = migrating && !t.goLiveOn ? 'MIGRATING' : 'ON_CLOUD';
    s.legacySystemName = migrating ? `${s.name}（原自建机房）` : null;
    const shutdown = t.goLiveOn ? addDays(t.goLiveOn, 60) : null;
    s.legacyShutdownOn = migrating && !row.legacyKeptRunning && shutdown && shutdown <= WORLD_TODAY ? shutdown : null;
  });

  const backups = BACKUPS.map((b) => backupOf(drafts, b, byCode));
  return {
    systems: [...drafts.map((d) => d.record), ...backups],
    applicationSystems: applicationDrafts.map((d) => d.record),
  };
}

/**
 * Picks a system for each planned application: the region's candidates are walked from a
 * row-dependent offset so the applications spread over different units.
 */
function assignApplications(candidates: Draft[]): Draft[] {
  const used = new Set<Draft>();
  return APPLICATION_PLAN.map((row, i) => {
    const pool = candidates.filter((d) => d.record.regionCode === row.regionCode);
    for (let k = 0; k < pool.length; k++) {
      const draft = pool[(i * 7 + k) % pool.length]!;
      if (!used.has(draft)) {
        used.add(draft);
        return draft;
      }
    }
    throw new Error(`no system left for application ${i} in ${row.regionCode}`);
  });
}

function backupOf(drafts: readonly Draft[], backup: (typeof BACKUPS)[number], byCode: Map<string, ProviderRecord>): SystemRecord {
  const primary = drafts.find((d) => d.record.name === backup.primary)!;
  const p = primary.record;
  // A backup belongs on another platform that can hold the primary's MLPS level.
  const providerCode = CITY_PROVIDERS.find((c) => c !== primary.providerCode && byCode.get(c)!.platformMlpsLevel >= p.mlpsLevel)!;
  const code = `${p.code}-B`;
  // Built after the primary, and not before its own provider could host anything.
  const earliest = earliestGoLive(providerCode, p.regionCode);
  const after = p.goLiveOn ? addDays(p.goLiveOn, 45) : null;
  const goLiveOn = after ? addWorkdays(after > earliest ? after : earliest, 0) : null;
  return {
    ...p,
    id: stableId('system', code),
    code,
    name: `${p.name}${backup.suffix}`,
    providerId: byCode.get(providerCode)!.id,
    deploymentMode: 'ON_CLOUD',
    loadVariesWidely: false,
    goLiveOn: goLiveOn && goLiveOn <= WORLD_TODAY ? goLiveOn : null,
    legacySystemName: null,
    legacyShutdownOn: null,
    isDisasterRecovery: backup.dr,
    isStandby: !backup.dr,
    primarySystemId: p.id,
  };
}
