import { createSubgraphService, type SubgraphService } from '../kit/subgraph-server';
import { createLoaders } from './loaders';
import { createResolvers } from './resolvers';
import { utilisationThresholds } from './utilisation/utilisation.config';
import { ConfigError } from '../kit/config';
import { createSubgraphClient } from '../kit/subgraph-client';
import type { SubgraphRuntime } from '../kit/subgraph-main';
import { httpUnitDirectoryPort } from './unit-performance/unit-directory.port';
import { httpUnitOffCloudPort, type UnitOffCloudPort } from './unit-performance/unit-off-cloud.port';
import { httpUnitSecurityPort, type UnitSecurityPort } from './unit-performance/unit-security.port';

export interface SupervisionServiceOptions extends SubgraphRuntime {
  /** Replaces the security subgraph's per-unit figures (UNIT_PERFORMANCE); by default asked at `subgraphUrls.security`. */
  unitSecurityPort?: UnitSecurityPort;
  /** Replaces the applications subgraph's per-unit systems off the cloud (ON_CLOUD in UNIT_PERFORMANCE). */
  unitOffCloudPort?: UnitOffCloudPort;
}

/** The supervision subgraph's HTTP service, not yet listening. */
export async function createService(options: SupervisionServiceOptions): Promise<SubgraphService> {
  utilisationThresholds(); // read once at start: a malformed UTILISATION_* variable stops the subgraph here
  const applications = applicationsClient(options);
  return createSubgraphService({
    name: 'supervision',
    resolvers: createResolvers({
      security: options.unitSecurityPort ?? securityUnitPort(options),
      directory: httpUnitDirectoryPort(applications),
      offCloud: options.unitOffCloudPort ?? httpUnitOffCloudPort(applications),
    }),
    dataSource: options.dataSource,
    readDataSource: options.readDataSource,
    internalTokenSecret: options.internalTokenSecret,
    compiledExecution: options.compiledExecution,
    createLoaders,
  });
}

/**
 * UNIT_PERFORMANCE keeps each unit's code and name as published and counts its systems still off the
 * cloud (ON_CLOUD), each asked of applications once per run (fail safe).
 */
function applicationsClient(options: SupervisionServiceOptions) {
  const url = options.subgraphUrls?.applications;
  if (!url) throw new ConfigError('supervision 子图需要 applications 子图的地址 (APPLICATIONS_URL)');
  return createSubgraphClient({ name: 'applications', url, internalTokenSecret: options.internalTokenSecret });
}

/** UNIT_PERFORMANCE reads the security subgraph's current figures, once per run (fail safe). */
function securityUnitPort(options: SupervisionServiceOptions): UnitSecurityPort {
  const url = options.subgraphUrls?.security;
  if (!url) throw new ConfigError('supervision 子图需要 security 子图的地址 (SECURITY_URL)');
  return httpUnitSecurityPort(createSubgraphClient({ name: 'security', url, internalTokenSecret: options.internalTokenSecret }));
}
