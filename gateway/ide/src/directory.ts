// What the development principal picker offers: the roles, and for each the scope its token must
// name (kit/principal.ts requiredClaims) — a county, a unit or a provider of the running system.
import { Role, ROLE_NAMES, ROLES, requiredClaims } from '../../../subgraphs/kit/principal';
import { CITY_REGION_CODE, REGIONS } from '../../../subgraphs/kit/regions';

export { ROLE_NAMES, ROLES };

export interface ScopeChoice {
  /** The claims the token carries besides the role. */
  claims: { region?: string; unit?: string; provider?: string };
  label: string;
}

export interface DirectoryEntries {
  units: Array<{ id: string; code: string; name: string; region: { code: string; name: string } }>;
  providers: Array<{ id: string; code: string; name: string; status: string }>;
}

/** What the role needs from the directory: nothing, the regions (static), units or providers. */
export function scopeKind(role: Role): 'none' | 'region' | 'unit' | 'provider' {
  const claims = requiredClaims(role);
  if (claims.includes('unit')) return 'unit';
  if (claims.includes('provider')) return 'provider';
  if (claims.includes('region')) return 'region';
  return 'none';
}

/** The scopes the role may take: the seven counties (and the city for FINANCE), units or providers. */
export function scopeChoices(role: Role, entries: DirectoryEntries | undefined): ScopeChoice[] {
  switch (scopeKind(role)) {
    case 'region':
      return REGIONS.filter((region) => role === Role.FINANCE || region.code !== CITY_REGION_CODE).map((region) => ({
        claims: { region: region.code },
        label: `${region.code} ${region.name}`,
      }));
    case 'unit':
      return (entries?.units ?? []).map((unit) => ({
        claims: { unit: unit.id, region: unit.region.code },
        label: `${unit.code} ${unit.name}（${unit.region.name}）`,
      }));
    case 'provider':
      return (entries?.providers ?? []).map((provider) => ({
        claims: { provider: provider.id },
        label: `${provider.code} ${provider.name}`,
      }));
    default:
      return [];
  }
}

const UNITS = `query PickerUnits($after: String) {
  units(first: 100, after: $after) { edges { node { id code name region { code name } } } pageInfo { hasNextPage endCursor } }
}`;
const PROVIDERS = `query PickerProviders($after: String) {
  providers(first: 100, after: $after) { edges { node { id code name status } } pageInfo { hasNextPage endCursor } }
}`;

interface Page<T> {
  edges: Array<{ node: T }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Asks the gateway for a development token (dev-token-route.ts). */
export async function requestDevToken(
  path: string,
  claims: { role: string; region?: string; unit?: string; provider?: string },
): Promise<string> {
  const response = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(claims) });
  const body = (await response.json()) as { token?: string; message?: string };
  if (!response.ok || !body.token) throw new Error(body.message ?? `HTTP ${response.status}`);
  return body.token;
}

async function allPages<T>(graphqlPath: string, token: string, query: string, field: string): Promise<T[]> {
  const items: T[] = [];
  let after: string | null = null;
  // At most 20 pages of 100: the demo directory has a few dozen units and providers.
  for (let page = 0; page < 20; page++) {
    const response = await fetch(graphqlPath, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables: { after } }),
    });
    const body = (await response.json()) as { data?: Record<string, Page<T> | null>; errors?: Array<{ message: string }> };
    const connection = body.data?.[field];
    if (!connection) throw new Error(body.errors?.[0]?.message ?? `HTTP ${response.status}`);
    items.push(...connection.edges.map((edge) => edge.node));
    if (!connection.pageInfo.hasNextPage) break;
    after = connection.pageInfo.endCursor;
  }
  return items;
}

/** The running system's units and providers, read through the gateway with a city-wide (BUREAU) token. */
export async function loadDirectory(devTokenPath: string, graphqlPath: string): Promise<DirectoryEntries> {
  const token = await requestDevToken(devTokenPath, { role: Role.BUREAU });
  const [units, providers] = await Promise.all([
    allPages<DirectoryEntries['units'][number]>(graphqlPath, token, UNITS, 'units'),
    allPages<DirectoryEntries['providers'][number]>(graphqlPath, token, PROVIDERS, 'providers'),
  ]);
  return { units, providers };
}
