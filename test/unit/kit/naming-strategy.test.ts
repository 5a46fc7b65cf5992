import { describe, expect, it } from 'vitest';
import { SnakeNamingStrategy, snakeCase } from '../../../subgraphs/kit/naming-strategy';

describe('SnakeNamingStrategy', () => {
  const strategy = new SnakeNamingStrategy();

  it('names a column after the snake case of its property', () => {
    expect(snakeCase('providerId')).toBe('provider_id');
    expect(snakeCase('mlpsLevel3Count')).toBe('mlps_level3_count');
    expect(snakeCase('fileSHA256')).toBe('file_sha256');
    expect(snakeCase('status')).toBe('status');
    expect(strategy.columnName('filingRecordedAt', undefined, [])).toBe('filing_recorded_at');
  });

  it('keeps an explicit name, and puts embedded prefixes in front in snake case', () => {
    expect(strategy.columnName('providerId', 'owner_provider', [])).toBe('owner_provider');
    expect(strategy.columnName('amountFen', undefined, ['unitPrice'])).toBe('unit_price_amount_fen');
  });
});
