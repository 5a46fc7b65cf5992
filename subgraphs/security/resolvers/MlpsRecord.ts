import { regionField } from '../../kit/shared-resolvers';
import type { MlpsRecordEntity } from '../entities/mlps-record.entity';
import type { SecurityContext } from '../loaders';

export const MlpsRecord = {
  __resolveReference: (reference: { id: string }, ctx: SecurityContext) => ctx.loaders.mlpsRecordById.load(reference.id),
  system: (record: MlpsRecordEntity) => ({ id: record.systemId }),
  region: (record: MlpsRecordEntity) => regionField(record.regionCode),
};
