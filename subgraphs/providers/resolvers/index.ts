import { Agreement, ProviderExit } from './agreement';
import { BasicCatalogEntry, CatalogEntry, PriceCapChange, ServiceItem, SupplementaryCatalogEntry } from './catalog';
import { catalogMutations } from './catalog-mutations';
import { Provider } from './Provider';
import { createProviderMutations } from './provider-mutations';
import { Query } from './Query';
import type { PendingMigrationCount } from '../services/provider-exit.service';

export interface ResolverOptions {
  /** Supplied by the applications subgraph once it owns migrations (EXIT_TRANSITION_3M). */
  pendingMigrationCount?: PendingMigrationCount;
}

export function createResolvers(options: ResolverOptions = {}) {
  return {
    Query,
    Mutation: { ...createProviderMutations(options.pendingMigrationCount), ...catalogMutations },
    Provider,
    ServiceItem,
    CatalogEntry,
    BasicCatalogEntry,
    PriceCapChange,
    SupplementaryCatalogEntry,
    Agreement,
    ProviderExit,
  };
}
