// The IDE's saved example operations (gateway/ide/src/examples.ts), each run through the gateway
// on the demo world with a token of the role its heading names (【… ROLE】; BUREAU when it names
// none): every one answers without an error, and the per-role ones find something to show.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleTabs } from '../../gateway/ide/src/examples';
import { startStack, type Stack } from '../setup/stack';

const CLAIMS: Record<string, Record<string, string>> = { FINANCE: { region: '371600' } };

const examples = exampleTabs.map((tab) => {
  const query = tab.query ?? '';
  const role = /【[^】]*?\b([A-Z_]{4,})\b/.exec(query)?.[1] ?? 'BUREAU';
  const name = /query (\w+)/.exec(query)![1]!;
  return { name, role, query, perRole: query.includes('【') };
});

describe('the IDE example operations on the demo world', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ seed: true });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it.each(examples.map((example) => [example.name, example.role, example] as const))(
    '%s answers a %s token',
    async (_name, role, example) => {
      const token = await stack.token({ role, ...CLAIMS[role] });
      const { status, data, errors } = await stack.query(token, example.query);
      expect(status).toBe(200);
      expect(errors, JSON.stringify(errors)).toBeUndefined();
      if (!example.perRole) return;
      // Each saved question of a role has an answer in the demo world (a count above zero somewhere).
      const counts = Object.values(data ?? {}).map((value) => (value as { totalCount?: number } | null)?.totalCount ?? 0);
      expect(Math.max(...counts), JSON.stringify(data).slice(0, 300)).toBeGreaterThan(0);
    },
  );
});
