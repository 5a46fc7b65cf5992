import type { SubgraphContext } from '../../kit/context';
import { ForbiddenError } from '../../kit/errors';
import type { Principal, Role } from '../../kit/principal';
import type { ProvidersLoaders } from '../loaders';
import type { Actor } from '../services/common';

export type ProvidersContext = SubgraphContext<ProvidersLoaders>;

/** The first check of every mutation: the caller's role may do this at all. */
export function requireRole(principal: Principal, ...roles: Role[]): void {
  if (!roles.includes(principal.role)) throw new ForbiddenError();
}

export function actorOf(context: ProvidersContext): Actor {
  return { subject: context.principal.subject };
}

/** The provider a PROVIDER principal acts for; its token must name one. */
export function ownProviderId(principal: Principal): string {
  if (!principal.providerId) throw new ForbiddenError();
  return principal.providerId;
}

/** Connection arguments every list field takes. */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
}
