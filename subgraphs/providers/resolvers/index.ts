import { Agreement, ProviderExit } from './agreement';
import { BasicCatalogEntry, CatalogEntry, PriceCapChange, ServiceItem, SupplementaryCatalogEntry } from './catalog';
import { catalogMutations } from './catalog-mutations';
import {
  evaluationConsequenceMutations,
  ProviderExitDisqualification,
  ProviderRectification,
  ProviderRectificationFields,
} from './evaluation-consequences';
import { Provider } from './Provider';
import { createProviderMutations } from './provider-mutations';
import { Query } from './Query';
import type { MigrationProgressPortFor } from '../services/migration-progress-port';

export interface ResolverOptions {
  /** Asks the applications subgraph how far an exit's migrations are (EXIT_TRANSITION_3M). */
  migrationProgressFor: MigrationProgressPortFor;
}

export function createResolvers(options: ResolverOptions) {
  return {
    Query,
    Mutation: { ...createProviderMutations(options.migrationProgressFor), ...catalogMutations, ...evaluationConsequenceMutations },
    Provider: { ...Provider, ...ProviderRectificationFields },
    ProviderRectification,
    ServiceItem,
    CatalogEntry,
    BasicCatalogEntry,
    PriceCapChange,
    SupplementaryCatalogEntry,
    Agreement,
    ProviderExit: { ...ProviderExit, ...ProviderExitDisqualification },
  };
}
