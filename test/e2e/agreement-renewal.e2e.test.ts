// TERM_MAX_3Y (第九条) through the gateway on the seeded stack: an agreement in force is renewed (延续)
// for at most three years from the day after its current end; the bureau renews the city's, a
// county's authority its county's to the same end (COUNTY_MATCHES_CITY); an expired agreement cannot
// be renewed (it is procured again); another county's agreement is not found.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../setup/stack';

const RENEW = `mutation($input: RenewAgreementInput!) {
  renewAgreement(input: $input) { id number startsOn termStartsOn endsOn renewedOn status active }
}`;
const UNICOM_COUNTY = '371622';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ seed: true });
});
afterAll(async () => {
  await stack?.stop();
});

function agreementNumbered(number: string) {
  return stack.world.agreements.find((agreement) => agreement.number === number)!;
}

describe('TERM_MAX_3Y: renewing a designation agreement, through the gateway', () => {
  it('the bureau renews a city agreement by at most three years; a county follows to the same end', async () => {
    const city = agreementNumbered('滨大数采〔2024〕14号');
    expect(city.endsOn).toBe('2027-06-30');
    const county = stack.world.agreements.find((a) => a.cityAgreementId === city.id && a.regionCode === UNICOM_COUNTY)!;
    const bureau = await stack.token({ role: 'BUREAU' });
    const countyAuthority = await stack.token({ role: 'COUNTY_AUTHORITY', region: UNICOM_COUNTY });

    const tooLong = await stack.query(bureau, RENEW, { input: { agreementId: city.id, endsOn: '2030-07-01' } });
    expect(tooLong.errors![0]!.extensions).toMatchObject({
      code: 'RULE_VIOLATION',
      rule: 'TERM_MAX_3Y',
      article: '第九条',
      latestEndsOn: '2030-06-30',
    });

    // The county cannot run past its city agreement.
    const countyFirst = await stack.query(countyAuthority, RENEW, { input: { agreementId: county.id, endsOn: '2030-06-30' } });
    expect(countyFirst.errors![0]!.extensions).toMatchObject({ rule: 'COUNTY_MATCHES_CITY', cityEndsOn: '2027-06-30' });

    // A county authority cannot renew the city's agreement: not found, like a missing one.
    const notTheirs = await stack.query(countyAuthority, RENEW, { input: { agreementId: city.id, endsOn: '2030-06-30' } });
    expect(notTheirs.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND' });

    // The bureau reads the county's agreement but does not decide its renewal: forbidden, not "not found".
    const bureauOnCounty = await stack.query(bureau, RENEW, { input: { agreementId: county.id, endsOn: '2027-06-30' } });
    expect(bureauOnCounty.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(bureauOnCounty.errors![0]!.message).toContain('县级协议');

    const renewed = await stack.query(bureau, RENEW, { input: { agreementId: city.id, endsOn: '2030-06-30' } });
    expect(renewed.errors).toBeUndefined();
    expect(renewed.data).toMatchObject({
      renewAgreement: { startsOn: '2024-07-01', termStartsOn: '2027-07-01', endsOn: '2030-06-30', status: 'ACTIVE', active: true },
    });

    const countyRenewed = await stack.query(countyAuthority, RENEW, { input: { agreementId: county.id, endsOn: '2030-06-30' } });
    expect(countyRenewed.errors).toBeUndefined();
    expect(countyRenewed.data).toMatchObject({ renewAgreement: { termStartsOn: '2027-07-01', endsOn: '2030-06-30' } });

    // One term at a time: renewed again the same day, terms would stack (2033, 2036 …) and a county
    // signing on it would copy one term of nine years. Refused, changing nothing.
    const again = await stack.query(bureau, RENEW, { input: { agreementId: city.id, endsOn: '2033-06-30' } });
    expect(again.errors![0]!.extensions).toMatchObject({ rule: 'TERM_MAX_3Y', termStartsOn: '2027-07-01', endsOn: '2030-06-30' });
    const AGREEMENT = `query($id: ID!) { agreement(id: $id) { termStartsOn endsOn } }`;
    expect((await stack.query(bureau, AGREEMENT, { id: city.id })).data).toEqual({
      agreement: { termStartsOn: '2027-07-01', endsOn: '2030-06-30' },
    });

    // A county signing on the renewed city agreement copies its current term, not one from its start.
    const other = await stack.token({ role: 'COUNTY_AUTHORITY', region: '371621' });
    const signed = await stack.query<{ signCountyAgreement: { startsOn: string; termStartsOn: string; endsOn: string } }>(
      other,
      `mutation($input: CountyAgreementInput!) { signCountyAgreement(input: $input) { startsOn termStartsOn endsOn } }`,
      { input: { cityAgreementId: city.id, regionCode: '371621', number: '惠民大数采〔2026〕9号', signedOn: '2026-11-26' } },
    );
    expect(signed.errors, JSON.stringify(signed.errors)).toBeUndefined();
    expect(signed.data!.signCountyAgreement).toEqual({ startsOn: '2024-07-01', termStartsOn: '2027-07-01', endsOn: '2030-06-30' });
  });

  it('an expired agreement cannot be renewed: it is procured again', async () => {
    const expired = agreementNumbered('滨大数采〔2021〕8号');
    const bureau = await stack.token({ role: 'BUREAU' });
    const refused = await stack.query(bureau, RENEW, { input: { agreementId: expired.id, endsOn: '2027-06-30' } });
    expect(refused.errors![0]!.extensions).toMatchObject({ rule: 'TERM_MAX_3Y', article: '第九条', agreementStatus: 'EXPIRED' });
    expect(refused.errors![0]!.message).toContain('重新组织采购');
  });

  it('another county authority does not find the county agreement', async () => {
    const city = agreementNumbered('滨大数采〔2024〕13号');
    const county = stack.world.agreements.find((a) => a.cityAgreementId === city.id && a.regionCode === '371621')!;
    const other = await stack.token({ role: 'COUNTY_AUTHORITY', region: '371602' });
    const refused = await stack.query(other, RENEW, { input: { agreementId: county.id, endsOn: '2030-06-30' } });
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND' });
  });
});
