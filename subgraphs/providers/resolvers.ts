// The providers subgraph's resolvers: every feature's map, joined per type (a field defined twice fails at start).
import { mergeResolvers } from '../kit/merge-resolvers';
import { agreementsResolvers } from './agreements/agreements.resolvers';
import { catalogsResolvers } from './catalogs/catalogs.resolvers';
import { directoryResolvers } from './directory/directory.resolvers';
import { enumLabelsResolvers } from './enum-labels/enum-labels.resolvers';
import { evaluationConsequencesResolvers } from './evaluation-consequences/evaluation-consequences.resolvers';
import { createExitsResolvers } from './exits/exits.resolvers';
import type { MigrationProgressPortFor } from './exits/migration-progress.port';
import type { ProvidersContext } from './loaders';

export interface ResolverOptions {
  /** Asks the applications subgraph how far an exit's migrations are (EXIT_TRANSITION_3M). */
  migrationProgressFor: MigrationProgressPortFor;
}

export function createResolvers(options: ResolverOptions) {
  return mergeResolvers<ProvidersContext>(
    directoryResolvers,
    catalogsResolvers,
    agreementsResolvers,
    createExitsResolvers(options.migrationProgressFor),
    evaluationConsequencesResolvers,
    enumLabelsResolvers,
  );
}
