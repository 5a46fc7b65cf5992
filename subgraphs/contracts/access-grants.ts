// AUTHORIZED_ACCESS (第二十三条) as a pure rule: whether a unit's grant covers a provider's access.
// The security subgraph decides every submitted access record with it (and the same in SQL); the
// demo world's access records (seed/world/security-access.ts), which the supervision seed counts
// too, are decided by it as well, so both sides agree on which records are violations.

export type AccessResourceKind = 'HOST' | 'DATABASE' | 'STORAGE';

/** What a grant says, as far as matching is concerned. */
export interface GrantTerms {
  systemId: string;
  providerId: string;
  resourceKind: AccessResourceKind;
  staffAccount: string;
  validFrom: Date;
  validUntil: Date;
  /** When the unit recorded the grant: a grant is not retroactive. */
  grantedAt: Date;
  revokedAt: Date | null;
}

/** One access by a provider's staff, as its log says. */
export interface AccessFacts {
  systemId: string;
  providerId: string;
  resourceKind: AccessResourceKind;
  staffAccount: string;
  accessedAt: Date;
}

/**
 * Whether `grant` authorises `access`: same system, same provider, same kind of resource, same staff
 * account (exactly: a near miss is a violation, never a pass); accessed within [validFrom, validUntil]
 * (both inclusive) and not before the grant was recorded; and strictly before any revocation (an
 * access at the instant of revocation is no longer covered).
 */
export function grantCovers(grant: GrantTerms, access: AccessFacts): boolean {
  const at = access.accessedAt.getTime();
  return (
    grant.systemId === access.systemId &&
    grant.providerId === access.providerId &&
    grant.resourceKind === access.resourceKind &&
    grant.staffAccount === access.staffAccount &&
    at >= grant.validFrom.getTime() &&
    at >= grant.grantedAt.getTime() &&
    at <= grant.validUntil.getTime() &&
    (grant.revokedAt === null || at < grant.revokedAt.getTime())
  );
}

/** The grant that authorises an access (the earliest recorded one when several do), or null: a violation. */
export function matchingGrant<G extends GrantTerms & { id: string }>(grants: readonly G[], access: AccessFacts): G | null {
  const covering = grants.filter((grant) => grantCovers(grant, access));
  covering.sort((a, b) => a.grantedAt.getTime() - b.grantedAt.getTime() || a.id.localeCompare(b.id));
  return covering[0] ?? null;
}
