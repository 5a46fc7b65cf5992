import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { paginateQuery, type Connection } from '../../kit/connection';
import { NotFoundError } from '../../kit/errors';
import { fetchByIds } from '../../kit/loader-helpers';
import { ProviderSecurityProfileEntity } from './provider-security-profile.entity';
import { SecurityBulletinAcknowledgementEntity } from './security-bulletin-acknowledgement.entity';
import { SecurityBulletinEntity } from './security-bulletin.entity';
import { filterBulletins } from './security-bulletin-list';
import type { PlatformAudience } from './platform-audience';
import type { BulletinInput } from './platform.inputs';
import type { BulletinIssuer, QuerySecurityBulletinsArgs } from '../generated/graphql';

/** Reads security bulletins (安全通报, 第二十条) as an audience may see them. */
export class SecurityBulletinService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audience: PlatformAudience,
  ) {}

  /** City-wide roles: all; a provider: those addressed to it or to all; anyone else: none. */
  private scoped(): SelectQueryBuilder<SecurityBulletinEntity> {
    const query = this.dataSource.getRepository(SecurityBulletinEntity).createQueryBuilder('bulletin');
    if (this.audience.kind === 'NONE') return query.andWhere('FALSE');
    if (this.audience.kind === 'PROVIDER') {
      query.andWhere('(bulletin.provider_id IS NULL OR bulletin.provider_id = :audienceProvider)', {
        audienceProvider: this.audience.providerId,
      });
    }
    return query;
  }

  list(args: QuerySecurityBulletinsArgs): Promise<Connection<SecurityBulletinEntity>> {
    const query = this.scoped();
    if (args.severity) query.andWhere('bulletin.severity = :severity', { severity: args.severity });
    if (args.filter != null) filterBulletins(query, args.filter);
    return paginateQuery(query, args, { alias: 'bulletin', sortColumn: 'number', sortValueOf: (bulletin) => bulletin.number });
  }

  byIds(ids: readonly string[]): Promise<SecurityBulletinEntity[]> {
    return fetchByIds(this.scoped(), 'bulletin.id', ids);
  }
}

/** The bulletin number: 滨政云安通〔year〕NNN号, the year's next in sequence. */
export function bulletinNumber(year: string, sequence: number): string {
  return `滨政云安通〔${year}〕${String(sequence).padStart(3, '0')}号`;
}

/** Issues a bulletin to one provider (which must have a platform here) or to all. */
export async function issueBulletin(
  manager: EntityManager,
  input: BulletinInput,
  issuer: { subject: string; role: BulletinIssuer },
  today: string,
): Promise<SecurityBulletinEntity> {
  if (
    input.providerId &&
    !(await manager.getRepository(ProviderSecurityProfileEntity).exists({ where: { providerId: input.providerId } }))
  ) {
    throw new NotFoundError('定点服务商');
  }
  const year = today.slice(0, 4);
  // Serialises numbering: two bulletins issued at once must not take the same number.
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext('security.security_bulletin.number'))`);
  const [{ count }]: Array<{ count: number }> = await manager.query(
    `SELECT count(*)::int AS count FROM "security"."security_bulletin" WHERE number LIKE $1`,
    [`滨政云安通〔${year}〕%`],
  );
  const bulletin: SecurityBulletinEntity = {
    id: randomUUID(),
    number: bulletinNumber(year, count + 1),
    title: input.title,
    content: input.content,
    severity: input.severity,
    providerId: input.providerId,
    issuedAt: new Date(),
    issuedBy: issuer.subject,
    issuerRole: issuer.role,
  };
  await manager.getRepository(SecurityBulletinEntity).insert(bulletin);
  return bulletin;
}

/** Whether a provider is a bulletin's addressee: of a bulletin to all, every provider; of one to one, that provider. */
export function isAddressee(bulletin: SecurityBulletinEntity, providerId: string | undefined): boolean {
  return bulletin.providerId === null || bulletin.providerId === providerId;
}

/**
 * The addressee acknowledges (the pipeline answers anyone else NOT_FOUND, as for a bulletin that does
 * not exist). Acknowledging again keeps the first.
 */
export async function acknowledgeBulletin(
  manager: EntityManager,
  bulletin: SecurityBulletinEntity,
  provider: { providerId: string; subject: string },
): Promise<SecurityBulletinEntity> {
  const bulletinId = bulletin.id;
  await manager
    .createQueryBuilder()
    .insert()
    .into(SecurityBulletinAcknowledgementEntity)
    .values({ id: randomUUID(), bulletinId, providerId: provider.providerId, acknowledgedAt: new Date(), acknowledgedBy: provider.subject })
    .orIgnore()
    .execute();
  return bulletin;
}
