// TERM_MAX_3Y (第九条): an agreement nearing its end is on its signer's to-do list from 90 days
// before its last day, overdue from 30 days before; the bureau has the city's, a county its own.
import { describe, expect, it } from 'vitest';
import { Role } from '../../../subgraphs/kit/principal';
import { agreementLevelOf, agreementTodoItems } from '../../../subgraphs/applications/todo/todo-agreements.rules';

const city = { id: 'a-city', number: '滨大数采〔2024〕14号', regionCode: '371600', providerName: '联通云', endsOn: '2027-06-30' };
const county = { ...city, id: 'a-county', number: '阳政采〔2024〕3号', regionCode: '371622' };

describe('TERM_MAX_3Y to-do items', () => {
  it('shows from 90 days before the end, due 30 days before, then overdue until the last day', () => {
    expect(agreementTodoItems([city], '371600', '2027-03-31')).toEqual([]);
    const [first] = agreementTodoItems([city], '371600', '2027-04-01');
    expect(first).toMatchObject({
      id: 'RENEW_AGREEMENT:a-city',
      kind: 'RENEW_AGREEMENT',
      agreementId: 'a-city',
      applicationId: null,
      systemId: null,
      dueOn: '2027-05-31',
      overdue: false,
      rule: 'TERM_MAX_3Y',
      article: '第九条',
    });
    expect(first!.action).toContain('滨大数采〔2024〕14号');
    expect(agreementTodoItems([city], '371600', '2027-05-31')[0]!.overdue).toBe(false);
    expect(agreementTodoItems([city], '371600', '2027-06-01')[0]!.overdue).toBe(true);
    expect(agreementTodoItems([city], '371600', '2027-06-30')).toHaveLength(1);
    expect(agreementTodoItems([city], '371600', '2027-07-01')).toEqual([]);
  });

  it('the bureau has the city’s agreements, a county authority its own county’s, nobody else any', () => {
    expect(agreementLevelOf({ role: Role.BUREAU })).toBe('371600');
    expect(agreementLevelOf({ role: Role.COUNTY_AUTHORITY, regionCode: '371622' })).toBe('371622');
    expect(agreementLevelOf({ role: Role.USER_UNIT, regionCode: '371622' })).toBeNull();
    expect(agreementLevelOf({ role: Role.PROVIDER })).toBeNull();
    expect(agreementTodoItems([city, county], '371622', '2027-05-01').map((item) => item.agreementId)).toEqual(['a-county']);
  });
});
