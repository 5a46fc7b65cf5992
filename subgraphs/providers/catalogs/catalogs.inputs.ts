// Parses the catalogs mutations' GraphQL input into checked values (BAD_USER_INPUT on the first bad field),
// before any transaction starts.
import { BadUserInputError } from '../../kit/errors';
import { parseMoney } from '../../kit/money';
import { optionalText, requiredText } from '../../kit/text-input';
import type { NewBasicEntry } from './catalog.service';
import type { ServiceCategory } from './service-item.entity';
import type { NewSupplementaryEntry } from './supplementary.service';

const DESCRIPTION_MAX = 2000;

const CODE = /^[A-Z0-9][A-Z0-9-]{1,39}$/;

/** Business codes such as `ECS-4C8G`: upper-case letters, digits and hyphens. */
export function catalogCode(value: unknown, field: string, label: string): string {
  const code = typeof value === 'string' ? value.trim() : '';
  if (!CODE.test(code)) throw new BadUserInputError(`${label}（${field}）须为 2 到 40 位大写字母、数字或连字符，如 ECS-4C8G`, field);
  return code;
}

export interface BasicEntryInput {
  providerId: string;
  serviceItemCode: string;
  priceCapYuan: string;
  listedPriceYuan?: string | null;
  sourceReference?: string | null;
}

export function parseBasicEntryInput(input: BasicEntryInput): NewBasicEntry {
  return {
    providerId: input.providerId,
    serviceItemCode: catalogCode(input.serviceItemCode, 'serviceItemCode', '标准服务条目编码'),
    priceCapFen: parseMoney(input.priceCapYuan, 'priceCapYuan', '最高限价'),
    listedPriceFen:
      input.listedPriceYuan == null ? null : parseMoney(input.listedPriceYuan, 'listedPriceYuan', '公布价格', { allowZero: true }),
    sourceReference: optionalText(input.sourceReference, 'sourceReference', '来源编号', 100),
  };
}

export interface SupplementaryInput {
  code: string;
  name: string;
  category: ServiceCategory;
  billingUnit: string;
  description: string;
  listedPriceYuan: string;
}

export function parseSupplementaryInput(input: SupplementaryInput): NewSupplementaryEntry {
  return {
    code: catalogCode(input.code, 'code', '条目编码'),
    name: requiredText(input.name, 'name', '服务名称', 100),
    category: input.category,
    billingUnit: requiredText(input.billingUnit, 'billingUnit', '计费单位', 20),
    description: requiredText(input.description, 'description', '服务说明', DESCRIPTION_MAX),
    listedPriceFen: parseMoney(input.listedPriceYuan, 'listedPriceYuan', '公布价格', { allowZero: true }),
  };
}
