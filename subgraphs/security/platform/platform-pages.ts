// Provider platform security's child lists (第二十条) paged in SQL (issue 14, kit/child-connection.ts):
// a provider's drills, profile changes and bulletins and a bulletin's acknowledgements, each batch of
// pages one statement, limited to what the principal's audience may see; a provider's last drill is
// one grouped statement.
import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { childConnectionLoader, instantSortText } from '../../kit/child-connection';
import { wellFormedIds } from '../../kit/ids';
import { DisasterRecoveryDrillEntity } from './disaster-recovery-drill.entity';
import { visibleProviderIds, type PlatformAudience } from './platform-audience';
import { PlatformSecurityChangeEntity } from './platform-security-change.entity';
import { ProviderSecurityProfileEntity } from './provider-security-profile.entity';
import { SecurityBulletinAcknowledgementEntity } from './security-bulletin-acknowledgement.entity';
import { SecurityBulletinEntity } from './security-bulletin.entity';

/** Rows of the platforms the audience may see (`column` names the row's provider): every one, its own, or none. */
export function scopeToAudience<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  audience: PlatformAudience,
  column: string,
): SelectQueryBuilder<T> {
  if (audience.kind === 'NONE') return query.andWhere('FALSE');
  if (audience.kind === 'PROVIDER') return query.andWhere(`${column} = :audienceProvider`, { audienceProvider: audience.providerId });
  return query;
}

/** Pages of many providers' disaster-recovery drills by day. */
export function drillPages(dataSource: DataSource, audience: PlatformAudience) {
  return childConnectionLoader({
    query: () =>
      scopeToAudience(dataSource.getRepository(DisasterRecoveryDrillEntity).createQueryBuilder('drill'), audience, 'drill.provider_id'),
    alias: 'drill',
    parentColumn: 'provider_id',
    parentOf: (drill) => drill.providerId,
    sortExpression: 'drill.drilled_on::text',
    sortValueOf: (drill) => drill.drilledOn,
  });
}

/** Pages of many platforms' recorded changes in version order (each change bumps it: the order they happened in). */
export function platformChangePages(dataSource: DataSource, audience: PlatformAudience) {
  return childConnectionLoader({
    query: () =>
      scopeToAudience(dataSource.getRepository(PlatformSecurityChangeEntity).createQueryBuilder('change'), audience, 'change.provider_id'),
    alias: 'change',
    parentColumn: 'provider_id',
    parentOf: (change) => change.providerId,
    sortExpression: `lpad(change.version::text, 10, '0')`,
    sortValueOf: (change) => String(change.version).padStart(10, '0'),
  });
}

/** Pages of many bulletins' acknowledgements in time order: a provider sees only its own. */
export function acknowledgementPages(dataSource: DataSource, audience: PlatformAudience) {
  return childConnectionLoader({
    query: () =>
      scopeToAudience(
        dataSource.getRepository(SecurityBulletinAcknowledgementEntity).createQueryBuilder('ack'),
        audience,
        'ack.provider_id',
      ),
    alias: 'ack',
    parentColumn: 'bulletin_id',
    parentOf: (ack) => ack.bulletinId,
    sortExpression: instantSortText('ack.acknowledged_at'),
    sortValueOf: (ack) => ack.acknowledgedAt.toISOString(),
  });
}

/**
 * Pages of many providers' bulletins by number: those addressed to the provider or to all (a
 * bulletin to all is on every provider's list). Only providers with a platform profile receive
 * bulletins. `unacknowledged`: only those the provider has not acknowledged.
 */
export function bulletinPages(dataSource: DataSource, audience: PlatformAudience, unacknowledged: boolean) {
  return childConnectionLoader({
    query: () => {
      const query = dataSource
        .getRepository(SecurityBulletinEntity)
        .createQueryBuilder('bulletin')
        .innerJoin(
          ProviderSecurityProfileEntity,
          'profile',
          '(bulletin.provider_id IS NULL OR bulletin.provider_id = profile.provider_id)',
        );
      if (unacknowledged) {
        query.andWhere(
          `NOT EXISTS (SELECT 1 FROM "security"."security_bulletin_acknowledgement" ack WHERE ack.bulletin_id = bulletin.id AND ack.provider_id = profile.provider_id)`,
        );
      }
      return scopeToAudience(query, audience, 'profile.provider_id');
    },
    alias: 'bulletin',
    parentColumn: 'profile.provider_id',
    // Byte order, as the numbers sorted before (滨政云安通〔2026〕001号).
    sortExpression: 'bulletin.number COLLATE "C"',
    sortValueOf: (bulletin) => bulletin.number,
  });
}

/** The day of each provider's last drill, for the providers the audience may see that have drilled: one statement. */
export async function lastDrillsOf(
  dataSource: DataSource,
  audience: PlatformAudience,
  providerIds: readonly string[],
): Promise<Array<{ providerId: string; lastOn: string }>> {
  const ids = wellFormedIds(visibleProviderIds(audience, providerIds));
  if (ids.length === 0) return [];
  return dataSource
    .getRepository(DisasterRecoveryDrillEntity)
    .createQueryBuilder('drill')
    .select('drill.provider_id::text', 'providerId')
    .addSelect('max(drill.drilled_on)::text', 'lastOn')
    .where('drill.provider_id = ANY(:ids)', { ids })
    .groupBy('drill.provider_id')
    .getRawMany();
}
