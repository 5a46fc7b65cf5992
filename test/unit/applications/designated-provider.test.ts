import { describe, expect, it } from 'vitest';
import {
  assertDesignatedProvider,
  assertNoExitHeard,
  assertNotExiting,
  type ProviderDesignation,
} from '../../../subgraphs/applications/lifecycle/designated-provider.rules';
import { expectViolation } from '../../setup/rule-assertions';

const TODAY = '2026-11-26';
const CITY = '371600';
const BINCHENG = '371602';
const HUIMIN = '371621';

const agreement = (regionCode: string, over: Partial<ProviderDesignation['agreements'][number]> = {}) => ({
  number: `协议-${regionCode}`,
  regionCode,
  active: true,
  startsOn: '2024-07-01',
  endsOn: '2027-06-30',
  ...over,
});

const provider = (over: Partial<ProviderDesignation> = {}): ProviderDesignation => ({
  id: '00000000-0000-4000-8000-000000000001',
  name: '浪潮云信息技术股份公司',
  status: 'DESIGNATED',
  acceptsNewApplications: true,
  agreements: [agreement(CITY), agreement(BINCHENG)],
  ...over,
});

describe('DESIGNATED_PROVIDER', () => {
  it('passes a designated provider with an agreement in force at the unit level, city or county', () => {
    assertDesignatedProvider(provider(), BINCHENG, TODAY);
    assertDesignatedProvider(provider(), CITY, TODAY);
  });

  it('refuses a candidate provider, naming it', () => {
    const error = expectViolation(
      () => assertDesignatedProvider(provider({ status: 'CANDIDATE', acceptsNewApplications: false }), BINCHENG, TODAY),
      'DESIGNATED_PROVIDER',
      '第十一条',
    );
    expect(error.message).toContain('浪潮云信息技术股份公司');
    expect(error.message).toContain('尚未被确定为定点服务商');
  });

  it('refuses a designated provider whose qualification lapsed, citing PROVIDER_QUALIFIED (第七条)', () => {
    const lapsed = provider({ acceptsNewApplications: false, qualified: false, qualificationValidUntil: '2026-10-31' });
    const error = expectViolation(() => assertDesignatedProvider(lapsed, BINCHENG, TODAY), 'PROVIDER_QUALIFIED', '第七条');
    expect(error.message).toContain('2026-10-31');
    // An exit is still the exit's refusal, whatever the qualification.
    expectViolation(() => assertDesignatedProvider({ ...lapsed, status: 'EXITING' }, BINCHENG, TODAY), 'DESIGNATED_PROVIDER', '第十一条');
  });

  it('refuses an exiting or exited provider even with agreements in force', () => {
    for (const status of ['EXITING', 'EXITED']) {
      const error = expectViolation(
        () => assertDesignatedProvider(provider({ status, acceptsNewApplications: false }), BINCHENG, TODAY),
        'DESIGNATED_PROVIDER',
        '第十一条',
      );
      expect(error.message).toMatch(/退出/);
    }
  });

  it('refuses a designated provider exiting the unit’s county (第九条), naming the county and the exit', () => {
    const exitingCounty = provider({ acceptsNewApplications: false, qualified: true });
    const error = expectViolation(() => assertDesignatedProvider(exitingCounty, BINCHENG, TODAY), 'DESIGNATED_PROVIDER', '第十一条');
    expect(error.message).toContain('县级（滨城区，371602）');
    expect(error.message).toContain('退出');
  });

  it('refuses a provider with no agreement at the county level, even with a city agreement', () => {
    const error = expectViolation(() => assertDesignatedProvider(provider(), HUIMIN, TODAY), 'DESIGNATED_PROVIDER', '第十一条');
    expect(error.message).toContain('浪潮云信息技术股份公司');
    expect(error.message).toContain('县级（惠民县，371621）');
    expect(error.extensions).toMatchObject({ regionCode: HUIMIN });
  });

  it('refuses an expired agreement, whether providers marks it inactive or its term is over by our today', () => {
    const expired = provider({ agreements: [agreement(CITY, { active: false, startsOn: '2021-07-01', endsOn: '2024-06-30' })] });
    const error = expectViolation(() => assertDesignatedProvider(expired, CITY, TODAY), 'DESIGNATED_PROVIDER', '第十一条');
    expect(error.message).toContain('市级（滨州市，371600）');
    const endedToday = provider({ agreements: [agreement(CITY, { endsOn: '2026-11-25' })] });
    expectViolation(() => assertDesignatedProvider(endedToday, CITY, TODAY), 'DESIGNATED_PROVIDER', '第十一条');
    const notYet = provider({ agreements: [agreement(CITY, { startsOn: '2026-12-01' })] });
    expectViolation(() => assertDesignatedProvider(notYet, CITY, TODAY), 'DESIGNATED_PROVIDER', '第十一条');
  });

  it('refuses a provider the providers subgraph does not know', () => {
    expectViolation(() => assertDesignatedProvider(null, CITY, TODAY), 'DESIGNATED_PROVIDER', '第十一条');
  });
});

describe('DESIGNATED_PROVIDER when the bureau accepts (assertNotExiting)', () => {
  it('refuses a provider exiting the city or the applicant’s county', () => {
    for (const exiting of [
      provider({ status: 'EXITING', acceptsNewApplications: false }),
      provider({ status: 'EXITED', acceptsNewApplications: false }),
      provider({ acceptsNewApplications: false, qualified: true }),
    ]) {
      expectViolation(() => assertNotExiting(exiting, BINCHENG), 'DESIGNATED_PROVIDER', '第十一条');
    }
    expectViolation(() => assertNotExiting(null, BINCHENG), 'DESIGNATED_PROVIDER', '第十一条');
  });

  it('leaves a lapsed qualification and a rectification to the bureau: neither is an exit', () => {
    expect(() => assertNotExiting(provider({ acceptsNewApplications: false, qualified: false }), BINCHENG)).not.toThrow();
    expect(() => assertNotExiting(provider({ status: 'RECTIFYING', acceptsNewApplications: false }), BINCHENG)).not.toThrow();
    expect(() => assertNotExiting(provider(), CITY)).not.toThrow();
  });
});

describe('DESIGNATED_PROVIDER after acceptance (assertNoExitHeard)', () => {
  const application = { providerId: 'p-1', regionCode: BINCHENG };

  it('lets a step through while no exit of the provider is heard of', () => {
    expect(() => assertNoExitHeard(null, application, '登记采购结果')).not.toThrow();
  });

  it('refuses the step, naming it, the exit’s reach and its transition, and says how to go on', () => {
    const county = expectViolation(
      () => assertNoExitHeard({ providerId: 'p-1', regionCode: BINCHENG, transitionEndsOn: '2027-03-01' }, application, '确认上线'),
      'DESIGNATED_PROVIDER',
      '第十一条',
    );
    expect(county.message).toContain('已在县级（滨城区，371602）开始退出（第九条，过渡期至 2027-03-01），不承接新上云系统，不能再确认上线');
    expect(county.message).toContain('reportTermination');
    const cityWide = expectViolation(
      () => assertNoExitHeard({ providerId: 'p-1', regionCode: null, transitionEndsOn: '2027-03-01' }, application, '交付测试环境'),
      'DESIGNATED_PROVIDER',
      '第十一条',
    );
    expect(cityWide.message).toContain('所选服务商已开始退出（第九条');
  });
});
