// World fixtures and queries shared by the MLPS integration tests.
import type { DataSource } from 'typeorm';
import { MLPS_OVERDUE_SHOWCASE } from '../../../seed/world/system-traits';
import { nextAssessmentDueOn } from '../../../subgraphs/security/mlps/mlps.rules';
import { userUnit, world } from '../../setup/principals';

export type WorldSystem = (typeof world.systems)[number];

const providerById = new Map(world.providers.map((provider) => [provider.id, provider]));
const recordBySystem = new Map(world.mlpsRecords.map((record) => [record.systemId, record]));

export const showcase = world.systems.find((system) => system.code === MLPS_OVERDUE_SHOWCASE.systemCode)!;

export function recordOf(system: WorldSystem) {
  return recordBySystem.get(system.id) ?? null;
}

export function ownerOf(system: WorldSystem) {
  return userUnit(world.units.find((unit) => unit.id === system.unitId)!);
}

export function platformLevelOf(system: WorldSystem): number | null {
  return system.providerId ? (providerById.get(system.providerId)?.platformMlpsLevel ?? null) : null;
}

/** Live systems with a record, filtered; the first of them (by code) for a stable fixture. */
export function liveSystem(keep: (system: WorldSystem) => boolean): WorldSystem {
  const found = world.systems
    .filter((system) => system.goLiveOn && !system.retiredOn && recordOf(system) && keep(system))
    .sort((a, b) => a.code.localeCompare(b.code))[0];
  if (!found) throw new Error('no such system in the world');
  return found;
}

/** The world's expected due date of each system by the pure rule (the seed's starting point). */
export function worldDueOn(system: WorldSystem): string | null {
  const record = recordOf(system);
  return nextAssessmentDueOn({
    level: record?.grade ?? null,
    goLiveOn: system.goLiveOn,
    retiredOn: system.retiredOn,
    lastAssessedOn: record?.lastAssessedOn ?? null,
  });
}

/** The MLPS rows of one system, to show a refused mutation changed nothing. */
export async function mlpsRowsOf(dataSource: DataSource, systemId: string): Promise<unknown[]> {
  const tables = ['mlps_record', 'mlps_grading', 'mlps_assessment'];
  const rows: unknown[] = [];
  for (const table of tables) {
    rows.push(await dataSource.query(`SELECT * FROM "security"."${table}" WHERE system_id = $1 ORDER BY id`, [systemId]));
  }
  return rows;
}

export const SYSTEM_DUE = `query($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on InformationSystem {
      id nextAssessmentDueOn assessmentOverdue
      mlps { id level version lastAssessedOn nextAssessmentDueOn assessmentOverdue certificateNo filedOn }
    }
  }
}`;

export interface SystemDue {
  id: string;
  nextAssessmentDueOn: string | null;
  assessmentOverdue: boolean | null;
  mlps: {
    id: string;
    level: number;
    version: number;
    lastAssessedOn: string | null;
    nextAssessmentDueOn: string | null;
    assessmentOverdue: boolean;
    certificateNo: string | null;
    filedOn: string | null;
  } | null;
}

export const representationsOf = (...systemIds: string[]) => ({
  representations: systemIds.map((id) => ({ __typename: 'InformationSystem', id })),
});

export const OVERDUE = `query($first: Int, $after: String) {
  mlpsOverdueSystems(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor nextAssessmentDueOn daysOverdue node { id nextAssessmentDueOn assessmentOverdue mlps { level } } }
  }
}`;

export interface OverduePage {
  mlpsOverdueSystems: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{
      nextAssessmentDueOn: string;
      daysOverdue: number;
      node: { id: string; nextAssessmentDueOn: string | null; assessmentOverdue: boolean | null; mlps: { level: number } | null };
    }>;
  };
}
