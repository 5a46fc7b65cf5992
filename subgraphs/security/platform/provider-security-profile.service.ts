import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager, Repository } from 'typeorm';
import { enqueuePlatformSecurityChanged } from '../../contracts/platform-security-events';
import { RuleViolationError } from '../../kit/errors';
import { fetchByIds } from '../../kit/loader-helpers';
import type { Principal, Scope } from '../../kit/principal';
import { applyProviderRecordScope } from '../../kit/scope-filter';
import { PlatformSecurityChangeEntity } from './platform-security-change.entity';
import { ProviderSecurityProfileEntity } from './provider-security-profile.entity';
import type { CybersecurityReviewInput, PlatformMlpsInput } from './platform.inputs';
import type { PlatformSecurityChangeKind } from '../generated/graphql';

/** Reads providers' platform security profiles and their change history (第七条、第二十条). */
export class ProviderSecurityProfileService {
  private readonly repository: Repository<ProviderSecurityProfileEntity>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: Scope,
  ) {
    this.repository = dataSource.getRepository(ProviderSecurityProfileEntity);
  }

  /**
   * A platform's security profile is a qualification every government role may check (第七条);
   * a provider sees only its own.
   */
  byProviderIds(providerIds: readonly string[]): Promise<ProviderSecurityProfileEntity[]> {
    const scoped = applyProviderRecordScope(this.repository.createQueryBuilder('profile'), this.scope, 'profile');
    return fetchByIds(scoped, 'profile.provider_id', providerIds);
  }
}

/** Who records, kept with each change. */
export interface Recorder {
  subject: string;
  role: Principal['role'];
}

/**
 * Records the platform's MLPS level, filing and last assessment (第二十条) for the bureau or the
 * cybersecurity authority, on the profile the pipeline has locked at the caller's version. A
 * platform re-graded below a system it hosts would break MLPS_PLATFORM_LEVEL (第二十一条), so that
 * is refused until the system is re-graded.
 */
export async function recordPlatformMlps(
  manager: EntityManager,
  profile: ProviderSecurityProfileEntity,
  input: PlatformMlpsInput,
  recorder: Recorder,
): Promise<ProviderSecurityProfileEntity> {
  if (input.level < profile.platformMlpsLevel) {
    const [{ count }]: Array<{ count: number }> = await manager.query(
      // The hosting provider comes from the system facts (systems migrate); retired systems no longer count.
      `SELECT count(*)::int AS count
         FROM "security"."mlps_record" mlps
         JOIN "security"."system_fact" fact ON fact.system_id = mlps.system_id
        WHERE fact.provider_id = $1 AND fact.retired_on IS NULL AND mlps.level > $2`,
      [input.providerId, input.level],
    );
    if (count > 0) {
      throw new RuleViolationError(
        'MLPS_PLATFORM_LEVEL',
        `该平台承载的 ${count} 个系统定级高于第${input.level}级，平台等级不能降至其下；请先调整这些系统的定级`,
        { systemsAboveLevel: count, level: input.level },
      );
    }
  }
  profile.platformMlpsLevel = input.level;
  profile.platformMlpsCertificateNo = input.certificateNo;
  profile.platformMlpsFiledOn = input.filedOn;
  profile.platformMlpsAssessedOn = input.assessedOn;
  profile.platformMlpsAssessmentConclusion = input.assessmentConclusion;
  return saveWithChange(manager, profile, 'PLATFORM_MLPS', input.note, recorder);
}

/**
 * Records the central cybersecurity review (中央网信办安全审查, 第二十条) for the bureau or the
 * cybersecurity authority, on the profile the pipeline has locked at the caller's version.
 */
export function recordCybersecurityReview(
  manager: EntityManager,
  profile: ProviderSecurityProfileEntity,
  input: CybersecurityReviewInput,
  recorder: Recorder,
): Promise<ProviderSecurityProfileEntity> {
  profile.cybersecurityReviewPassedOn = input.passedOn;
  profile.cybersecurityReviewValidUntil = input.validUntil;
  return saveWithChange(manager, profile, 'CYBERSECURITY_REVIEW', input.note, recorder);
}

async function saveWithChange(
  manager: EntityManager,
  profile: ProviderSecurityProfileEntity,
  kind: PlatformSecurityChangeKind,
  note: string | null,
  recorder: Recorder,
): Promise<ProviderSecurityProfileEntity> {
  profile.version = (profile.version ?? 1) + 1;
  const { providerId, ...fields } = profile;
  await manager.getRepository(ProviderSecurityProfileEntity).update({ providerId }, fields);
  await manager.getRepository(PlatformSecurityChangeEntity).insert(changeSnapshot(profile, kind, note, recorder, new Date()));
  // PROVIDER_QUALIFIED (第七条) is checked in the providers subgraph against its copy of these facts.
  await enqueuePlatformSecurityChanged(manager, {
    providerId,
    version: profile.version,
    platformMlpsLevel: profile.platformMlpsLevel,
    platformMlpsCertificateNo: profile.platformMlpsCertificateNo,
    platformMlpsFiledOn: profile.platformMlpsFiledOn,
    cybersecurityReviewPassedOn: profile.cybersecurityReviewPassedOn,
  });
  return profile;
}

/** The profile as it stands after a change, as one history row. */
export function changeSnapshot(
  profile: ProviderSecurityProfileEntity,
  kind: PlatformSecurityChangeKind,
  note: string | null,
  recorder: Recorder,
  recordedAt: Date,
  id: string = randomUUID(),
): PlatformSecurityChangeEntity {
  return {
    id,
    providerId: profile.providerId,
    kind,
    version: profile.version ?? 1,
    platformMlpsLevel: profile.platformMlpsLevel,
    platformMlpsCertificateNo: profile.platformMlpsCertificateNo,
    platformMlpsFiledOn: profile.platformMlpsFiledOn,
    platformMlpsAssessedOn: profile.platformMlpsAssessedOn ?? null,
    platformMlpsAssessmentConclusion: profile.platformMlpsAssessmentConclusion ?? null,
    cybersecurityReviewPassedOn: profile.cybersecurityReviewPassedOn,
    cybersecurityReviewValidUntil: profile.cybersecurityReviewValidUntil ?? null,
    note,
    recordedBy: recorder.subject,
    recordedByRole: recorder.role,
    recordedAt,
  };
}
