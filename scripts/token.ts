// `npm run token -- --role BUREAU [--region 371602] [--unit <id>] [--provider <id>] [--subject name] [--expires 12h]`
// Prints only the token, so `TOKEN=$(npm run -s token -- --role BUREAU)` works.
import { parseArgs } from 'node:util';
import { DevTokenError, issueDevToken } from '../gateway/src/dev-token';

const USAGE =
  '用法 (usage): npm run token -- --role <ROLE> [--region 371602] [--unit <id>] [--provider <id>] [--subject <name>] [--expires 12h]';

async function main(): Promise<void> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        role: { type: 'string' },
        region: { type: 'string' },
        unit: { type: 'string' },
        provider: { type: 'string' },
        subject: { type: 'string' },
        expires: { type: 'string', default: '12h' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    fail(`参数无效 (invalid arguments): ${(error as Error).message}\n${USAGE}`);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const text = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const token = await issueDevToken(
    { role: text('role') ?? '', region: text('region'), unit: text('unit'), provider: text('provider'), sub: text('subject') },
    { expiresIn: text('expires') },
  );
  process.stdout.write(`${token}\n`);
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

main().catch((error: unknown) => {
  if (error instanceof DevTokenError) fail(`${error.message}\n${USAGE}`);
  fail(`签发令牌失败 (could not issue the token): ${error instanceof Error ? error.message : String(error)}`);
});
