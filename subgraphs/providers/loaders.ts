import type { DataSource } from 'typeorm';
import type { SubgraphContext } from '../kit/context';
import { ForbiddenError } from '../kit/errors';
import { lazyLoaderSets } from '../kit/lazy-loaders';
import type { Principal, Scope } from '../kit/principal';
import { createAgreementsLoaders } from './agreements/agreements.loaders';
import { createCatalogsLoaders } from './catalogs/catalogs.loaders';
import { createDirectoryLoaders } from './directory/directory.loaders';
import { createEvaluationConsequencesLoaders } from './evaluation-consequences/evaluation-consequences.loaders';
import { createExitsLoaders } from './exits/exits.loaders';

const loaderSets = lazyLoaderSets();

/**
 * One request's loaders, each feature's set built when a resolver first asks for it
 * (kit/lazy-loaders.ts); each batch runs one query. Providers, service items and catalogs are
 * public to every role; agreements carry the principal's visibility in their WHERE clause, so
 * `_entities` and nested fields cannot reach past it.
 */
export function createLoaders(dataSource: DataSource, principal: Principal, scope: Scope) {
  return loaderSets({
    directory: () => createDirectoryLoaders(dataSource),
    catalogs: () => createCatalogsLoaders(dataSource),
    agreements: () => createAgreementsLoaders(dataSource, principal),
    exits: () => createExitsLoaders(dataSource),
    evaluationConsequences: () => createEvaluationConsequencesLoaders(dataSource, scope),
  });
}

export type ProvidersLoaders = ReturnType<typeof createLoaders>;

export type ProvidersContext = SubgraphContext<ProvidersLoaders>;

/** Who did it, for the records' own columns (signedBy, changedBy …); the audit trail has the rest. */
export interface Actor {
  /** The principal's subject. */
  subject: string;
}

export function actorOf(caller: { principal: Principal }): Actor {
  return { subject: caller.principal.subject };
}

/**
 * The provider a PROVIDER caller acts for. Its scope names it (a PROVIDER token without one is
 * refused when the context is built), so this only guards against a mutation given to other roles.
 */
export function ownProviderId(context: Pick<ProvidersContext, 'scope'>): string {
  if (context.scope.kind !== 'PROVIDER') throw new ForbiddenError();
  return context.scope.providerId;
}

/**
 * A row a non-null field loads by its foreign key, so the database guarantees it (providers are
 * public). Only the type changes: were it missing, GraphQL would report the null.
 */
export function referenced<T>(row: Promise<T | null>): Promise<T> {
  return row as Promise<T>;
}
