import type { DataSource } from 'typeorm';
import type { SubgraphContext } from '../kit/context';
import type { Principal, Scope } from '../kit/principal';
import { createAccessLoaders } from './access/access.loaders';
import { createAgreementsLoaders } from './agreements/agreements.loaders';
import { createIncidentsLoaders } from './incidents/incidents.loaders';
import { createInspectionsLoaders } from './inspections/inspections.loaders';
import { createMlpsLoaders } from './mlps/mlps.loaders';
import { createPlatformLoaders } from './platform/platform.loaders';
import { securityScopeOf } from './security-scope';

/**
 * The request's loaders, one set per feature: one scoped query per batch, so `_entities` and nested
 * fields see exactly what the lists show the principal, and nothing else (null or no rows).
 */
export function createLoaders(dataSource: DataSource, principal: Principal, scope: Scope) {
  const recordScope = securityScopeOf(principal, scope);
  return {
    ...createAgreementsLoaders(dataSource, recordScope),
    ...createMlpsLoaders(dataSource, recordScope),
    ...createInspectionsLoaders(dataSource, recordScope),
    ...createIncidentsLoaders(dataSource, recordScope),
    ...createAccessLoaders(dataSource, recordScope),
    ...createPlatformLoaders(dataSource, principal, scope),
  };
}

export type SecurityLoaders = ReturnType<typeof createLoaders>;
export type SecurityContext = SubgraphContext<SecurityLoaders>;
