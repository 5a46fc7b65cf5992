import { getMetadataArgsStorage } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { enumCheck } from '../../../subgraphs/kit/enum-check';
import { SupplementaryFilingStatus } from '../../../subgraphs/providers/generated/graphql';

describe('enumCheck', () => {
  it("declares the check our migrations create, from a generated enum's values in SDL order", () => {
    @enumCheck('demo_entry', 'filing_status', Object.values(SupplementaryFilingStatus))
    class DemoEntry {}
    const check = getMetadataArgsStorage().checks.find((args) => args.target === DemoEntry);
    expect(check).toMatchObject({
      name: 'demo_entry_filing_status_check',
      expression: `"filing_status" IN ('PENDING', 'FILED', 'PROMOTED', 'WITHDRAWN')`,
    });
  });

  it('refuses no values, or a value that would need quoting', () => {
    expect(() => enumCheck('demo', 'status', [])).toThrow(/no values/);
    expect(() => enumCheck('demo', 'status', ["A', 'B"])).toThrow(/not an enum name/);
  });
});
