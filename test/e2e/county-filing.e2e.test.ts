// COUNTY_FILING (第十一条) through the gateway: a county unit's application goes to the bureau and its
// county at the same time (同时). The bureau decides without waiting for the filing (DECISION_5WD runs
// from submission); the county's filing keeps its own deadline and to-do, and is made after the
// decision without changing the application's state.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../setup/stack';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ seed: true });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

const APP = 'id status version filedOn decisionDeadline { date }';
const REJECT = `mutation($id: ID!, $version: Int!, $reason: String!) { rejectApplication(id: $id, version: $version, reason: $reason) { ${APP} } }`;
const FILE = `mutation($id: ID!, $version: Int!) { fileApplication(id: $id, version: $version) { ${APP} } }`;
const FILINGS = `{ todoItems(first: 100, kind: FILE_APPLICATION) { edges { node { dueOn overdue rule application { id } } } } }`;
const DECISIONS = `{ todoItems(first: 100, kind: DECIDE_APPLICATION) { edges { node { dueOn rule application { id } } } } }`;

interface App {
  id: string;
  status: string;
  version: number;
  filedOn: string | null;
  decisionDeadline: { date: string };
}
type Todo = { todoItems: { edges: Array<{ node: { dueOn: string; overdue?: boolean; rule: string; application: { id: string } } }> } };

describe('COUNTY_FILING: filed in parallel, never holding the bureau’s decision', () => {
  it('the bureau decides an unfiled county application; the county still files it, by its own deadline', async () => {
    const application = stack.world.applications.find((candidate) => candidate.state === 'SUBMITTED' && candidate.regionCode !== '371600')!;
    const bureau = await stack.token({ role: 'BUREAU' });
    const county = await stack.token({ role: 'COUNTY_AUTHORITY', region: application.regionCode });
    const items = async (token: string, query: string) => {
      const body = await stack.query<Todo>(token, query);
      expect(body.errors).toBeUndefined();
      return body.data!.todoItems.edges.map((edge) => edge.node).filter((item) => item.application.id === application.id);
    };
    const seen = await stack.query<{ application: App }>(bureau, `query($id: ID!) { application(id: $id) { ${APP} } }`, {
      id: application.id,
    });
    const before = seen.data!.application;
    expect(before).toMatchObject({ status: 'SUBMITTED', filedOn: null });

    // Both lists at once: the bureau's decision and the county's filing.
    expect(await items(bureau, DECISIONS)).toEqual([
      { dueOn: before.decisionDeadline.date, rule: 'DECISION_5WD', application: { id: application.id } },
    ]);
    const [filing] = await items(county, FILINGS);
    expect(filing).toMatchObject({ rule: 'COUNTY_FILING' });

    const rejected = await stack.query<{ rejectApplication: App }>(bureau, REJECT, {
      id: application.id,
      version: before.version,
      reason: '建设方案未说明与既有系统的整合方式',
    });
    expect(rejected.errors).toBeUndefined();
    const decided = rejected.data!.rejectApplication;
    expect(decided).toMatchObject({ status: 'REJECTED', filedOn: null });
    // The filing is still the county's to do, with the same deadline of its own.
    expect(await items(county, FILINGS)).toEqual([filing]);

    const filed = await stack.query<{ fileApplication: App }>(county, FILE, { id: application.id, version: decided.version });
    expect(filed.errors).toBeUndefined();
    expect(filed.data!.fileApplication).toMatchObject({ status: 'REJECTED', filedOn: expect.any(String) });
    expect(await items(county, FILINGS)).toEqual([]);
  });
});
