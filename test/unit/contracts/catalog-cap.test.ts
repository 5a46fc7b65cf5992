import { describe, expect, it } from 'vitest';
import { assertWithinCap, capAfterProcurement, pricesAfterCapChange } from '../../../subgraphs/contracts/catalog-cap';
import { expectViolation } from '../../setup/rule-assertions';

describe('CATALOG_CAP', () => {
  it('a price equal to the cap is allowed, one fen more is refused', () => {
    expect(() => assertWithinCap(38000, 38000, 'LISTED')).not.toThrow();
    expect(() => assertWithinCap(37999, 38000, 'LISTED')).not.toThrow();
    const error = expectViolation(() => assertWithinCap(38001, 38000, 'LISTED'), 'CATALOG_CAP', '第八条');
    expect(error.extensions).toMatchObject({ priceYuan: '380.01', priceCapYuan: '380.00' });
    expect(error.message).toContain('380.01');
  });

  it('a procured price above the cap is refused', () => {
    expectViolation(() => capAfterProcurement({ capFen: 38000, listedFen: 36000 }, 38001), 'CATALOG_CAP', '第八条');
  });
});

describe('CAP_LOWERS', () => {
  it('a price equal to the cap changes nothing', () => {
    expect(capAfterProcurement({ capFen: 38000, listedFen: 36000 }, 38000)).toEqual({ capFen: 38000, listedFen: 36000, lowered: false });
  });

  it('a price below the cap lowers the cap to it and keeps a lower listed price', () => {
    expect(capAfterProcurement({ capFen: 38000, listedFen: 36000 }, 37000)).toEqual({ capFen: 37000, listedFen: 36000, lowered: true });
  });

  it('a listed price above the new cap comes down to it', () => {
    expect(capAfterProcurement({ capFen: 38000, listedFen: 38000 }, 35050)).toEqual({ capFen: 35050, listedFen: 35050, lowered: true });
  });

  it('a line procured free of charge leaves the cap and the listed price where they are: a cap is never 0', () => {
    expect(capAfterProcurement({ capFen: 38000, listedFen: 36000 }, 0)).toEqual({ capFen: 38000, listedFen: 36000, lowered: false });
  });

  it('one fen below the cap still lowers it', () => {
    expect(capAfterProcurement({ capFen: 38000, listedFen: 38000 }, 37999)).toMatchObject({ capFen: 37999, lowered: true });
  });

  it('a bureau cap change pulls the listed price down, never up', () => {
    expect(pricesAfterCapChange({ capFen: 38000, listedFen: 36000 }, 35000)).toEqual({ capFen: 35000, listedFen: 35000 });
    expect(pricesAfterCapChange({ capFen: 38000, listedFen: 36000 }, 40000)).toEqual({ capFen: 40000, listedFen: 36000 });
  });
});
