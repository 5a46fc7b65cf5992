// From acceptance to production (第八条、第十三条、第十四条): the unit records the procurement, the
// chosen provider delivers the test environment (testing starts, TEST_30D), the unit asks to go
// live and the centre confirms. None of these is taken on a provider whose exit reaches the
// application (DESIGNATED_PROVIDER, 第九条): see assertProviderStays.
import { BadUserInputError, GovCloudError, ErrorCode } from '../../kit/errors';
import type { MutationTransaction } from '../../kit/mutation';
import type { ApplicationEntity } from './application.entity';
import { InformationSystemEntity } from '../systems/information-system.entity';
import { ResourceLineEntity } from './resource-line.entity';
import { nextStatus, TRANSITIONS } from './lifecycle.rules';
import type { LifecycleAction } from '../generated/graphql';
import { assertNoExitHeard } from './designated-provider.rules';
import { exitHeardOf } from '../system-migrations/system-migration.service';
import { assertPricedOnCatalog } from './catalog-lines.rules';
import { changeSystem } from '../systems/system-changes.service';
import { recordStep, takeStep } from './application-write.service';
import { entriesOnCatalog, procurementReference, type ProcuredLine, type ProviderCatalogPort } from './catalog-port';
import { testDeliveryDeadline } from './test-delivery.rules';
import { assertSecurityAgreementSigned } from './security-agreement.rules';
import type { SecurityAgreementPort } from './security-agreement-port';

/**
 * Records the concluded price of every resource line. Each line's entry must be in the basic catalog
 * of the application's own provider, and its price above zero and within the entry's current cap;
 * a supplementary entry of that provider is usable once filed (SUPPLEMENTARY_FILED) and has no cap
 * (CATALOG_CAP, read through `port` from this subgraph's replica of the providers' caps, so no
 * call to providers is needed); every line on a basic entry is handed to `port.lowerCapsLater` in this
 * transaction (CAP_LOWERS: one below its cap lowers it). A replica that has not yet heard of a lowering
 * lets a price between the new and the old cap through here, the old cap included; the providers
 * subgraph, which owns the cap, then refuses it as CATALOG_CAP (subgraphs/providers/effects.ts).
 */
export async function checkAndRecordProcurement(
  tx: MutationTransaction,
  application: ApplicationEntity,
  /** Concluded price in fen per resource line id (parseConcludedPrices). */
  byLine: ReadonlyMap<string, number>,
  port: ProviderCatalogPort,
): Promise<ApplicationEntity> {
  const { manager } = tx;
  const to = nextStatus(application, 'RECORD_PROCUREMENT');
  await assertProviderStays(tx, application, 'RECORD_PROCUREMENT');
  const lines = await manager.getRepository(ResourceLineEntity).find({ where: { applicationId: application.id } });
  const unknown = [...byLine.keys()].filter((lineId) => !lines.some((line) => line.id === lineId));
  if (unknown.length > 0) throw new BadUserInputError(`资源明细 ${unknown.join('、')} 不属于该申请`, 'prices');
  const unpriced = lines.filter((line) => !byLine.has(line.id));
  if (unpriced.length > 0)
    throw new BadUserInputError(`须为每一行资源明细填写成交价，缺少第 ${unpriced.map((l) => l.position).join('、')} 行`, 'prices');

  const entries = await entriesOnCatalog(
    port,
    manager,
    lines.map((line) => line.catalogEntryId),
  );
  const procured: ProcuredLine[] = [];
  for (const line of lines) {
    const concludedPriceFen = byLine.get(line.id)!;
    const cap = assertPricedOnCatalog(line, concludedPriceFen, application.providerId, entries(line.catalogEntryId));
    if (cap) {
      procured.push({
        applicationId: application.id,
        procurementReference: procurementReference(application.number),
        catalogEntryId: line.catalogEntryId,
        concludedPriceFen,
        capFen: cap.capFen,
      });
    }
  }
  for (const line of lines) {
    // The provider billed for the line is the one whose catalog was just checked: the application's.
    await manager
      .getRepository(ResourceLineEntity)
      .update({ id: line.id }, { concludedPriceFen: byLine.get(line.id)!, providerId: application.providerId });
  }
  await port.lowerCapsLater(manager, procured);
  // TEST_30D: the delivery deadline is fixed now, so the to-do list reads it in SQL (todo/todo-items.query.ts).
  const delivery = testDeliveryDeadline(tx.today, application.testDeliveryDays);
  return recordStep(manager, application, tx.principal, {
    action: 'RECORD_PROCUREMENT',
    to,
    set: { procuredOn: tx.today, testDeliveryDueOn: delivery?.date ?? null, testDeliveryDueEstimated: delivery?.estimated ?? false },
  });
}

/** TEST_30D: testing starts the day the chosen provider delivers the test environment. */
export async function deliverTestEnvironment(tx: MutationTransaction, application: ApplicationEntity): Promise<ApplicationEntity> {
  nextStatus(application, 'DELIVER_TEST_ENVIRONMENT');
  await assertProviderStays(tx, application, 'DELIVER_TEST_ENVIRONMENT');
  return takeStep(tx, application, 'DELIVER_TEST_ENVIRONMENT', { set: { testStartedOn: tx.today } });
}

/** TEST_30D: why testing runs longer than 30 days (already checked); a test with it is no longer flagged. */
export function recordTestExtension(tx: MutationTransaction, application: ApplicationEntity, reason: string): Promise<ApplicationEntity> {
  return takeStep(tx, application, 'RECORD_TEST_EXTENSION', { reason, set: { testExtensionReason: reason } });
}

/** The unit ends testing and asks to go live; the centre confirms (第十四条). */
export async function requestGoLive(tx: MutationTransaction, application: ApplicationEntity): Promise<ApplicationEntity> {
  const to = nextStatus(application, 'REQUEST_GO_LIVE');
  if (application.testEndedOn)
    throw new GovCloudError(`该申请已于 ${application.testEndedOn} 申请上线，等待市大数据应用中心确认`, ErrorCode.BAD_USER_INPUT);
  await assertProviderStays(tx, application, 'REQUEST_GO_LIVE');
  return recordStep(tx.manager, application, tx.principal, { action: 'REQUEST_GO_LIVE', to, set: { testEndedOn: tx.today } });
}

/**
 * The system is live from today: its go-live date is set, and a migrating system is now on the cloud.
 * SECURITY_AGREEMENT (第二十二条) is asked again here, as at acceptance: an agreement ended since (the
 * unit may end one while its system is not yet live) must be replaced before the system runs on the
 * platform. The security subgraph's answer, so SERVICE_UNAVAILABLE while it is away, never a pass.
 */
export async function confirmGoLive(
  tx: MutationTransaction,
  application: ApplicationEntity,
  securityAgreements: SecurityAgreementPort,
): Promise<ApplicationEntity> {
  const { manager, today } = tx;
  const to = nextStatus(application, 'CONFIRM_GO_LIVE');
  if (!application.testEndedOn) throw new GovCloudError('使用单位尚未申请上线（requestGoLive），不能确认上线', ErrorCode.BAD_USER_INPUT);
  await assertProviderStays(tx, application, 'CONFIRM_GO_LIVE');
  assertSecurityAgreementSigned(
    await securityAgreements.signedAgreementFor(application.systemId, application.providerId),
    application,
    '确认上线',
  );
  const system = await manager.getRepository(InformationSystemEntity).findOneOrFail({ where: { id: application.systemId } });
  // The system now runs on the chosen provider's cloud; security's MLPS_6M clock starts today.
  await changeSystem(manager, system.id, {
    goLiveOn: today,
    providerId: application.providerId,
    deploymentMode: system.deploymentMode === 'MIGRATING' ? 'ON_CLOUD' : system.deploymentMode,
  });
  tx.touched(system.id);
  return recordStep(manager, application, tx.principal, { action: 'CONFIRM_GO_LIVE', to, set: { goLiveOn: today } });
}

/**
 * DESIGNATED_PROVIDER (assertNoExitHeard): `action` is refused once the application's provider is
 * exiting where the application applies, read from this subgraph's exit notices (no call to providers).
 */
async function assertProviderStays(tx: MutationTransaction, application: ApplicationEntity, action: LifecycleAction): Promise<void> {
  const exit = await exitHeardOf(tx.manager, application.providerId, application.regionCode);
  assertNoExitHeard(exit, application, TRANSITIONS[action].label);
}
