// Principals and world facts shared by the applications, security and supervision integration tests.
import { buildWorld, type ProviderRecord, type UnitRecord } from '../../seed/world';
import { CITY_REGION_CODE } from '../../subgraphs/kit/regions';
import { Role, type Principal } from '../../subgraphs/kit/principal';

export const world = buildWorld();

export const BINCHENG = '371602';

export const bureau: Principal = { subject: 'test-bureau', role: Role.BUREAU };
export const cybersec: Principal = { subject: 'test-cybersec', role: Role.CYBERSEC };
export const cityFinance: Principal = { subject: 'test-finance', role: Role.FINANCE, regionCode: CITY_REGION_CODE };

export function countyAuthority(regionCode: string): Principal {
  return { subject: `test-county-${regionCode}`, role: Role.COUNTY_AUTHORITY, regionCode };
}

export function userUnit(unit: UnitRecord): Principal {
  return { subject: `test-unit-${unit.code}`, role: Role.USER_UNIT, unitId: unit.id, regionCode: unit.regionCode };
}

export function providerPrincipal(provider: ProviderRecord): Principal {
  return { subject: `test-provider-${provider.code}`, role: Role.PROVIDER, providerId: provider.id };
}

export function providerByCode(code: string): ProviderRecord {
  const found = world.providers.find((provider) => provider.code === code);
  if (!found) throw new Error(`no provider ${code} in the world`);
  return found;
}

/** A unit with at least `minSystems` systems, so "only its own" is a meaningful check. */
export function unitWithSystems(regionCode: string, minSystems = 2): UnitRecord {
  const unit = world.units.find(
    (candidate) =>
      candidate.regionCode === regionCode && world.systems.filter((system) => system.unitId === candidate.id).length >= minSystems,
  );
  if (!unit) throw new Error(`no unit in ${regionCode} with ${minSystems} systems`);
  return unit;
}

/** One principal of each kind of scope (the whole city, a county, a unit, a provider), named for `it.each`. */
export function oneOfEachScope(): Array<[string, Principal]> {
  return [
    ['the bureau', bureau],
    ['a county', countyAuthority(BINCHENG)],
    ['a unit', userUnit(unitWithSystems(BINCHENG))],
    ['a provider', providerPrincipal(world.providers[0]!)],
  ];
}
