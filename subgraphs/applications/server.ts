import type { DataSource } from 'typeorm';
import { ConfigError } from '../kit/config';
import type { Principal } from '../kit/principal';
import { createSubgraphClient } from '../kit/subgraph-client';
import type { SubgraphRuntime } from '../kit/subgraph-main';
import { createSubgraphService, type SubgraphService } from '../kit/subgraph-server';
import { createLoaders } from './loaders';
import { materialRoutesFromEnv } from './materials/http';
import { createResolvers } from './resolvers';
import { replicaCatalogPort, type ProviderCatalogPort } from './lifecycle/catalog-port';
import type { DesignationPortFor } from './lifecycle/designation-port';
import { httpDesignationPort } from './lifecycle/designation-port-http';
import type { AgreementEndsPortFor } from './todo/agreement-ends-port';
import { httpAgreementEndsPort } from './todo/agreement-ends-port-http';
import type { DisqualificationProposalsPortFor } from './todo/disqualification-proposals-port';
import { httpDisqualificationProposalsPort } from './todo/disqualification-proposals-port-http';
import type { SecurityAgreementPortFor } from './lifecycle/security-agreement-port';
import { httpSecurityAgreementPort } from './lifecycle/security-agreement-port-http';
import type { MlpsPlatformPortFor } from './lifecycle/mlps-platform-port';
import { httpMlpsPlatformPort } from './lifecycle/mlps-platform-port-http';
import { createUnitDirectoryRoute } from './units/unit-directory.route';
import { createSettlementCsvRoute } from './settlement/settlement-http';
import type { UtilisationPortFor } from './settlement/utilisation-port';
import { httpUtilisationPort } from './settlement/utilisation-port-http';
import type { SettlementNamesPortFor } from './settlement/names-port';
import { httpSettlementNamesPort } from './settlement/names-port-http';

export interface ApplicationsServiceOptions extends SubgraphRuntime {
  dataSource: DataSource;
  /** Replaces the providers' catalog (CATALOG_CAP, CAP_LOWERS); by default the caps come from this subgraph's replica. */
  catalogPortFor?: (principal: Principal) => ProviderCatalogPort;
  /** Replaces the providers' answer for DESIGNATED_PROVIDER; by default asked at `subgraphUrls.providers`. */
  designationPortFor?: DesignationPortFor;
  /** Replaces the security subgraph's answer for SECURITY_AGREEMENT; by default asked at `subgraphUrls.security`. */
  securityAgreementPortFor?: SecurityAgreementPortFor;
  /** Replaces the security subgraph's MLPS levels for MLPS_PLATFORM_LEVEL; by default asked at `subgraphUrls.security`. */
  mlpsPlatformPortFor?: MlpsPlatformPortFor;
  /** Replaces the supervision subgraph's utilisation flags for SETTLEMENT_JAN5; by default asked at `subgraphUrls.supervision`. */
  utilisationPortFor?: UtilisationPortFor;
  /** Replaces the providers' agreements in force for the TERM_MAX_3Y to-do; by default asked at `subgraphUrls.providers`. */
  agreementEndsPortFor?: AgreementEndsPortFor;
  /** Replaces the providers' pending disqualification proposals for the bureau's to-do; by default asked at `subgraphUrls.providers`. */
  disqualificationProposalsPortFor?: DisqualificationProposalsPortFor;
  /** Replaces the providers' names of providers and catalog entries in the settlement CSV; by default asked at `subgraphUrls.providers`. */
  settlementNamesPortFor?: SettlementNamesPortFor;
}

/** The applications subgraph's HTTP service, not yet listening. */
export async function createService(options: ApplicationsServiceOptions): Promise<SubgraphService> {
  return createSubgraphService({
    name: 'applications',
    resolvers: createResolvers({
      catalogPortFor: options.catalogPortFor ?? replicaCatalogPort,
      designationPortFor: options.designationPortFor ?? providersDesignationPort(options),
      securityAgreementPortFor: options.securityAgreementPortFor ?? securityAgreementPort(options),
      mlpsPlatformPortFor: options.mlpsPlatformPortFor ?? securityMlpsPlatformPort(options),
      utilisationPortFor: options.utilisationPortFor ?? supervisionUtilisationPort(options),
      agreementEndsPortFor: options.agreementEndsPortFor ?? providersAgreementEndsPort(options),
      disqualificationProposalsPortFor: options.disqualificationProposalsPortFor ?? providersDisqualificationProposalsPort(options),
    }),
    dataSource: options.dataSource,
    readDataSource: options.readDataSource,
    internalTokenSecret: options.internalTokenSecret,
    compiledExecution: options.compiledExecution,
    createLoaders,
    // POST /materials and GET /materials/<id>, reached through the gateway (第十一条, MATERIALS).
    // GET /settlements/<id>.csv, reached through the gateway (第十六条, SETTLEMENT_JAN5).
    // GET /internal/directory/units/<id>, the gateway's directory check of USER_UNIT tokens.
    routes: [
      await materialRoutesFromEnv(options),
      createSettlementCsvRoute({
        ...options,
        settlementNamesPortFor: options.settlementNamesPortFor ?? providersSettlementNamesPort(options),
      }),
      createUnitDirectoryRoute(options),
    ],
  });
}

/** TERM_MAX_3Y's to-do asks providers when the list is read, so a renewal takes an agreement off it at once. */
function providersAgreementEndsPort(options: ApplicationsServiceOptions): AgreementEndsPortFor {
  const url = options.subgraphUrls?.providers;
  if (!url) throw new ConfigError('applications 子图需要 providers 子图的地址 (PROVIDERS_URL)');
  return httpAgreementEndsPort(createSubgraphClient({ name: 'providers', url, internalTokenSecret: options.internalTokenSecret }));
}

/** PROVIDER_EVALUATION's to-do asks providers when the list is read, so a decision takes a proposal off at once. */
function providersDisqualificationProposalsPort(options: ApplicationsServiceOptions): DisqualificationProposalsPortFor {
  const url = options.subgraphUrls?.providers;
  if (!url) throw new ConfigError('applications 子图需要 providers 子图的地址 (PROVIDERS_URL)');
  return httpDisqualificationProposalsPort(
    createSubgraphClient({ name: 'providers', url, internalTokenSecret: options.internalTokenSecret }),
  );
}

/** The settlement CSV names providers and catalog entries, which providers owns (第十六条). */
function providersSettlementNamesPort(options: ApplicationsServiceOptions): SettlementNamesPortFor {
  const url = options.subgraphUrls?.providers;
  if (!url) throw new ConfigError('applications 子图需要 providers 子图的地址 (PROVIDERS_URL)');
  return httpSettlementNamesPort(createSubgraphClient({ name: 'providers', url, internalTokenSecret: options.internalTokenSecret }));
}

/** DESIGNATED_PROVIDER needs the providers subgraph's current answer: a replica could pass an exiting provider. */
function providersDesignationPort(options: ApplicationsServiceOptions): DesignationPortFor {
  const url = options.subgraphUrls?.providers;
  if (!url) throw new ConfigError('applications 子图需要 providers 子图的地址 (PROVIDERS_URL)');
  return httpDesignationPort(createSubgraphClient({ name: 'providers', url, internalTokenSecret: options.internalTokenSecret }));
}

/** SECURITY_AGREEMENT needs the security subgraph's current answer: an agreement may have been signed or ended a moment ago. */
function securityAgreementPort(options: ApplicationsServiceOptions): SecurityAgreementPortFor {
  const url = options.subgraphUrls?.security;
  if (!url) throw new ConfigError('applications 子图需要 security 子图的地址 (SECURITY_URL)');
  return httpSecurityAgreementPort(createSubgraphClient({ name: 'security', url, internalTokenSecret: options.internalTokenSecret }));
}

/** MLPS_PLATFORM_LEVEL needs security's current grading and platform filing: either may have changed a moment ago. */
function securityMlpsPlatformPort(options: ApplicationsServiceOptions): MlpsPlatformPortFor {
  const url = options.subgraphUrls?.security;
  if (!url) throw new ConfigError('applications 子图需要 security 子图的地址 (SECURITY_URL)');
  return httpMlpsPlatformPort(createSubgraphClient({ name: 'security', url, internalTokenSecret: options.internalTokenSecret }));
}

/** SETTLEMENT_JAN5 needs the year's utilisation flags, which supervision owns (第十六条、第二十五条). */
function supervisionUtilisationPort(options: ApplicationsServiceOptions): UtilisationPortFor {
  const url = options.subgraphUrls?.supervision;
  if (!url) throw new ConfigError('applications 子图需要 supervision 子图的地址 (SUPERVISION_URL)');
  return httpUtilisationPort(
    createSubgraphClient({ name: 'supervision', url, internalTokenSecret: options.internalTokenSecret, timeoutMs: 10_000 }),
  );
}
