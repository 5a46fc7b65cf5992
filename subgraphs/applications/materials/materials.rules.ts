// What a submission must carry (第十一条): the four materials (MATERIALS) and resource lines, stated
// as a range for a system whose load varies widely (ELASTIC_RESOURCES).
import { BadUserInputError, RuleViolationError } from '../../kit/errors';
import { MaterialKind } from '../generated/graphql';

/** In the SDL's order, which the missing-materials message follows. */
export const MATERIAL_KINDS: readonly MaterialKind[] = Object.values(MaterialKind);

export const MATERIAL_LABELS: Readonly<Record<MaterialKind, string>> = {
  CONSTRUCTION_PLAN: '建设方案',
  SELF_TEST_REPORT: '性能和安全自测报告',
  RESOURCE_REQUEST_FORM: '云服务资源申请表',
  SECURITY_RESPONSIBILITY_LETTER: '云服务安全责任书',
};

/** MATERIALS: all four kinds present, else the missing ones are named. */
export function assertMaterialsComplete(present: readonly MaterialKind[]): void {
  const have = new Set(present);
  const missing = MATERIAL_KINDS.filter((kind) => !have.has(kind));
  if (missing.length > 0) {
    throw new RuleViolationError('MATERIALS', `申请材料不全，缺少：${missing.map((kind) => MATERIAL_LABELS[kind]).join('、')}`, {
      missingMaterials: missing,
    });
  }
}

export interface ResourceQuantity {
  quantity: number;
  quantityMax: number;
}

/**
 * The most of one catalog entry a line may ask for (a local choice): a million of its billing unit
 * (cores, GB, Mbps…) is beyond any one system of the city, so a larger figure is a slip of the
 * keyboard, not a request; it would also be billed for a year without anyone noticing.
 */
export const MAX_LINE_QUANTITY = 1_000_000;

/** A line's own sanity: positive whole quantities up to MAX_LINE_QUANTITY, the range's upper end not below its lower. */
export function assertLineQuantities(line: ResourceQuantity, field: string): void {
  if (!Number.isInteger(line.quantity) || line.quantity < 1)
    throw new BadUserInputError('资源数量（quantity）须为正整数', `${field}.quantity`);
  if (!Number.isInteger(line.quantityMax) || line.quantityMax < line.quantity) {
    throw new BadUserInputError('资源数量上限（quantityMax）须为不小于数量下限的整数', `${field}.quantityMax`);
  }
  if (line.quantityMax > MAX_LINE_QUANTITY) {
    const which = line.quantity > MAX_LINE_QUANTITY ? 'quantity' : 'quantityMax';
    throw new BadUserInputError(
      `资源数量（${which}）每行最多 ${MAX_LINE_QUANTITY.toLocaleString('en-US')}（本地选择），请核对计费单位与数量`,
      `${field}.${which}`,
    );
  }
}

/**
 * A submission's resource request: at least one line, and for a system whose load varies widely at
 * least one line stated as a range (ELASTIC_RESOURCES).
 */
export function assertResourceRequest(lines: readonly ResourceQuantity[], loadVariesWidely: boolean): void {
  if (lines.length === 0) {
    throw new RuleViolationError('MATERIALS', '申请须列明所需云服务资源（resourceLines），云服务资源申请表不能为空');
  }
  if (loadVariesWidely && !lines.some((line) => line.quantityMax > line.quantity)) {
    throw new RuleViolationError('ELASTIC_RESOURCES', '该系统业务量变化较大，须以区间（quantity 至 quantityMax）提出动态资源需求');
  }
}
