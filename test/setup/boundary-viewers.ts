// The viewers of the boundary suite and how records of another scope are picked for them: one
// of each role, narrow ones placed where the demo world gives them the most to hide from them.
import { buildIncidents } from '../../seed/world/security-incidents';
import { Role, type Principal } from '../../subgraphs/kit/principal';
import type { IdPicker } from './argument-values';
import { isOtherScopeTarget, type IndexedRecord, type OwnershipIndex, type Viewer } from './ownership';
import type { Stack } from './stack';

export const COUNTY = '371602';
const OTHER_COUNTY = '371603';
const CITY = '371600';

/** Mutations that are the city-wide role's own work (DOMAIN.md; security and supervision resolvers). */
export const REMIT: Record<string, ReadonlySet<string>> = {
  MONITOR: new Set(['submitMonitoringSamples', 'submitMonitoringEvaluationScores', 'reportSecurityIncident', 'appendIncidentUpdate']),
  CYBERSEC: new Set([
    'gradeSystemMlps',
    'fileMlpsRecord',
    'recordMlpsAssessment',
    'recordPlatformMlps',
    'recordCybersecurityReview',
    'recordDisasterRecoveryDrill',
    'reportSecurityIncident',
    'appendIncidentUpdate',
    'recordSecurityInspection',
    'closeRectification',
    'returnRectification',
    'issueSecurityBulletin',
    'submitSecurityEvaluationScore',
  ]),
};

export interface BoundaryViewer {
  label: string;
  viewer: Viewer;
  principal: Principal;
  token: string;
}

/** Every role; the county, unit and provider ones at the county 371602, its busiest unit and the busiest provider. */
export async function boundaryViewers(stack: Stack, index: OwnershipIndex): Promise<BoundaryViewer[]> {
  const unit = busiest(index, 'Unit', (record) => record.owner.region === COUNTY);
  const provider = busiest(index, 'Provider', () => true);
  const viewers: BoundaryViewer[] = [];
  const add = async (label: string, viewer: Viewer) => {
    const principal: Principal = {
      subject: `boundary-${label}`,
      role: viewer.role as Role,
      regionCode: viewer.region,
      unitId: viewer.unit,
      providerId: viewer.provider,
    };
    const token = await stack.token({ role: viewer.role, region: viewer.region, unit: viewer.unit, provider: viewer.provider });
    viewers.push({ label, viewer, principal, token });
  };
  for (const role of ['BUREAU', 'CENTER', 'MONITOR', 'AUDITOR', 'CYBERSEC']) await add(role, { role });
  await add(`COUNTY_AUTHORITY ${COUNTY}`, { role: 'COUNTY_AUTHORITY', region: COUNTY });
  await add(`USER_UNIT ${unit.raw.code as string}`, { role: 'USER_UNIT', unit: unit.id, region: COUNTY });
  // A unit that shares a provider's incident with another unit: the incident is its to read, the other unit's systems in it are not.
  const sharing = unitSharingAnIncident(stack);
  await add(`USER_UNIT ${sharing.code} (a shared incident)`, { role: 'USER_UNIT', unit: sharing.id, region: sharing.regionCode });
  await add(`PROVIDER ${provider.raw.code as string}`, { role: 'PROVIDER', provider: provider.id });
  await add(`FINANCE ${CITY}`, { role: 'FINANCE', region: CITY });
  await add(`FINANCE ${COUNTY}`, { role: 'FINANCE', region: COUNTY });
  return viewers;
}

/** A unit named, with another unit, by one seeded incident (seed/world/security-incidents.ts). */
function unitSharingAnIncident(stack: Stack): { id: string; code: string; regionCode: string } {
  const { systems } = buildIncidents(stack.world);
  const unitsOf = (incidentId: string) => new Set(systems.filter((link) => link.incidentId === incidentId).map((link) => link.unitId));
  const shared = systems.find((link) => unitsOf(link.incidentId).size > 1);
  if (!shared) throw new Error('the seeded world has no incident naming two units');
  return stack.world.units.find((unit) => unit.id === shared.unitId)!;
}

/** The record of a type with the most records tied to it, so "only its own" has something to hide. */
function busiest(index: OwnershipIndex, typename: string, accept: (record: IndexedRecord) => boolean): IndexedRecord {
  const systems = index.ofType('InformationSystem');
  const weight = (record: IndexedRecord) =>
    systems.filter((system) => (typename === 'Unit' ? system.owner.unit === record.id : system.owner.providers.has(record.id))).length;
  const candidates = index.ofType(typename).filter(accept);
  return candidates.sort((a, b) => weight(b) - weight(a))[0]!;
}

/** Picks records of another scope for the viewer (the `sample`-th, spread over the list); city-wide viewers get any. */
export function otherScopePicker(index: OwnershipIndex, viewer: Viewer, sample: number, aimed: Set<string>): IdPicker {
  return {
    id: (typeName) => {
      if (typeName === 'Region') {
        const code = viewer.region === OTHER_COUNTY ? COUNTY : sample === 0 ? OTHER_COUNTY : viewer.region ? CITY : OTHER_COUNTY;
        if (viewer.region && code !== viewer.region) aimed.add(code);
        return code;
      }
      const all = index.ofType(typeName);
      const others = all.filter((record) => isOtherScopeTarget(viewer, record));
      const pool = others.length ? others : all;
      const record = pool[sample === 0 ? 0 : Math.floor(pool.length / 2)];
      if (record && others.length) aimed.add(record.id);
      return record?.id;
    },
    version: (id) => [...index.records.values()].find((record) => record.id === id)?.version,
    serviceItemCode: () => String(index.ofType('ServiceItem')[0]?.raw.code),
  };
}
