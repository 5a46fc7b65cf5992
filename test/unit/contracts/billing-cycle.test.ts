// 第八条、第十六条: which catalog entries are billed once per delivery rather than per month.
import { describe, expect, it } from 'vitest';
import { isBilledOnce } from '../../../subgraphs/contracts/billing-cycle';
import { buildWorld } from '../../../seed/world';

describe('isBilledOnce', () => {
  it('reads a billing unit whose last element is 次 as once per delivery, every other as per month', () => {
    for (const unit of ['套·次', '次', '项·次', ' 套·次 ', '套/次']) expect(isBilledOnce(unit), unit).toBe(true);
    for (const unit of ['台·月', 'GB·月', 'vCPU·月', '项', '次·月', '实例·月']) expect(isBilledOnce(unit), unit).toBe(false);
  });

  it('finds in the demo catalog exactly its one delivery, the migration service', () => {
    const once = buildWorld().serviceItems.filter((item) => isBilledOnce(item.billingUnit));
    expect(once.map((item) => item.code)).toEqual(['SVC-MIGRATION']);
  });
});
