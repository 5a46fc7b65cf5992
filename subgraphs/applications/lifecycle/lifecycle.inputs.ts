// Input validation for the lifecycle mutations: plain checks, BAD_USER_INPUT naming the field.
import { BadUserInputError } from '../../kit/errors';
import { requireUuid } from '../../kit/ids';
import { parseMoney } from '../../kit/money';
import type { ConcludedPriceInput, ResourceLineInput } from '../generated/graphql';
import { assertLineQuantities } from '../materials/materials.rules';

export const MAX_RESOURCE_LINES = 100;

/** A reason the policy asks for (rejection, termination, long test): non-empty, at most 1000 characters. */
export function requireReason(value: string | null | undefined, field: string, label: string): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text) throw new BadUserInputError(`须填写${label}（${field}）`, field);
  if (text.length > 1000) throw new BadUserInputError(`${label}（${field}）不能超过 1000 字`, field);
  return text;
}

export function optionalReason(value: string | null | undefined, field: string, label: string): string | null {
  return value == null || value.trim() === '' ? null : requireReason(value, field, label);
}

export interface ParsedResourceLine {
  catalogEntryId: string;
  quantity: number;
  quantityMax: number;
}

export function parseResourceLines(lines: readonly ResourceLineInput[]): ParsedResourceLine[] {
  if (lines.length > MAX_RESOURCE_LINES) {
    throw new BadUserInputError(`资源明细（resourceLines）最多 ${MAX_RESOURCE_LINES} 行`, 'resourceLines');
  }
  return lines.map((line, index) => {
    const field = `resourceLines.${index}`;
    const parsed = {
      catalogEntryId: requireUuid(line.catalogEntryId, `${field}.catalogEntryId`),
      quantity: line.quantity,
      quantityMax: line.quantityMax ?? line.quantity,
    };
    assertLineQuantities(parsed, field);
    return parsed;
  });
}

export function parseConcludedPrices(prices: readonly ConcludedPriceInput[]): Map<string, number> {
  const byLine = new Map<string, number>();
  prices.forEach((price, index) => {
    const field = `prices.${index}`;
    const lineId = requireUuid(price.lineId, `${field}.lineId`);
    if (byLine.has(lineId)) throw new BadUserInputError('同一资源明细的成交价重复', `${field}.lineId`);
    byLine.set(lineId, parseMoney(price.concludedPrice, `${field}.concludedPrice`, '成交价', { allowZero: true }));
  });
  return byLine;
}
