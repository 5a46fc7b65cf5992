import type { SubgraphContext } from '../../kit/context';
import { ForbiddenError } from '../../kit/errors';
import type { Principal } from '../../kit/principal';
import type { ProvidersLoaders } from '../loaders';
import type { Actor } from '../services/common';

export type ProvidersContext = SubgraphContext<ProvidersLoaders>;

/** Who did it, for the records' own columns (signedBy, changedBy …); the audit trail has the rest. */
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

/** Connection arguments every list field takes. */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
}
