import type { DataSource, EntityManager } from 'typeorm';
import { randomUUID } from 'node:crypto';
import { paginateQuery, type Connection, type ConnectionArgs } from '../../kit/connection';
import { ServiceItemEntity } from './service-item.entity';
import type { SupplementaryCatalogEntryEntity } from './supplementary-catalog-entry.entity';
import type { ServiceCategory, ServiceItemFilter } from '../generated/graphql';
import { filterServiceItems } from './service-item-list';

/** The bureau's standard items, public to every role. */
export async function listServiceItems(
  dataSource: DataSource,
  args: ConnectionArgs & { category?: ServiceCategory | null; filter?: ServiceItemFilter | null },
): Promise<Connection<ServiceItemEntity>> {
  const query = dataSource.getRepository(ServiceItemEntity).createQueryBuilder('item');
  if (args.category) query.andWhere('item.category = :category', { category: args.category });
  if (args.filter != null) filterServiceItems(query, args.filter);
  return paginateQuery(query, args, { alias: 'item', sortColumn: 'code', sortValueOf: (item) => item.code });
}

export async function serviceItemsByCodes(dataSource: DataSource, codes: readonly string[]): Promise<ServiceItemEntity[]> {
  const unique = [...new Set(codes.filter((code) => typeof code === 'string'))];
  if (unique.length === 0) return [];
  return dataSource
    .getRepository(ServiceItemEntity)
    .createQueryBuilder('item')
    .where('item.code = ANY(:codes)', { codes: unique })
    .getMany();
}

/**
 * The standard item a promoted supplementary entry becomes: the existing item with that code,
 * or a new one described by the entry (第八条: 补充目录…评估并确定价格后编入基本目录).
 */
export async function findOrCreateServiceItemFor(
  manager: EntityManager,
  code: string,
  from: SupplementaryCatalogEntryEntity,
): Promise<ServiceItemEntity> {
  const repository = manager.getRepository(ServiceItemEntity);
  const existing = await repository.findOne({ where: { code } });
  if (existing) return existing;
  return repository.save(
    repository.create({
      id: randomUUID(),
      code,
      name: from.name,
      category: from.category,
      billingUnit: from.billingUnit,
      description: from.description,
      vCpu: null,
      memoryGb: null,
      storageGb: null,
      referenceCapFen: null,
      createdAt: new Date(),
    }),
  );
}
