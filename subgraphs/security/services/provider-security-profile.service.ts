import type { DataSource, Repository } from 'typeorm';
import { fetchByIds } from '../../kit/loader-helpers';
import type { Scope } from '../../kit/principal';
import { applyProviderRecordScope } from '../../kit/scope-filter';
import { ProviderSecurityProfileEntity } from '../entities/provider-security-profile.entity';

/** Reads providers' platform security profiles (第七条、第二十条). */
export class ProviderSecurityProfileService {
  private readonly repository: Repository<ProviderSecurityProfileEntity>;

  constructor(
    dataSource: DataSource,
    private readonly scope: Scope,
  ) {
    this.repository = dataSource.getRepository(ProviderSecurityProfileEntity);
  }

  /**
   * A platform's security profile is a qualification every government role may check (第七条);
   * a provider sees only its own.
   */
  byProviderIds(providerIds: readonly string[]): Promise<ProviderSecurityProfileEntity[]> {
    const scoped = applyProviderRecordScope(this.repository.createQueryBuilder('profile'), this.scope, 'profile');
    return fetchByIds(scoped, 'profile.provider_id', providerIds);
  }
}
