// The identity check after the JWT's signature: a signed token says what the identity provider was
// told, and the graph still refuses a principal that does not fit the directory. A county authority
// must name one of the seven counties; finance a level (the city or a county); a unit must exist,
// be active and belong to the region it claims; a provider must exist. Unknown is 401, known but
// not allowed 403, a directory that cannot be asked 503 — never a wider scope.
import { PrincipalRefusedError, UnauthenticatedError } from '../../subgraphs/kit/errors';
import { Role, type Principal } from '../../subgraphs/kit/principal';
import { CITY_REGION_CODE, isCountyCode, regionByCode } from '../../subgraphs/kit/regions';
import type { TokenVerifier } from './auth';
import type { Directory } from './directory-client';

const COUNTIES = '371602、371603、371621、371622、371623、371625、371681';

export const DIRECTORY_MESSAGES = {
  unknownRegion: (region: string) =>
    `身份无效：区划代码 ${region} 不是滨州市 (${CITY_REGION_CODE}) 或所辖县(市、区)的代码 (unknown region)`,
  countyNotCounty: (region: string) =>
    `身份不被接受：县级主管部门只能对应所辖七个县(市、区)之一（${COUNTIES}），不能是 ${region} (a COUNTY_AUTHORITY's region must be a county)`,
  unknownUnit: (unit: string) => `身份无效：使用单位 ${unit} 不存在 (unknown unit)`,
  unitRegion: (code: string, actual: string, claimed: string) =>
    `身份不被接受：使用单位 ${code} 属于区划 ${actual}，令牌却声明 ${claimed} (the unit belongs to another region)`,
  unitInactive: (code: string) => `身份不被接受：使用单位 ${code} 已撤销或合并，不能再访问 (the unit is no longer active)`,
  unknownProvider: (provider: string) => `身份无效：定点服务商 ${provider} 不存在 (unknown provider)`,
} as const;

/**
 * The principal, when it fits the directory; otherwise UnauthenticatedError (401) for what names
 * nothing known and PrincipalRefusedError (403) for what is known but not allowed. The directory
 * is asked only for units and providers; regions are static (kit/regions.ts).
 */
export async function checkPrincipal(principal: Principal, directory: Directory): Promise<Principal> {
  const region = principal.regionCode;
  if (region !== undefined && !regionByCode(region)) throw new UnauthenticatedError(DIRECTORY_MESSAGES.unknownRegion(region));
  switch (principal.role) {
    case Role.COUNTY_AUTHORITY:
      if (!isCountyCode(region!)) throw new PrincipalRefusedError(DIRECTORY_MESSAGES.countyNotCounty(region!));
      return principal;
    case Role.USER_UNIT: {
      const unit = await directory.unit(principal.unitId!);
      if (!unit) throw new UnauthenticatedError(DIRECTORY_MESSAGES.unknownUnit(principal.unitId!));
      if (unit.regionCode !== region) throw new PrincipalRefusedError(DIRECTORY_MESSAGES.unitRegion(unit.code, unit.regionCode, region!));
      if (!unit.active) throw new PrincipalRefusedError(DIRECTORY_MESSAGES.unitInactive(unit.code));
      return principal;
    }
    case Role.PROVIDER: {
      const provider = await directory.provider(principal.providerId!);
      if (!provider) throw new UnauthenticatedError(DIRECTORY_MESSAGES.unknownProvider(principal.providerId!));
      return principal;
    }
    default:
      // FINANCE's region was checked above (city or county); the city-wide roles carry no claims.
      return principal;
  }
}

/** A token verifier that also checks the principal against the directory, before any resolver runs. */
export function withDirectoryCheck(verify: TokenVerifier, directory: Directory): TokenVerifier {
  return async (token) => checkPrincipal(await verify(token), directory);
}
