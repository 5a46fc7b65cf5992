// Provider platform security (第二十条): the profile's computed compliance and history, drills and bulletins.
import { connectionFromArray, type ConnectionArgs } from '../../kit/connection';
import { todayInChina } from '../../kit/dates';
import { findInScope } from '../../kit/lookup';
import type { DisasterRecoveryDrillEntity } from '../entities/disaster-recovery-drill.entity';
import type { PlatformSecurityChangeEntity } from '../entities/platform-security-change.entity';
import type { ProviderSecurityProfileEntity } from '../entities/provider-security-profile.entity';
import type { SecurityBulletinAcknowledgementEntity } from '../entities/security-bulletin-acknowledgement.entity';
import type { SecurityBulletinEntity } from '../entities/security-bulletin.entity';
import type { SecurityContext } from '../loaders';
import { article20GapsOf, reviewIsValid, reviewValidUntil } from '../rules/platform-security';
import { platformAudienceOf } from '../services/platform-audience';
import { SecurityBulletinService, type BulletinListArgs } from '../services/security-bulletin.service';
import { platformMutations } from './platform-mutations';

const bulletinsOf = (ctx: SecurityContext) => new SecurityBulletinService(ctx.dataSource, platformAudienceOf(ctx.principal, ctx.scope));

export const platformResolvers = {
  Query: {
    securityBulletins: (_: unknown, args: BulletinListArgs, ctx: SecurityContext) => bulletinsOf(ctx).list(args),

    securityBulletin: (_: unknown, { id }: { id: string }, ctx: SecurityContext) =>
      findInScope(id, (key) => ctx.loaders.securityBulletinById.load(key)),
  },

  Mutation: platformMutations,

  ProviderSecurityProfile: {
    provider: (profile: ProviderSecurityProfileEntity) => ({ id: profile.providerId }),
    platformMlpsAssessedOn: (profile: ProviderSecurityProfileEntity) => profile.platformMlpsAssessedOn ?? null,
    platformMlpsAssessmentConclusion: (profile: ProviderSecurityProfileEntity) => profile.platformMlpsAssessmentConclusion ?? null,
    cybersecurityReviewValidUntil: (profile: ProviderSecurityProfileEntity) =>
      reviewValidUntil(profile.cybersecurityReviewPassedOn, profile.cybersecurityReviewValidUntil),
    cybersecurityReviewValid: (profile: ProviderSecurityProfileEntity) =>
      reviewIsValid(profile.cybersecurityReviewPassedOn, profile.cybersecurityReviewValidUntil, todayInChina()),
    meetsArticle20: (profile: ProviderSecurityProfileEntity) => article20GapsOf(profile, todayInChina()).length === 0,
    article20Gaps: (profile: ProviderSecurityProfileEntity) => article20GapsOf(profile, todayInChina()),
    version: (profile: ProviderSecurityProfileEntity) => profile.version ?? 1,
    // In version order: each change bumps the version, so it is the order they happened in.
    changes: async (profile: ProviderSecurityProfileEntity, args: ConnectionArgs, ctx: SecurityContext) =>
      connectionFromArray(await ctx.loaders.platformChangesByProviderId.load(profile.providerId), args, (change) =>
        String(change.version).padStart(10, '0'),
      ),
  },

  PlatformSecurityChange: {
    recordedAt: (change: PlatformSecurityChangeEntity) => change.recordedAt.toISOString(),
  },

  DisasterRecoveryDrill: {
    provider: (drill: DisasterRecoveryDrillEntity) => ({ id: drill.providerId }),
    recordedAt: (drill: DisasterRecoveryDrillEntity) => drill.recordedAt.toISOString(),
  },

  SecurityBulletin: {
    __resolveReference: (reference: { id: string }, ctx: SecurityContext) => ctx.loaders.securityBulletinById.load(reference.id),
    addressee: (bulletin: SecurityBulletinEntity) => (bulletin.providerId ? { id: bulletin.providerId } : null),
    toAllProviders: (bulletin: SecurityBulletinEntity) => bulletin.providerId === null,
    issuedAt: (bulletin: SecurityBulletinEntity) => bulletin.issuedAt.toISOString(),
    issuer: (bulletin: SecurityBulletinEntity) => bulletin.issuerRole,
    acknowledgements: async (bulletin: SecurityBulletinEntity, args: ConnectionArgs, ctx: SecurityContext) =>
      connectionFromArray(await ctx.loaders.acknowledgementsByBulletinId.load(bulletin.id), args, (ack) =>
        ack.acknowledgedAt.toISOString(),
      ),
  },

  BulletinAcknowledgement: {
    provider: (ack: SecurityBulletinAcknowledgementEntity) => ({ id: ack.providerId }),
    acknowledgedAt: (ack: SecurityBulletinAcknowledgementEntity) => ack.acknowledgedAt.toISOString(),
  },
};
