// PROVIDER_QUALIFIED, TERM_MAX_3Y and COUNTY_MATCHES_CITY through the providers subgraph's GraphQL API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInChina } from '../../../subgraphs/kit/dates';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import {
  BUREAU,
  CMCC,
  CTYUN,
  UNICOM,
  agreementId,
  county,
  expectErrorCode,
  expectNoErrors,
  expectRuleViolation,
  snapshot,
  world,
} from './helpers';

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('providers', { seed: true });
});

afterAll(async () => {
  await subgraph?.stop();
});

const UNICOM_CITY = agreementId('滨大数采〔2024〕14号');
const INSPUR_CITY_EXPIRED = agreementId('滨大数采〔2021〕8号');
const unicomCity = world.agreements.find((a) => a.id === UNICOM_CITY)!;

const SIGN_CITY = `mutation($input: CityAgreementInput!) { signCityAgreement(input: $input) { id number startsOn endsOn status level region { code } provider { id } } }`;
const SIGN_COUNTY = `mutation($input: CountyAgreementInput!) { signCountyAgreement(input: $input) { id number region { code } level startsOn endsOn renewalTerms exitTerms testEnvironmentDeliveryDays status active cityAgreement { id } } }`;
const DESIGNATE = `mutation($id: ID!) { designateProvider(id: $id) { id status designatedOn qualified qualificationStatus acceptsNewApplications } }`;

function cityInput(overrides: Record<string, unknown> = {}) {
  return {
    providerId: UNICOM,
    number: '滨大数采〔2027〕3号',
    signedOn: '2026-11-20',
    startsOn: '2027-07-01',
    endsOn: '2030-06-30',
    testEnvironmentDeliveryDays: 5,
    renewalTerms: '期满前3个月决定延续或重新采购',
    exitTerms: '不少于3个月过渡期',
    ...overrides,
  };
}

describe('PROVIDER_QUALIFIED', () => {
  it('a candidate without the central cybersecurity review cannot be designated; nothing changes', async () => {
    const before = await snapshot(subgraph.dataSource);
    const result = await subgraph.query(BUREAU, DESIGNATE, { id: CMCC });
    expectRuleViolation(result, 'PROVIDER_QUALIFIED', '第七条');
    expect(result.errors![0]!.message).toContain('网络安全审查');
    expect(await snapshot(subgraph.dataSource)).toEqual(before);
  });

  it('a provider with an expired qualification is flagged and cannot sign a city agreement', async () => {
    const flagged = await subgraph.query(BUREAU, `query($id: ID!) { provider(id: $id) { qualificationStatus qualified status } }`, {
      id: CTYUN,
    });
    expect(flagged.data).toEqual({ provider: { qualificationStatus: 'EXPIRED', qualified: false, status: 'DESIGNATED' } });
    const before = await snapshot(subgraph.dataSource);
    expectRuleViolation(
      await subgraph.query(BUREAU, SIGN_CITY, { input: cityInput({ providerId: CTYUN, number: '滨大数采〔2027〕9号' }) }),
      'PROVIDER_QUALIFIED',
      '第七条',
    );
    expect(await snapshot(subgraph.dataSource)).toEqual(before);
  });

  it('a candidate cannot sign a city agreement', async () => {
    const before = await snapshot(subgraph.dataSource);
    expectRuleViolation(
      await subgraph.query(BUREAU, SIGN_CITY, { input: cityInput({ providerId: CMCC }) }),
      'PROVIDER_QUALIFIED',
      '第七条',
    );
    expect(await snapshot(subgraph.dataSource)).toEqual(before);
  });

  it('once the review is recorded, the bureau designates the candidate', async () => {
    const updated = await subgraph.query(
      BUREAU,
      `mutation($id: ID!) { updateProviderQualification(id: $id, input: { cybersecurityReviewPassedOn: "2026-11-20" }) { cybersecurityReviewPassedOn qualificationStatus qualified } }`,
      { id: CMCC },
    );
    expectNoErrors(updated);
    expect(updated.data).toEqual({
      updateProviderQualification: { cybersecurityReviewPassedOn: '2026-11-20', qualificationStatus: 'VALID', qualified: true },
    });
    const designated = await subgraph.query(BUREAU, DESIGNATE, { id: CMCC });
    expectNoErrors(designated);
    expect(designated.data).toEqual({
      designateProvider: {
        id: CMCC,
        status: 'DESIGNATED',
        designatedOn: todayInChina(),
        qualified: true,
        qualificationStatus: 'VALID',
        acceptsNewApplications: true,
      },
    });
    expectErrorCode(await subgraph.query(BUREAU, DESIGNATE, { id: CMCC }), 'CONFLICT');
  });

  it('bad qualification input is BAD_USER_INPUT and changes nothing', async () => {
    const before = await snapshot(subgraph.dataSource);
    const update = `mutation($id: ID!, $input: ProviderQualificationInput!) { updateProviderQualification(id: $id, input: $input) { id } }`;
    for (const input of [
      { platformMlpsLevel: 5 },
      { qualificationValidUntil: '2027-02-30' },
      { platformInBinzhou: null },
      // A review or filing still to come qualifies no one today (PROVIDER_QUALIFIED).
      { cybersecurityReviewPassedOn: '2027-05-01' },
      { platformMlpsFiledOn: '2030-01-01' },
    ]) {
      expectErrorCode(await subgraph.query(BUREAU, update, { id: CMCC, input }), 'BAD_USER_INPUT');
    }
    expect(await snapshot(subgraph.dataSource)).toEqual(before);
  });
});

describe('TERM_MAX_3Y', () => {
  it('a term one day over three years is refused; nothing changes', async () => {
    const before = await snapshot(subgraph.dataSource);
    const result = await subgraph.query(BUREAU, SIGN_CITY, { input: cityInput({ endsOn: '2030-07-01' }) });
    expectRuleViolation(result, 'TERM_MAX_3Y', '第九条');
    expect(result.errors![0]!.extensions).toMatchObject({ latestEndsOn: '2030-06-30' });
    expect(await snapshot(subgraph.dataSource)).toEqual(before);
  });

  it('a signing date still to come, or before the policy, is refused; nothing changes', async () => {
    const before = await snapshot(subgraph.dataSource);
    for (const signedOn of ['2026-11-27', '2018-12-31']) {
      const result = await subgraph.query(BUREAU, SIGN_CITY, { input: cityInput({ signedOn }) });
      expect(result.errors?.[0]?.extensions, signedOn).toMatchObject({ code: 'BAD_USER_INPUT', field: 'signedOn' });
    }
    expect(await snapshot(subgraph.dataSource)).toEqual(before);
  });

  it('a term already over when signed is refused, naming endsOn; nothing changes', async () => {
    const before = await snapshot(subgraph.dataSource);
    const result = await subgraph.query(BUREAU, SIGN_CITY, {
      input: cityInput({ number: '滨大数采〔2019〕1号', startsOn: '2019-01-01', endsOn: '2021-12-31' }),
    });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'endsOn' });
    expect(await snapshot(subgraph.dataSource)).toEqual(before);
  });

  it('an end before the start is refused', async () => {
    expectRuleViolation(await subgraph.query(BUREAU, SIGN_CITY, { input: cityInput({ endsOn: '2027-06-30' }) }), 'TERM_MAX_3Y', '第九条');
  });

  it('exactly three years less a day is signed, as the renewal after the current term', async () => {
    const result = await subgraph.query(BUREAU, SIGN_CITY, { input: cityInput() });
    expectNoErrors(result);
    expect(result.data).toMatchObject({
      signCityAgreement: {
        startsOn: '2027-07-01',
        endsOn: '2030-06-30',
        status: 'ACTIVE',
        level: 'CITY',
        region: { code: '371600' },
        provider: { id: UNICOM },
      },
    });
  });

  it('a term overlapping an agreement in force, or a number in use, is a CONFLICT', async () => {
    expectErrorCode(
      await subgraph.query(BUREAU, SIGN_CITY, {
        input: cityInput({ number: '滨大数采〔2027〕4号', startsOn: '2027-01-01', endsOn: '2027-12-31' }),
      }),
      'CONFLICT',
    );
    expectErrorCode(
      await subgraph.query(BUREAU, SIGN_CITY, { input: cityInput({ startsOn: '2030-07-01', endsOn: '2031-06-30' }) }),
      'CONFLICT',
    );
  });
});

describe('COUNTY_MATCHES_CITY', () => {
  const countyInput = (overrides: Record<string, unknown> = {}) => ({
    cityAgreementId: UNICOM_CITY,
    regionCode: '371602',
    number: '滨城政采〔2026〕9号',
    signedOn: '2026-11-20',
    ...overrides,
  });

  it.each([
    ['term end', { endsOn: '2027-06-29' }],
    ['term start', { startsOn: '2024-08-01' }],
    ['renewal terms', { renewalTerms: '期满自动续期' }],
    ['exit terms', { exitTerms: '提前1个月通知即可退出' }],
    ['test environment delivery time', { testEnvironmentDeliveryDays: 10 }],
  ])('a county agreement whose %s differs from the city agreement is refused; nothing changes', async (_, overrides) => {
    const before = await snapshot(subgraph.dataSource);
    expectRuleViolation(
      await subgraph.query(county('371602'), SIGN_COUNTY, { input: countyInput(overrides) }),
      'COUNTY_MATCHES_CITY',
      '第九条',
    );
    expect(await snapshot(subgraph.dataSource)).toEqual(before);
  });

  it('an expired city agreement is no basis for a county agreement', async () => {
    const before = await snapshot(subgraph.dataSource);
    expectRuleViolation(
      await subgraph.query(county('371602'), SIGN_COUNTY, { input: countyInput({ cityAgreementId: INSPUR_CITY_EXPIRED }) }),
      'COUNTY_MATCHES_CITY',
      '第九条',
    );
    expect(await snapshot(subgraph.dataSource)).toEqual(before);
  });

  it('a county agreement is no basis for another county agreement', async () => {
    const countyAgreement = world.agreements.find((a) => a.regionCode === '371622')!;
    expectRuleViolation(
      await subgraph.query(county('371602'), SIGN_COUNTY, { input: countyInput({ cityAgreementId: countyAgreement.id }) }),
      'COUNTY_MATCHES_CITY',
      '第九条',
    );
  });

  it("copies the city's term and terms, and accepts stated terms equal to them", async () => {
    const stated = {
      startsOn: unicomCity.startsOn,
      endsOn: unicomCity.endsOn,
      renewalTerms: unicomCity.renewalTerms,
      exitTerms: unicomCity.exitTerms,
    };
    const result = await subgraph.query(county('371602'), SIGN_COUNTY, { input: countyInput(stated) });
    expectNoErrors(result);
    expect(result.data).toEqual({
      signCountyAgreement: {
        id: expect.any(String),
        number: '滨城政采〔2026〕9号',
        region: { code: '371602' },
        level: 'COUNTY',
        startsOn: unicomCity.startsOn,
        endsOn: unicomCity.endsOn,
        renewalTerms: unicomCity.renewalTerms,
        exitTerms: unicomCity.exitTerms,
        testEnvironmentDeliveryDays: unicomCity.testEnvironmentDeliveryDays,
        status: 'ACTIVE',
        active: true,
        cityAgreement: { id: UNICOM_CITY },
      },
    });
  });

  it('a county does not sign before the city agreement it follows was signed; nothing changes', async () => {
    const before = await snapshot(subgraph.dataSource);
    const result = await subgraph.query(county('371603'), SIGN_COUNTY, {
      input: countyInput({ regionCode: '371603', number: '沾化政采〔2020〕1号', signedOn: '2020-01-01' }),
    });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'signedOn' });
    expect(await snapshot(subgraph.dataSource)).toEqual(before);
  });

  it('a second agreement on the same city agreement in the same county is a CONFLICT', async () => {
    expectErrorCode(
      await subgraph.query(county('371602'), SIGN_COUNTY, { input: countyInput({ number: '滨城政采〔2026〕10号' }) }),
      'CONFLICT',
    );
  });

  it('a county signs only for itself, and needs a county code', async () => {
    const before = await snapshot(subgraph.dataSource);
    expectErrorCode(await subgraph.query(county('371603'), SIGN_COUNTY, { input: countyInput({ regionCode: '371602' }) }), 'FORBIDDEN');
    expectErrorCode(
      await subgraph.query(county('371602'), SIGN_COUNTY, { input: countyInput({ regionCode: '371600' }) }),
      'BAD_USER_INPUT',
    );
    // A county authority for the city level is no principal at all: refused before any resolver.
    expectErrorCode(
      await subgraph.query(county('371600'), SIGN_COUNTY, { input: countyInput({ regionCode: '371600' }) }),
      'UNAUTHENTICATED',
    );
    expect(await snapshot(subgraph.dataSource)).toEqual(before);
  });
});
