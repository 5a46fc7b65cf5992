import { describe, expect, it } from 'vitest';
import { APPLICATION_STATES, buildWorld, WORLD_TODAY, type World } from '../../seed/world';
import { CITY_REGION_CODE, isCountyCode, regionByCode, REGIONS } from '../../subgraphs/kit/regions';
import { stableId } from '../../subgraphs/kit/stable-id';

const world: World = buildWorld();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function byId<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((item) => [item.id, item]));
}

describe('stableId', () => {
  it('is a deterministic version-5-shaped UUID that depends on namespace and key', () => {
    expect(stableId('unit', 'U-1')).toBe(stableId('unit', 'U-1'));
    expect(stableId('unit', 'U-1')).toMatch(UUID);
    expect(stableId('unit', 'U-1')).not.toBe(stableId('system', 'U-1'));
    expect(stableId('ab', 'c')).not.toBe(stableId('a', 'bc'));
  });
});

describe('regions', () => {
  it('holds the city and its seven counties', () => {
    expect(REGIONS).toHaveLength(8);
    expect(regionByCode(CITY_REGION_CODE)?.level).toBe('CITY');
    expect(regionByCode('371681')?.name).toBe('邹平市');
    expect(isCountyCode('371625')).toBe(true);
    expect(isCountyCode(CITY_REGION_CODE)).toBe(false);
    expect(isCountyCode('110000')).toBe(false);
  });
});

describe('buildWorld', () => {
  it('is deterministic', () => {
    expect(buildWorld()).toEqual(buildWorld());
  });

  it('gives every record a unique stable id', () => {
    const ids = Object.values(world).flatMap((records: { id: string }[]) => records.map((r) => r.id));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(UUID);
  });

  it('has about 80 units, about 200 systems, and units in every region', () => {
    expect(world.units.length).toBeGreaterThanOrEqual(70);
    expect(world.units.length).toBeLessThanOrEqual(90);
    expect(world.systems.length).toBeGreaterThanOrEqual(180);
    expect(world.systems.length).toBeLessThanOrEqual(220);
    for (const region of REGIONS) expect(world.units.some((u) => u.regionCode === region.code)).toBe(true);
    expect(new Set(world.systems.map((s) => s.code)).size).toBe(world.systems.length);
  });

  it('has three designated providers, one candidate, and one lapsed qualification', () => {
    const statuses = world.providers.map((p) => p.status).sort();
    expect(statuses).toEqual(['CANDIDATE', 'DESIGNATED', 'DESIGNATED', 'DESIGNATED']);
    expect(world.providers.filter((p) => p.qualificationValidUntil < WORLD_TODAY)).toHaveLength(1);
    for (const p of world.providers) expect(p.unifiedSocialCreditCode).toMatch(/^[0-9A-HJ-NPQRTUWXY]{18}$/);
  });

  it('hosts every system in its unit on a designated provider whose platform level covers it', () => {
    const units = byId(world.units);
    const providers = byId(world.providers);
    for (const s of world.systems) {
      expect(units.get(s.unitId)?.regionCode).toBe(s.regionCode);
      if (s.deploymentMode === 'EXEMPT') {
        expect(s.providerId).toBeNull();
        expect(s.exemptionLegalBasis).toBeTruthy();
        continue;
      }
      const provider = providers.get(s.providerId!);
      expect(provider?.status).toBe('DESIGNATED');
      expect(s.mlpsLevel).toBeLessThanOrEqual(provider!.platformMlpsLevel);
    }
    expect(world.systems.some((s) => s.deploymentMode === 'MIGRATING')).toBe(true);
  });

  it('hosts each system only with a provider that has an active agreement at its level', () => {
    const active = new Set(world.agreements.filter((a) => a.status === 'ACTIVE').map((a) => `${a.providerId}:${a.regionCode}`));
    for (const s of world.systems.filter((x) => x.providerId)) {
      expect(active.has(`${s.providerId}:${s.regionCode}`)).toBe(true);
    }
  });

  it('keeps agreements within 3 years and county agreements equal to their city agreement', () => {
    const agreements = byId(world.agreements);
    for (const a of world.agreements) {
      const [y, m, d] = a.startsOn.split('-');
      expect(a.endsOn < `${Number(y) + 3}-${m}-${d}`).toBe(true);
      if (a.regionCode === CITY_REGION_CODE) continue;
      const city = agreements.get(a.cityAgreementId!)!;
      expect(city.regionCode).toBe(CITY_REGION_CODE);
      expect(city.providerId).toBe(a.providerId);
      expect([a.startsOn, a.endsOn, a.renewalTerms, a.exitTerms]).toEqual([city.startsOn, city.endsOn, city.renewalTerms, city.exitTerms]);
    }
    expect(world.agreements.some((a) => a.status === 'EXPIRED')).toBe(true);
  });

  it('never lists or concludes a basic-catalog price above its cap', () => {
    const caps = new Map(world.basicCatalog.map((e) => [`${e.providerId}:${e.serviceItemCode}`, Number(e.priceCapYuan)]));
    for (const e of world.basicCatalog) expect(Number(e.listedPriceYuan)).toBeLessThanOrEqual(Number(e.priceCapYuan));
    for (const a of world.applications) {
      for (const line of a.resources) {
        const cap = caps.get(`${a.providerId}:${line.serviceItemCode}`);
        expect(cap).toBeDefined();
        if (line.concludedPriceYuan !== null) expect(Number(line.concludedPriceYuan)).toBeLessThanOrEqual(cap!);
      }
    }
  });

  it('files supplementary entries in every status', () => {
    const statuses = new Set(world.supplementaryCatalog.map((e) => e.filingStatus));
    expect([...statuses].sort()).toEqual(['FILED', 'PENDING', 'PROMOTED']);
  });

  it('has every application state at least twice, consistent with its system', () => {
    for (const state of APPLICATION_STATES) {
      expect(world.applications.filter((a) => a.state === state).length).toBeGreaterThanOrEqual(2);
    }
    const systems = byId(world.systems);
    const securityAgreements = byId(world.securityAgreements);
    for (const a of world.applications) {
      const s = systems.get(a.systemId)!;
      expect([s.unitId, s.providerId, s.regionCode]).toEqual([a.unitId, a.providerId, a.regionCode]);
      if (a.securityAgreementId) expect(securityAgreements.get(a.securityAgreementId)?.systemId).toBe(a.systemId);
      if (['ACCEPTED', 'PROCURED', 'TESTING', 'IN_PRODUCTION'].includes(a.state)) {
        expect(a.securityAgreementId).not.toBeNull();
      }
      if (a.state === 'REJECTED') expect(a.rejectionReason).toBeTruthy();
      if (a.state === 'FILED') expect(isCountyCode(a.regionCode) && a.filedOn !== null).toBe(true);
      expect(s.goLiveOn).toBe(a.goLiveOn);
      const dates = Object.entries(a).filter(([k, v]) => k.endsWith('On') && typeof v === 'string');
      for (const [, date] of dates) expect(date <= WORLD_TODAY).toBe(true);
    }
  });

  it('keeps an MLPS record for each live system, evaluations per designated provider and year', () => {
    const live = world.systems.filter((s) => s.goLiveOn && !s.retiredOn);
    expect(new Set(world.mlpsRecords.map((m) => m.systemId))).toEqual(new Set(live.map((s) => s.id)));
    for (const m of world.mlpsRecords) {
      if (m.lastAssessedOn) expect(m.lastAssessedOn <= WORLD_TODAY).toBe(true);
    }
    const designated = world.providers.filter((p) => p.status === 'DESIGNATED');
    for (const p of designated) {
      const years = world.providerEvaluations.filter((e) => e.providerId === p.id).map((e) => e.year);
      expect(years).toEqual(expect.arrayContaining([2024, 2025]));
      expect(new Set(years).size).toBe(years.length);
    }
  });
});
