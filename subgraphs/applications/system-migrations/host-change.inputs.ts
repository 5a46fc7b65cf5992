// Reading recordSystemMigrated's arguments (第九条): plain checks, BAD_USER_INPUT naming the field.
import { BadUserInputError } from '../../kit/errors';
import { requireUuid } from '../../kit/ids';
import { parseMoney } from '../../kit/money';
import type { MutationRecordSystemMigratedArgs } from '../generated/graphql';
import { MAX_RESOURCE_LINES } from '../lifecycle/lifecycle.inputs';
import { assertLineQuantities } from '../materials/materials.rules';

/** A new line on the receiving provider's catalog, replacing one in force. */
export interface MigratedLine {
  resourceLineId: string;
  catalogEntryId: string;
  quantity: number;
  quantityMax: number;
  concludedPriceFen: number;
}

export interface RecordMigratedInput {
  id: string;
  version: number;
  targetProviderId: string;
  migratedOn: string;
  lines: MigratedLine[];
}

export function parseRecordMigrated(args: MutationRecordSystemMigratedArgs): RecordMigratedInput {
  if (args.lines.length > MAX_RESOURCE_LINES) throw new BadUserInputError(`迁入资源明细（lines）最多 ${MAX_RESOURCE_LINES} 行`, 'lines');
  const seen = new Set<string>();
  const lines = args.lines.map((line, index) => {
    const field = `lines.${index}`;
    const resourceLineId = requireUuid(line.resourceLineId, `${field}.resourceLineId`);
    if (seen.has(resourceLineId)) throw new BadUserInputError('同一资源明细只能替换一次', `${field}.resourceLineId`);
    seen.add(resourceLineId);
    const parsed: MigratedLine = {
      resourceLineId,
      catalogEntryId: requireUuid(line.catalogEntryId, `${field}.catalogEntryId`),
      quantity: line.quantity,
      quantityMax: line.quantityMax ?? line.quantity,
      // Zero is read here and refused by CATALOG_CAP, as in a procurement.
      concludedPriceFen: parseMoney(line.concludedPrice, `${field}.concludedPrice`, '成交价', { allowZero: true }),
    };
    assertLineQuantities(parsed, field);
    return parsed;
  });
  return {
    id: args.id,
    version: args.version,
    targetProviderId: requireUuid(args.targetProviderId, 'targetProviderId'),
    migratedOn: args.migratedOn,
    lines,
  };
}
