// A world N times the demo (`npm run seed -- --scale N`, issue 14): copy 0 is the demo world itself,
// untouched, so every showcase the API answers for stays as it is; copies 1 … N−1 are built by the
// same builders from their own units (the same kinds in the same regions, so the counties keep the
// demo's spread), and so respect every rule the demo respects: designated providers the unit's
// level signed with and whose platform level holds the system's MLPS level, caps, security
// agreements, MLPS records. Providers, catalogs and agreements are the city's and stay as they are.
import type { World } from '../world';
import { APPLICATION_PLAN } from './application-plan';
import { buildApplications } from './applications';
import { buildMlpsRecords, buildSecurityAgreements } from './security';
import { buildSystems } from './systems';
import { buildUnitsWithKinds } from './units';

/** The largest scale `npm run seed -- --scale` takes (unit and application numbers keep their width up to it). */
export const MAX_SCALE = 200;

/**
 * Copy `copy` (≥ 1) of the demo's units, systems, applications, security agreements and MLPS
 * records, with the demo world's providers, catalogs and agreements and no showcase records
 * (evaluations, inspections, incidents, settlements stay the demo's).
 */
export function buildWorldCopy(demo: World, copy: number): World {
  if (!Number.isInteger(copy) || copy < 1 || copy >= MAX_SCALE) throw new Error(`world copy ${copy}: 1 … ${MAX_SCALE - 1}`);
  const unitsWithKinds = buildUnitsWithKinds(copy);
  const { systems, applicationSystems } = buildSystems(unitsWithKinds, demo.providers);
  const applications = buildApplications(applicationSystems, demo.basicCatalog, copy * APPLICATION_PLAN.length);
  return {
    ...demo,
    units: unitsWithKinds.map((u) => u.unit),
    systems,
    applications,
    securityAgreements: buildSecurityAgreements(systems, applications, copy),
    mlpsRecords: buildMlpsRecords(systems, copy),
    providerEvaluations: [],
  };
}

/** What a subgraph's seed loads after the demo world at a scale above 1. */
export interface WorldCopies {
  /** Copies 1 … N−1 of the world (buildWorldCopy); none at scale 1. */
  copies: readonly World[];
  /** Told after each step a subgraph finishes: a copy loaded, a batch of samples written. */
  onProgress?: (step: string, done: number, total: number) => void;
}

export const NO_COPIES: WorldCopies = { copies: [] };

/** Copies 1 … scale−1 of `demo`. */
export function worldCopies(demo: World, scale: number): World[] {
  if (!Number.isInteger(scale) || scale < 1 || scale > MAX_SCALE) throw new Error(`scale ${scale}: 1 … ${MAX_SCALE}`);
  return Array.from({ length: scale - 1 }, (_, i) => buildWorldCopy(demo, i + 1));
}
