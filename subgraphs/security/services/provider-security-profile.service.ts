import type { DataSource, Repository } from 'typeorm';
import { wellFormedIds } from '../../kit/ids';
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

  async byProviderIds(providerIds: readonly string[]): Promise<ProviderSecurityProfileEntity[]> {
    const valid = wellFormedIds(providerIds);
    if (valid.length === 0) return [];
    const query = this.repository.createQueryBuilder('profile').where('profile.provider_id = ANY(:providerIds)', { providerIds: valid });
    return scopeProviderProfiles(query, this.scope, 'profile').getMany();
  }
}
