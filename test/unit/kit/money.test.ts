import { describe, expect, it } from 'vitest';
import { fenColumn, fenToYuan, parseMoney, yuanToFen } from '../../../subgraphs/kit/money';
import { thrownBy } from '../../setup/rule-assertions';

describe('money in fen', () => {
  it('reads yuan strings exactly, without floats', () => {
    expect(yuanToFen('380.00')).toBe(38000);
    expect(yuanToFen('0.1')).toBe(10);
    expect(yuanToFen('0.29')).toBe(29); // 0.29 * 100 is 28.999… as a float
    expect(yuanToFen('9999999999.99')).toBe(999999999999);
    for (const bad of ['', '-1.00', '1.001', '1e3', '12345678901', ' 1', 'abc', '1.']) expect(yuanToFen(bad)).toBeNull();
  });

  it('writes two decimals', () => {
    expect(fenToYuan(38000)).toBe('380.00');
    expect(fenToYuan(5)).toBe('0.05');
    expect(fenToYuan(0)).toBe('0.00');
  });

  it('rejects bad money input with BAD_USER_INPUT naming the field', () => {
    expect(thrownBy(() => parseMoney('38.999', 'priceYuan', '公布价格')).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'priceYuan',
    });
    expect(thrownBy(() => parseMoney('0.00', 'capYuan', '最高限价')).extensions.code).toBe('BAD_USER_INPUT');
    expect(parseMoney('0.00', 'priceYuan', '公布价格', { allowZero: true })).toBe(0);
    expect(parseMoney(' 12.5 ', 'priceYuan', '公布价格')).toBe(1250);
  });

  it('round-trips numeric(12,2) text through the column transformer', () => {
    expect(fenColumn.from('1380.00')).toBe(138000);
    expect(fenColumn.to(138000)).toBe('1380.00');
    expect(fenColumn.from(null)).toBeNull();
  });
});
