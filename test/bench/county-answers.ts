// Does another gateway keep principals apart under load? Two counties ask the same question at
// concurrency 10; each answer must be the one that county gets when it asks alone. A gateway that
// shares identical subgraph fetches in flight without the principal in the key fails it (README,
// Benchmark: the Hive sketch). `npx tsx test/bench/county-answers.ts http://127.0.0.1:4100/graphql`
// while the bench's subgraphs run; the gateway must accept this checkout's development tokens.
import { issueDevToken } from '../../gateway/src/dev-token';

const QUERY = '{ applications(first: 50) { totalCount edges { node { id number unit { id name } } } } }';
const COUNTIES = ['371602', '371603'] as const;
const REQUESTS = 200;
const CONCURRENCY = 10;

async function ask(url: string, token: string): Promise<string> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: QUERY }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 300));
  return JSON.stringify(body.data);
}

const url = process.argv[2] ?? 'http://127.0.0.1:4100/graphql';
const tokens = await Promise.all(
  COUNTIES.map((region) => issueDevToken({ role: 'COUNTY_AUTHORITY', region, sub: `county-answers-${region}` }, { expiresIn: '1h' })),
);
// Asked one at a time, nothing is in flight to share.
const alone = [await ask(url, tokens[0]), await ask(url, tokens[1])];
if (alone[0] === alone[1]) throw new Error('the two counties see the same applications: nothing to tell apart');
let sent = 0;
let others = 0;
let neither = 0;
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (sent < REQUESTS) {
      const county = sent++ % 2;
      const answer = await ask(url, tokens[county]!);
      if (answer === alone[1 - county]) others++;
      else if (answer !== alone[county]) neither++;
    }
  }),
);
console.log(`${url}: of ${REQUESTS} county answers, ${others} were the other county's and ${neither} neither county's`);
process.exitCode = others + neither > 0 ? 1 : 0;
