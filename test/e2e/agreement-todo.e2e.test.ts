// TERM_MAX_3Y (第九条) through the gateway on the seeded stack, its day pinned (GOVCLOUD_TODAY) 60
// days before the city agreements of 2024 end (2027-06-30): each shows on the bureau's to-do list,
// a county's mirror only on that county's; a renewal takes it off at once; 30 days before the end
// it is overdue.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TODAY_VARIABLE } from '../../subgraphs/kit/dates';
import { startStack, type Stack } from '../setup/stack';

const TODO = `{ todoItems(kind: RENEW_AGREEMENT, first: 100) {
  totalCount edges { node { id kind dueOn overdue rule article action system { id } agreement { id number endsOn region { code } } } }
} }`;
const RENEW = `mutation($input: RenewAgreementInput!) { renewAgreement(input: $input) { id endsOn } }`;

interface TodoAnswer {
  todoItems: {
    totalCount: number;
    edges: Array<{
      node: {
        id: string;
        dueOn: string;
        overdue: boolean;
        rule: string;
        article: string;
        system: null;
        agreement: { id: string; number: string; endsOn: string; region: { code: string } };
      };
    }>;
  };
}

let stack: Stack;
const saved = process.env[TODAY_VARIABLE];

beforeAll(async () => {
  process.env[TODAY_VARIABLE] = '2027-05-01';
  stack = await startStack({ seed: true });
});
afterAll(async () => {
  await stack?.stop();
  if (saved === undefined) delete process.env[TODAY_VARIABLE];
  else process.env[TODAY_VARIABLE] = saved;
});

async function todo(token: string) {
  const body = await stack.query<TodoAnswer>(token, TODO);
  expect(body.errors).toBeUndefined();
  return body.data!.todoItems.edges.map((edge) => edge.node);
}

describe('TERM_MAX_3Y: agreements nearing their end on the to-do lists, through the gateway', () => {
  it('the bureau sees the city’s, a county its own; renewal takes one off; 30 days before the end it is overdue', async () => {
    const cityInForce = stack.world.agreements.filter((a) => a.regionCode === '371600' && a.endsOn === '2027-06-30');
    expect(cityInForce.length).toBeGreaterThan(0);
    const bureau = await stack.token({ role: 'BUREAU' });
    const bureauItems = await todo(bureau);
    expect(bureauItems.map((item) => item.agreement.id).sort()).toEqual(cityInForce.map((a) => a.id).sort());
    for (const item of bureauItems) {
      expect(item).toMatchObject({ dueOn: '2027-05-31', overdue: false, rule: 'TERM_MAX_3Y', article: '第九条', system: null });
      expect(item.agreement.region.code).toBe('371600');
    }

    const yangxin = await stack.token({ role: 'COUNTY_AUTHORITY', region: '371622' });
    const countyItems = await todo(yangxin);
    const mirrors = stack.world.agreements.filter((a) => a.regionCode === '371622');
    expect(countyItems.map((item) => item.agreement.id)).toEqual(mirrors.map((a) => a.id));
    // A unit has none.
    const unit = await stack.token({
      role: 'USER_UNIT',
      unit: stack.world.units.find((u) => u.regionCode === '371622')!.id,
      region: '371622',
    });
    expect(await todo(unit)).toEqual([]);

    const unicomCity = stack.world.agreements.find((a) => a.number === '滨大数采〔2024〕14号')!;
    const renewed = await stack.query(bureau, RENEW, { input: { agreementId: unicomCity.id, endsOn: '2030-06-30' } });
    expect(renewed.errors).toBeUndefined();
    expect((await todo(bureau)).map((item) => item.agreement.id)).not.toContain(unicomCity.id);

    process.env[TODAY_VARIABLE] = '2027-06-10';
    const late = await todo(bureau);
    expect(late.length).toBe(cityInForce.length - 1);
    expect(late.every((item) => item.overdue)).toBe(true);
    process.env[TODAY_VARIABLE] = '2027-05-01';
  });
});
