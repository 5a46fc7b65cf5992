// 第八条 names a catalog entry's 计费要素 (billing unit), 第十六条 settles the year's fees from the
// agreement's prices: a unit per month of service (台·月, GB·月, 实例·月…) is billed for the days in
// service, one per delivery (套·次, 项·次) once, in the year it is delivered. The billing unit says
// which; the providers subgraph owns it, the applications subgraph's settlement needs it, so both
// read it through this one rule and the catalog events carry its answer.

/** A billing unit whose last element is 次 (a delivery) is billed once; any other per month. */
export function isBilledOnce(billingUnit: string): boolean {
  return /(^|[·/])次$/.test(billingUnit.trim());
}
