import type { DataSource, EntityManager } from 'typeorm';
import { randomUUID } from 'node:crypto';
import { paginateQuery, type Connection, type ConnectionArgs } from '../../kit/connection';
import { BadUserInputError } from '../../kit/errors';
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
  if (existing) {
    assertSameService(existing, from);
    return existing;
  }
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

/**
 * 第八条: the basic catalog follows the standard service items. A supplementary entry joins one only
 * if it is that service: the same category and billing unit, or its cap would be read per another
 * unit (a 200-yuan host per month as 200 yuan per GB of backup). BAD_USER_INPUT on serviceItemCode.
 */
function assertSameService(item: ServiceItemEntity, entry: SupplementaryCatalogEntryEntity): void {
  const differs = [
    item.category !== entry.category ? `类别（${item.category} 与 ${entry.category}）` : null,
    item.billingUnit !== entry.billingUnit ? `计费单位（${item.billingUnit} 与 ${entry.billingUnit}）` : null,
  ].filter((part): part is string => part !== null);
  if (differs.length === 0) return;
  throw new BadUserInputError(
    `补充目录条目 ${entry.code} 与服务条目 ${item.code}「${item.name}」的${differs.join('、')}不同，不能编入该条目：基本目录依据服务条目编制（第八条）；请选用相同服务的条目，或以新的条目编码编入`,
    'serviceItemCode',
  );
}
