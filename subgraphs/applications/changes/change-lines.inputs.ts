// The resource lines of requestChange (第十五条): plain checks, BAD_USER_INPUT naming the field.
import { BadUserInputError } from '../../kit/errors';
import { requireUuid } from '../../kit/ids';
import { parseMoney } from '../../kit/money';
import type { ChangeLineInput } from '../generated/graphql';
import { MAX_RESOURCE_LINES } from '../lifecycle/lifecycle.inputs';
import { assertLineQuantities } from '../materials/materials.rules';
import type { ParsedChangeLine } from './change-lines.rules';

function forbid(value: unknown, field: string, what: string): void {
  if (value != null) throw new BadUserInputError(`${what}不填 ${field.split('.').at(-1)}`, field);
}

function quantities(line: ChangeLineInput, field: string): { quantity: number; quantityMax: number } {
  if (line.quantity == null) throw new BadUserInputError('须填写数量（quantity）', `${field}.quantity`);
  const parsed = { quantity: line.quantity, quantityMax: line.quantityMax ?? line.quantity };
  assertLineQuantities(parsed, field);
  return parsed;
}

function price(line: ChangeLineInput, field: string): number | null {
  // Zero passes here so that CATALOG_CAP refuses it with its rule id, as procurement does.
  return line.concludedPrice == null ? null : parseMoney(line.concludedPrice, `${field}.concludedPrice`, '成交价', { allowZero: true });
}

export function parseChangeLines(lines: readonly ChangeLineInput[] | null | undefined): ParsedChangeLine[] {
  if (!lines) return [];
  if (lines.length > MAX_RESOURCE_LINES) throw new BadUserInputError(`变更的资源明细（lines）最多 ${MAX_RESOURCE_LINES} 行`, 'lines');
  return lines.map((line, index): ParsedChangeLine => {
    const field = `lines.${index}`;
    switch (line.kind) {
      case 'ADD': {
        forbid(line.resourceLineId, `${field}.resourceLineId`, '新增 (ADD) ');
        const concludedPriceFen = price(line, field);
        if (concludedPriceFen === null) throw new BadUserInputError('新增资源须填写成交价（concludedPrice）', `${field}.concludedPrice`);
        const catalogEntryId = requireUuid(line.catalogEntryId ?? '', `${field}.catalogEntryId`);
        return { kind: 'ADD', catalogEntryId, resourceLineId: null, ...quantities(line, field), concludedPriceFen };
      }
      case 'REMOVE':
        forbid(line.catalogEntryId, `${field}.catalogEntryId`, '删除 (REMOVE) ');
        forbid(line.quantity, `${field}.quantity`, '删除 (REMOVE) ');
        forbid(line.quantityMax, `${field}.quantityMax`, '删除 (REMOVE) ');
        forbid(line.concludedPrice, `${field}.concludedPrice`, '删除 (REMOVE) ');
        return {
          kind: 'REMOVE',
          catalogEntryId: null,
          resourceLineId: requireUuid(line.resourceLineId ?? '', `${field}.resourceLineId`),
          quantity: null,
          quantityMax: null,
          concludedPriceFen: null,
        };
      case 'RESIZE':
        forbid(line.catalogEntryId, `${field}.catalogEntryId`, '调整 (RESIZE) ');
        return {
          kind: 'RESIZE',
          catalogEntryId: null,
          resourceLineId: requireUuid(line.resourceLineId ?? '', `${field}.resourceLineId`),
          ...quantities(line, field),
          concludedPriceFen: price(line, field),
        };
    }
  });
}
