import type { DataSource, Repository } from 'typeorm';
import { paginateQuery, type Connection, type ConnectionArgs } from '../../kit/connection';
import { requireUuid } from '../../kit/ids';
import { fetchByIds } from '../../kit/loader-helpers';
import type { Scope } from '../../kit/principal';
import { SecurityAgreementEntity } from '../entities/security-agreement.entity';
import { scopeSecurityRows } from './scope';

export interface SecurityAgreementListArgs extends ConnectionArgs {
  unitId?: string | null;
}

/** Reads cloud security agreements (云安全协议, 第二十二条) within one principal's scope. */
export class SecurityAgreementService {
  private readonly repository: Repository<SecurityAgreementEntity>;

  /** `scope` null: the principal may see no security records. */
  constructor(
    dataSource: DataSource,
    private readonly scope: Scope | null,
  ) {
    this.repository = dataSource.getRepository(SecurityAgreementEntity);
  }

  private scoped() {
    return scopeSecurityRows(this.repository.createQueryBuilder('agreement'), this.scope, 'agreement');
  }

  list(args: SecurityAgreementListArgs): Promise<Connection<SecurityAgreementEntity>> {
    const query = this.scoped();
    if (args.unitId != null) query.andWhere('agreement.unit_id = :unitId', { unitId: requireUuid(args.unitId, 'unitId') });
    return paginateQuery(query, args, { alias: 'agreement', sortColumn: 'number', sortValueOf: (agreement) => agreement.number });
  }

  byIds(ids: readonly string[]): Promise<SecurityAgreementEntity[]> {
    return fetchByIds(this.scoped(), 'agreement.id', ids);
  }

  /** The agreements of many systems in one query (for `InformationSystem.securityAgreements`). */
  bySystemIds(systemIds: readonly string[]): Promise<SecurityAgreementEntity[]> {
    return fetchByIds(this.scoped(), 'agreement.system_id', systemIds);
  }

  async exists(id: string): Promise<boolean> {
    return this.repository.exists({ where: { id } });
  }
}
