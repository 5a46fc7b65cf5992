// `npm run db:roles`: on an external PostgreSQL, creates or updates the two roles and prepares the
// database, exactly as the project does on its embedded server (kit/database-roles.ts). The roles,
// passwords and database are those of DATABASE_URL (the service role) and MIGRATION_DATABASE_URL
// (the owner); ADMIN_DATABASE_URL logs in as a superuser, used for this step only. Idempotent.
import { ConfigError, readDatabaseUrls, readPostgresUrl } from '../subgraphs/kit/config';
import { databaseOf, loginOf, setUpDatabaseRoles } from '../subgraphs/kit/database-roles';

try {
  const urls = readDatabaseUrls();
  // Checked like the other two: unchecked, `not-a-url` reached pg as a relative URL ("getaddrinfo ENOTFOUND base").
  const adminUrl = readPostgresUrl(process.env, 'ADMIN_DATABASE_URL');
  if (!urls || urls.migrationUrl === urls.url || !adminUrl) {
    throw new ConfigError(
      '请设置 ADMIN_DATABASE_URL（超级用户）、DATABASE_URL（服务账号）和 MIGRATION_DATABASE_URL（属主账号） (set ADMIN_DATABASE_URL, DATABASE_URL and MIGRATION_DATABASE_URL)',
    );
  }
  await setUpDatabaseRoles(adminUrl, urls);
  console.log(
    `已设置数据库账号 (roles ready): 属主 (owner) ${loginOf(urls.migrationUrl).name}，服务 (service) ${loginOf(urls.url).name}，数据库 (database) ${databaseOf(urls.url)}`,
  );
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `无法设置数据库账号 (cannot set up the roles): ${(error as Error).message}`);
  process.exit(1);
}
