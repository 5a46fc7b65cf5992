// Mutations of provider platform security (第二十条). Each: role (FORBIDDEN), then input
// (BAD_USER_INPUT), then rules and writes in one transaction, so a refusal changes nothing.
import { inTransaction } from '../../kit/data-source';
import { todayInChina } from '../../kit/dates';
import { ForbiddenError } from '../../kit/errors';
import { requireUuid } from '../../kit/ids';
import { Role, type Principal } from '../../kit/principal';
import type { BulletinIssuer } from '../entities/security-bulletin.entity';
import type { SecurityContext } from '../loaders';
import { recordDrill } from '../services/disaster-recovery-drill.service';
import {
  parseBulletinInput,
  parseCybersecurityReviewInput,
  parseDrillInput,
  parsePlatformMlpsInput,
  type BulletinInput,
  type CybersecurityReviewInput,
  type DrillInput,
  type PlatformMlpsInput,
} from '../services/platform-inputs';
import { recordCybersecurityReview, recordPlatformMlps } from '../services/provider-security-profile.service';
import { acknowledgeBulletin, issueBulletin } from '../services/security-bulletin.service';

/** The platform's own MLPS record and review are the authorities' findings, never the provider's say. */
const RECORDERS = [Role.BUREAU, Role.CYBERSEC];

function requireRole(principal: Principal, roles: readonly Role[]): void {
  if (!roles.includes(principal.role)) throw new ForbiddenError();
}

/** The provider a PROVIDER principal acts for; only its own platform. */
function ownProviderId(principal: Principal): string {
  if (principal.role !== Role.PROVIDER || !principal.providerId) throw new ForbiddenError();
  return principal.providerId;
}

type Input<T> = { input: { [K in keyof T]?: T[K] | null } };

export const platformMutations = {
  recordPlatformMlps: (_: unknown, { input }: Input<PlatformMlpsInput>, ctx: SecurityContext) => {
    requireRole(ctx.principal, RECORDERS);
    const parsed = parsePlatformMlpsInput(input, todayInChina());
    return inTransaction(ctx.dataSource, (manager) => recordPlatformMlps(manager, parsed, ctx.principal));
  },

  recordCybersecurityReview: (_: unknown, { input }: Input<CybersecurityReviewInput>, ctx: SecurityContext) => {
    requireRole(ctx.principal, RECORDERS);
    const parsed = parseCybersecurityReviewInput(input, todayInChina());
    return inTransaction(ctx.dataSource, (manager) => recordCybersecurityReview(manager, parsed, ctx.principal));
  },

  recordDisasterRecoveryDrill: (_: unknown, { input }: Input<DrillInput>, ctx: SecurityContext) => {
    const providerId = ownProviderId(ctx.principal);
    const parsed = parseDrillInput(input, todayInChina());
    return inTransaction(ctx.dataSource, (manager) => recordDrill(manager, providerId, parsed, ctx.principal.subject));
  },

  issueSecurityBulletin: (_: unknown, { input }: Input<BulletinInput>, ctx: SecurityContext) => {
    requireRole(ctx.principal, RECORDERS);
    const parsed = parseBulletinInput(input);
    const issuer = { subject: ctx.principal.subject, role: ctx.principal.role as BulletinIssuer };
    return inTransaction(ctx.dataSource, (manager) => issueBulletin(manager, parsed, issuer, todayInChina()));
  },

  acknowledgeSecurityBulletin: (_: unknown, { id }: { id: string }, ctx: SecurityContext) => {
    const providerId = ownProviderId(ctx.principal);
    const bulletinId = requireUuid(id, 'id');
    return inTransaction(ctx.dataSource, (manager) =>
      acknowledgeBulletin(manager, bulletinId, { providerId, subject: ctx.principal.subject }),
    );
  },
};
