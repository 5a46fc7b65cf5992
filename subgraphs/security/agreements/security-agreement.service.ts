import { childConnectionLoader } from '../../kit/child-connection';
import type { DataSource, Repository } from 'typeorm';
import { paginateQuery, type Connection } from '../../kit/connection';
import { BadUserInputError } from '../../kit/errors';
import { requireUuid } from '../../kit/ids';
import { fetchByIds } from '../../kit/loader-helpers';
import type { Scope } from '../../kit/principal';
import { SecurityAgreementEntity } from './security-agreement.entity';
import { filterSecurityAgreements } from './security-agreement-list';
import { scopeSecurityRows } from '../security-scope';
import type { QuerySecurityAgreementsArgs, QuerySignedSecurityAgreementArgs } from '../generated/graphql';

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

  list(args: QuerySecurityAgreementsArgs): Promise<Connection<SecurityAgreementEntity>> {
    const query = this.scoped();
    if (args.unitId != null) query.andWhere('agreement.unit_id = :unitId', { unitId: requireUuid(args.unitId, 'unitId') });
    if (args.filter != null) filterSecurityAgreements(query, args.filter);
    return paginateQuery(query, args, { alias: 'agreement', sortColumn: 'number', sortValueOf: (agreement) => agreement.number });
  }

  byIds(ids: readonly string[]): Promise<SecurityAgreementEntity[]> {
    return fetchByIds(this.scoped(), 'agreement.id', ids);
  }

  /** The agreements of many systems in one query (for `InformationSystem.securityAgreements`). */
  /** Pages of many systems' agreements by number: one statement a batch (kit/child-connection.ts). */
  pagesBySystem() {
    return childConnectionLoader({
      query: () => this.scoped(),
      alias: 'agreement',
      parentColumn: 'system_id',
      parentOf: (agreement) => agreement.systemId,
      sortExpression: 'agreement.number::text',
      sortValueOf: (agreement) => agreement.number,
    });
  }

  /**
   * The agreement in force (SIGNED) for an application, or for a system with a provider, within
   * the scope; null when there is none the caller may see. The bureau's accept asks this
   * (SECURITY_AGREEMENT, 第二十二条).
   */
  signedFor(args: QuerySignedSecurityAgreementArgs): Promise<SecurityAgreementEntity | null> {
    if (args.applicationId == null && (args.systemId == null || args.providerId == null)) {
      const missing =
        args.systemId == null && args.providerId == null ? 'applicationId' : args.systemId == null ? 'systemId' : 'providerId';
      throw new BadUserInputError('须给出上云申请（applicationId），或同时给出系统（systemId）与服务商（providerId）', missing);
    }
    const query = this.scoped().andWhere(`agreement.status = 'SIGNED'`);
    if (args.applicationId != null) {
      query.andWhere('agreement.application_id = :applicationId', { applicationId: requireUuid(args.applicationId, 'applicationId') });
    }
    if (args.systemId != null) query.andWhere('agreement.system_id = :systemId', { systemId: requireUuid(args.systemId, 'systemId') });
    if (args.providerId != null) {
      query.andWhere('agreement.provider_id = :providerId', { providerId: requireUuid(args.providerId, 'providerId') });
    }
    return query.orderBy('agreement.signed_on', 'DESC').addOrderBy('agreement.number', 'ASC').getOne();
  }
}
