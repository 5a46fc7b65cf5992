import type { DataSource, Repository } from 'typeorm';
import { fetchByIds } from '../../kit/loader-helpers';
import type { Scope } from '../../kit/principal';
import { ProviderSecurityProfileEntity } from '../entities/provider-security-profile.entity';
import { scopeProviderProfiles } from './scope';

/** Reads providers' platform security profiles (第七条、第二十条). */
export class ProviderSecurityProfileService {
  private readonly repository: Repository<ProviderSecurityProfileEntity>;

  constructor(
    dataSource: DataSource,
    private readonly scope: Scope,
  ) {
    this.repository = dataSource.getRepository(ProviderSecurityProfileEntity);
  }

  byProviderIds(providerIds: readonly string[]): Promise<ProviderSecurityProfileEntity[]> {
    const scoped = scopeProviderProfiles(this.repository.createQueryBuilder('profile'), this.scope, 'profile');
    return fetchByIds(scoped, 'profile.provider_id', providerIds);
  }
}
