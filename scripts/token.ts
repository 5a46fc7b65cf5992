// `npm run token -- --role BUREAU [--region 371602] [--unit <id|code>] [--provider <id|code>] [--subject name] [--expires 12h] [--analyst]`
// `npm run token -- --list` prints the units and providers to choose from.
// Prints only the token, so `TOKEN=$(npm run -s token -- --role BUREAU)` works. A --unit or
// --provider is looked up in the project database (by id or code) and refused if it is not there.
import { parseArgs } from 'node:util';
import { ConfigError } from '../subgraphs/kit/config';
import { DevTokenError, issueDevToken } from '../gateway/src/dev-token';
import { openProjectDatabase } from './database';
import { formatDirectory, NotInDirectoryError, openTokenDirectory, unitClaims, type TokenDirectory } from './token-directory';

const USAGE =
  '用法 (usage): npm run token -- --role <ROLE> [--region 371602] [--unit <标识或编码>] [--provider <标识或编码>] [--subject <name>] [--expires 12h] [--analyst]\n' +
  '             npm run token -- --list    列出可选的使用单位和服务商 (lists units and providers)';

type Values = Record<string, string | boolean | undefined>;

async function main(): Promise<void> {
  let values: Values;
  try {
    ({ values } = parseArgs({
      options: {
        role: { type: 'string' },
        region: { type: 'string' },
        unit: { type: 'string' },
        provider: { type: 'string' },
        subject: { type: 'string' },
        expires: { type: 'string', default: '12h' },
        list: { type: 'boolean' },
        // The `analyst: true` claim: ad-hoc read-only queries where trusted documents are enforced.
        analyst: { type: 'boolean' },
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
  // Only a unit, a provider or --list needs the database; the other roles' tokens are made offline.
  const needsDirectory = Boolean(values.list) || text('unit') !== undefined || text('provider') !== undefined;
  const claims = {
    role: text('role') ?? '',
    region: text('region'),
    unit: text('unit'),
    provider: text('provider'),
    sub: text('subject'),
    analyst: values.analyst === true ? 'true' : undefined,
  };
  if (!needsDirectory) {
    process.stdout.write(`${await issueDevToken(claims, { expiresIn: text('expires') })}\n`);
    return;
  }
  const database = await openProjectDatabase();
  try {
    const directory = await openTokenDirectory(database.url);
    try {
      if (values.list) {
        process.stdout.write(formatDirectory(await directory.units(), await directory.providers()));
        return;
      }
      const resolved = await resolveClaims(claims, directory);
      process.stdout.write(`${await issueDevToken(resolved, { expiresIn: text('expires') })}\n`);
    } finally {
      await directory.close();
    }
  } finally {
    await database.embedded?.stop();
  }
}

/** The claims with --unit and --provider turned into the ids the directory holds. */
async function resolveClaims<T extends { region?: string; unit?: string; provider?: string }>(
  claims: T,
  directory: TokenDirectory,
): Promise<T> {
  const resolved = { ...claims };
  if (claims.unit !== undefined) Object.assign(resolved, unitClaims(await directory.unit(claims.unit), claims.region));
  if (claims.provider !== undefined) resolved.provider = (await directory.provider(claims.provider)).id;
  return resolved;
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

main().catch((error: unknown) => {
  if (error instanceof NotInDirectoryError) fail(error.message);
  if (error instanceof DevTokenError) fail(`${error.message}\n${USAGE}`);
  if (error instanceof ConfigError) fail(error.message);
  fail(`签发令牌失败 (could not issue the token): ${error instanceof Error ? error.message : String(error)}`);
});
