// Who owns each record of the demo world, learnt from what the bureau (which sees the whole city)
// reads through the graph, and which records are another scope's data for a given role. A record
// belongs to a region, a unit and the providers whose platform it concerns; nested records with
// none of their own (a finding, an event, a line) belong to the record they sit in.
import { CITY_REGION_CODE } from '../../subgraphs/kit/regions';

export interface Owner {
  region?: string;
  unit?: string;
  providers: Set<string>;
  /** The level (region) of the settlement a record is part of. */
  settlementLevel?: string;
  /** The system the record is about, when it names one. */
  system?: string;
}

export interface IndexedRecord {
  typename: string;
  id: string;
  owner: Owner;
  version?: number;
  /** The raw object as the bureau saw it (for `status`, `publishedAt`, `toAllProviders`, codes). */
  raw: Record<string, unknown>;
}

export interface Viewer {
  role: string;
  region?: string;
  unit?: string;
  provider?: string;
}

type Json = Record<string, unknown>;

/** Reference data every role reads (第八条 catalogs, the designated providers, regions). */
const PUBLIC_TYPES = new Set([
  'Provider',
  'Region',
  'ServiceItem',
  'ServiceItemSpecs',
  'BasicCatalogEntry',
  'SupplementaryCatalogEntry',
  'PriceCapChange',
]);
const SETTLEMENT_TYPES = /^Settlement/;
/** Records the security subgraph scopes by unit, system and region; finance bureaus see none (security/security-scope.ts). */
const SECURITY_SCOPED = new Set([
  'SecurityAgreement',
  'MlpsRecord',
  'MlpsAssessment',
  'MlpsGrading',
  'AccessGrant',
  'AccessRecord',
  'SecurityIncident',
  'IncidentUpdate',
  'SecurityInspection',
  'InspectionFinding',
]);

const idOf = (value: unknown): string | undefined =>
  value && typeof value === 'object' && typeof (value as Json).id === 'string' ? ((value as Json).id as string) : undefined;

/** The ownership an object states itself, from the fields the generated selections include. */
export function ownFields(object: Json): Owner {
  const typename = object.__typename as string;
  const region = object.region as Json | null | undefined;
  const owner: Owner = { providers: new Set() };
  if (region && typeof region.code === 'string') owner.region = region.code;
  owner.unit = idOf(object.unit) ?? idOf(object.owner) ?? idOf(object.ownerUnit) ?? (typename === 'Unit' ? idOf(object) : undefined);
  for (const key of ['provider', 'hostingProvider', 'ownerProvider', 'addressee']) {
    const provider = idOf(object[key]);
    if (provider) owner.providers.add(provider);
  }
  if (typename === 'Provider') owner.providers.add(object.id as string);
  owner.system = typename === 'InformationSystem' ? idOf(object) : idOf(object.system);
  return owner;
}

const hasOwnership = (owner: Owner) => Boolean(owner.region || owner.unit || owner.providers.size || owner.system);

export class OwnershipIndex {
  readonly records = new Map<string, IndexedRecord>();

  key(typename: string, id: string): string {
    return `${typename}:${id}`;
  }

  get(typename: string, id: string): IndexedRecord | undefined {
    return this.records.get(this.key(typename, id));
  }

  /** Records of a type in id order, so samples do not depend on the order answers arrived in. */
  ofType(typename: string): IndexedRecord[] {
    return [...this.records.values()].filter((record) => record.typename === typename).sort((a, b) => a.id.localeCompare(b.id));
  }

  /** Learns every record in a bureau response (any shape). */
  learn(value: unknown): void {
    this.walk(value, undefined, undefined);
  }

  private walk(value: unknown, parent: Owner | undefined, parentVersion: number | undefined): void {
    if (Array.isArray(value)) {
      for (const item of value) this.walk(item, parent, parentVersion);
      return;
    }
    if (!value || typeof value !== 'object') return;
    const object = value as Json;
    const typename = object.__typename as string | undefined;
    let owner = parent;
    let version = parentVersion;
    if (typename && !/(Connection|Edge)$/.test(typename)) {
      const own = ownFields(object);
      owner = hasOwnership(own) || PUBLIC_TYPES.has(typename) || !parent ? own : { ...parent, providers: new Set(parent.providers) };
      if (typename === 'Settlement') owner.settlementLevel = owner.region;
      else if (parent?.settlementLevel) owner.settlementLevel = parent.settlementLevel;
      // A finding's version sits in its rectification; a change request's in its application.
      const childVersion = Object.values(object).find(
        (child) => child && typeof child === 'object' && !idOf(child) && typeof (child as Json).version === 'number',
      );
      version =
        typeof object.version === 'number' ? object.version : childVersion ? ((childVersion as Json).version as number) : parentVersion;
      const id = typeof object.id === 'string' ? object.id : typename === 'Region' ? (object.code as string) : undefined;
      if (id) {
        const existing = this.records.get(this.key(typename, id));
        if (existing) mergeOwner(existing.owner, owner);
        else this.records.set(this.key(typename, id), { typename, id, owner, version, raw: object });
        if (existing && existing.version === undefined) existing.version = version;
      }
    }
    for (const [key, child] of Object.entries(object)) if (key !== '__typename') this.walk(child, owner, version);
  }

  /**
   * Completes what a record implies about others: a system belongs to the providers that host it,
   * were chosen for it or migrate it (applications/services/scope.ts); a unit to the providers of
   * its systems; a record about a system to the system's unit, region and host.
   */
  derive(): void {
    const systems = this.ofType('InformationSystem');
    for (const record of this.records.values()) {
      const system = record.owner.system && this.get('InformationSystem', record.owner.system);
      if (!system || record.typename === 'InformationSystem') continue;
      if (['Application', 'SystemMigration'].includes(record.typename))
        for (const provider of record.owner.providers) system.owner.providers.add(provider);
    }
    for (const record of this.records.values()) {
      const system = record.owner.system && this.get('InformationSystem', record.owner.system);
      if (system && record.typename !== 'InformationSystem') {
        record.owner.unit ??= system.owner.unit;
        record.owner.region ??= system.owner.region;
        const host = idOf(system.raw.hostingProvider);
        if (host) record.owner.providers.add(host);
      }
      if (record.owner.unit && !record.owner.region) record.owner.region = this.get('Unit', record.owner.unit)?.owner.region;
    }
    for (const unit of this.ofType('Unit'))
      for (const system of systems) if (system.owner.unit === unit.id) for (const p of system.owner.providers) unit.owner.providers.add(p);
  }

  /** Ownership of an object in a probe's response: the bureau's record of it, else what it says, else its parent's. */
  ownerOf(object: Json, parent: Owner | undefined): Owner {
    const typename = object.__typename as string;
    const id = typeof object.id === 'string' ? object.id : undefined;
    const known = id ? this.get(typename, id) : undefined;
    if (known) return known.owner;
    const own = ownFields(object);
    if (own.unit && !own.region) own.region = this.get('Unit', own.unit)?.owner.region;
    const system = own.system && this.get('InformationSystem', own.system);
    if (system) {
      own.unit ??= system.owner.unit;
      own.region ??= system.owner.region;
    }
    if (typename === 'SettlementTotal') own.settlementLevel = own.region;
    if (hasOwnership(own) || !parent) return own;
    return { ...parent, providers: new Set(parent.providers) };
  }
}

function mergeOwner(target: Owner, source: Owner): void {
  target.region ??= source.region;
  target.unit ??= source.unit;
  target.system ??= source.system;
  target.settlementLevel ??= source.settlementLevel;
  for (const provider of source.providers) target.providers.add(provider);
}

/** Whose settlements a role reads (applications/settlement/settlement-scope.ts, README 第十六条). */
function settlementLeak(viewer: Viewer, typename: string, owner: Owner): string | undefined {
  switch (viewer.role) {
    case 'BUREAU':
    case 'CENTER':
    case 'AUDITOR':
      return undefined;
    case 'CYBERSEC':
    case 'MONITOR':
      return 'settlements are not this role’s business';
    case 'COUNTY_AUTHORITY':
    case 'FINANCE': {
      const level = viewer.role === 'FINANCE' ? (viewer.region ?? CITY_REGION_CODE) : viewer.region;
      const recordLevel = owner.settlementLevel ?? (typename === 'Settlement' ? owner.region : undefined);
      return recordLevel && recordLevel !== level ? `settlement of level ${recordLevel}` : undefined;
    }
    case 'USER_UNIT':
      if (owner.unit && owner.unit !== viewer.unit) return `settlement record of unit ${owner.unit}`;
      return typename === 'Settlement' && owner.region && owner.region !== viewer.region
        ? `settlement of level ${owner.region}`
        : undefined;
    case 'PROVIDER':
      return typename !== 'Settlement' && owner.providers.size && !owner.providers.has(viewer.provider!)
        ? `settlement record of provider ${[...owner.providers].join(',')}`
        : undefined;
  }
  return undefined;
}

/**
 * Why a record in a response is another scope's data for the viewer, or undefined when the viewer
 * may read it. Only what the bureau's view proves is judged: a record with no known owner passes.
 *   COUNTY_AUTHORITY r, county FINANCE r: anything whose region (or its unit's) is not r; agreements
 *     of the city level too (every county mirrors the city's agreements).
 *   USER_UNIT u: anything of another unit; with no unit, anything of another region than u's.
 *   PROVIDER p: anything tied to providers that do not include p (its hosted systems, the
 *     applications that chose it, their units — applications/services/scope.ts).
 *   FINANCE: security records; CYBERSEC, MONITOR: settlements; the rest of the city: nothing.
 */
export function otherScopeReason(viewer: Viewer, typename: string, owner: Owner, object: Json): string | undefined {
  if (isExempt(typename, object)) return undefined;
  if (SETTLEMENT_TYPES.test(typename)) return settlementLeak(viewer, typename, owner);
  if (viewer.role === 'FINANCE' && SECURITY_SCOPED.has(typename)) return 'security record (finance sees none)';
  const regionScoped =
    viewer.role === 'COUNTY_AUTHORITY' || (viewer.role === 'FINANCE' && viewer.region && viewer.region !== CITY_REGION_CODE);
  if (regionScoped) {
    if (typename === 'Agreement')
      return owner.region && ![CITY_REGION_CODE, viewer.region].includes(owner.region) ? `agreement of ${owner.region}` : undefined;
    return owner.region && owner.region !== viewer.region ? `region ${owner.region}` : undefined;
  }
  if (viewer.role === 'USER_UNIT') {
    if (typename === 'Agreement')
      return owner.region && ![CITY_REGION_CODE, viewer.region].includes(owner.region) ? `agreement of ${owner.region}` : undefined;
    if (owner.unit) return owner.unit !== viewer.unit ? `unit ${owner.unit}` : undefined;
    return owner.region && owner.region !== viewer.region ? `region ${owner.region}` : undefined;
  }
  if (viewer.role === 'PROVIDER')
    return owner.providers.size && !owner.providers.has(viewer.provider!) ? `providers ${[...owner.providers].join(',')}` : undefined;
  return undefined;
}

export interface Leak {
  path: string;
  typename: string;
  id?: string;
  reason: string;
}

/** Every object in a response that is another scope's data for the viewer. */
export function findLeaks(
  index: OwnershipIndex,
  viewer: Viewer,
  data: unknown,
  path = '',
  parent?: Owner,
  options: { skipRoot?: boolean; recordsOnly?: boolean } = {},
): Leak[] {
  if (Array.isArray(data)) return data.flatMap((item, i) => findLeaks(index, viewer, item, `${path}[${i}]`, parent, options));
  if (!data || typeof data !== 'object') return [];
  const object = data as Json;
  const typename = object.__typename as string | undefined;
  const leaks: Leak[] = [];
  let owner = parent;
  if (typename && !/(Connection|Edge)$|^PageInfo$/.test(typename)) {
    owner = index.ownerOf(object, parent);
    const reason = otherScopeReason(viewer, typename, owner, object);
    const judged = !options.skipRoot && (!options.recordsOnly || typeof object.id === 'string');
    if (reason && judged) leaks.push({ path, typename, id: object.id as string | undefined, reason });
    // What sits inside a record the viewer may read (a published result's figures) is readable too.
    if (!reason && isExempt(typename, object)) owner = { providers: new Set() };
  }
  const below = { recordsOnly: options.recordsOnly };
  for (const [key, child] of Object.entries(object))
    if (key !== '__typename') leaks.push(...findLeaks(index, viewer, child, `${path}.${key}`, owner, below));
  return leaks;
}

/** Public reference data, and records every role may read once published or addressed to all. */
export function isExempt(typename: string, object: Json): boolean {
  return (
    PUBLIC_TYPES.has(typename) ||
    typename === 'UnitPerformanceEvaluation' ||
    (typename === 'UnitPerformanceResult' && Boolean(object.publishedAt)) ||
    (typename === 'SecurityBulletin' && object.toAllProviders === true)
  );
}

/** Whether a record is outside the viewer's scope, public reference data included (for aiming writes). */
export function isOtherScopeTarget(viewer: Viewer, record: IndexedRecord): boolean {
  const typename = PUBLIC_TYPES.has(record.typename) && viewer.role === 'PROVIDER' ? 'ProviderOwned' : record.typename;
  return otherScopeReason(viewer, typename, record.owner, record.raw) !== undefined;
}
