import { describe, expect, it } from 'vitest';
import { nullableNumberColumn, numberColumn } from '../../../subgraphs/kit/numeric-column';

describe('kit numeric columns', () => {
  it('reads PostgreSQL numeric text as numbers and writes numbers through', () => {
    expect(numberColumn.from('92.50')).toBe(92.5);
    expect(numberColumn.to(92.5)).toBe(92.5);
    expect(nullableNumberColumn.from('0.00')).toBe(0);
    expect(nullableNumberColumn.from(null)).toBeNull();
    expect(nullableNumberColumn.to(null)).toBeNull();
  });
});
