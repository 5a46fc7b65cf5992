import type { EntityManager } from 'typeorm';
import type { World } from '../../../seed/world';
import { buildAccessDemo } from '../../../seed/world/security-access';
import { insertAll } from '../../kit/insert-all';
import { AccessGrantEntity } from './access-grant.entity';
import { AccessRecordEntity } from './access-record.entity';

/** The world's access grants and records (第二十三条), shared with the supervision seed (seed/world/security-access.ts). */
export async function seedAccess(manager: EntityManager, world: World): Promise<void> {
  const { grants, records } = buildAccessDemo(world);
  await insertAll(manager, AccessGrantEntity, grants);
  await insertAll(manager, AccessRecordEntity, records);
}
