import type { DataSource } from 'typeorm';
import { todayInChina } from '../../subgraphs/kit/dates';
import { Role, type Principal, type Scope } from '../../subgraphs/kit/principal';
import { ApplicationEntity } from '../../subgraphs/applications/lifecycle/application.entity';
import { ChangeRequestEntity } from '../../subgraphs/applications/changes/change-request.entity';
import { approvalDay } from '../../subgraphs/applications/changes/change-request.service';
import type { InformationSystemEntity } from '../../subgraphs/applications/systems/information-system.entity';
import { TerminationStepEntity } from '../../subgraphs/applications/lifecycle/termination-step.entity';
import { statusesFor, todoItemsFor, type TodoCandidate, type TodoItem } from '../../subgraphs/applications/todo/todo.rules';
import { migrationStatusesFor, migrationTodoItemsFor } from '../../subgraphs/applications/todo/todo-migrations.rules';
import { scopeApplications } from '../../subgraphs/applications/lifecycle/application.scope';
import { scopeMigrations } from '../../subgraphs/applications/system-migrations/system-migration.service';
import { SystemMigrationEntity as Migration } from '../../subgraphs/applications/system-migrations/system-migration.entity';

export interface TodoLoad {
  items: TodoItem[];
  /** The system migrations the items are about (their systems are among `systems`). */
  migrations: Migration[];
  /** The applications the items are about, with their systems, for the request's loaders to prime. */
  applications: ApplicationEntity[];
  systems: InformationSystemEntity[];
}

/**
 * The reference the SQL list (subgraphs/applications/todo/todo-items.query.ts) is held equal to:
 * the to-do list as the subgraph derived it in memory before issue 14, the scoped applications and
 * migrations loaded and the rules of todo.rules.ts and todo-migrations.rules.ts applied to them.
 * Test code only: no request loads a table to derive its list any more.
 */
export class TodoReference {
  constructor(
    private readonly dataSource: DataSource,
    private readonly principal: Principal,
    private readonly scope: Scope,
  ) {}

  async load(today: string): Promise<TodoLoad> {
    const viewer = { role: this.principal.role, providerId: this.principal.providerId };
    const applicationItems = await this.loadApplicationItems(today);
    const migrations = await this.loadMigrations();
    const migrationItems = migrationTodoItemsFor(
      viewer,
      migrations.map((migration) => ({ ...migration, systemName: migration.system!.name })),
      today,
    );
    return {
      items: [...applicationItems.items, ...migrationItems],
      applications: applicationItems.applications,
      systems: [...applicationItems.systems, ...migrations.map((migration) => migration.system!)],
      migrations,
    };
  }

  /** EXIT_TRANSITION_3M: the scoped migrations in the statuses that can need the role's action, with their systems. */
  private loadMigrations(): Promise<Migration[]> {
    const statuses = migrationStatusesFor(this.principal.role);
    if (statuses.length === 0) return Promise.resolve([]);
    return scopeMigrations(this.dataSource.getRepository(Migration).createQueryBuilder('migration'), this.scope, 'migration')
      .innerJoinAndSelect('migration.system', 'system')
      .andWhere('migration.status IN (:...statuses)', { statuses })
      .getMany();
  }

  private async loadApplicationItems(today: string): Promise<Omit<TodoLoad, 'migrations'>> {
    const statuses = statusesFor(this.principal.role);
    if (statuses.length === 0) return { items: [], applications: [], systems: [] };
    const query = scopeApplications(
      this.dataSource.getRepository(ApplicationEntity).createQueryBuilder('app').innerJoinAndSelect('app.system', 'sys'),
      this.scope,
      'app',
    ).andWhere('app.status IN (:...statuses)', { statuses });
    // A provider acts on the applications that chose it, not on those of systems it merely hosts.
    if (this.principal.role === Role.PROVIDER) query.andWhere('app.provider_id = :me', { me: this.principal.providerId });
    const applications = await query.getMany();

    // The bureau decides pending changes; the chosen provider and the centre carry out approved ones.
    const changeStatus = { [Role.BUREAU]: 'PENDING', [Role.PROVIDER]: 'APPROVED', [Role.CENTER]: 'APPROVED' }[
      this.principal.role as string
    ];
    const changeable = changeStatus ? idsIn(applications, ['TESTING', 'IN_PRODUCTION']) : [];
    const changes = changeable.length
      ? await this.dataSource
          .getRepository(ChangeRequestEntity)
          .createQueryBuilder('change')
          .where('change.application_id = ANY(:ids)', { ids: changeable })
          .andWhere('change.status = :changeStatus', { changeStatus })
          .getMany()
      : [];
    // The bureau is only informed of a termination (NOTE_ABANDONED_APPLICATION), it confirms no step.
    const terminating = this.principal.role === Role.BUREAU ? [] : idsIn(applications, ['TERMINATING']);
    const steps = terminating.length
      ? await this.dataSource
          .getRepository(TerminationStepEntity)
          .createQueryBuilder('step')
          .where('step.application_id = ANY(:ids)', { ids: terminating })
          .getMany()
      : [];

    const notices: Array<{ provider_id: string; region_code: string | null; heard_on: string }> = await this.dataSource.query(
      `SELECT provider_id, region_code, ((received_at AT TIME ZONE 'Asia/Shanghai')::date)::text AS heard_on FROM "applications"."exit_notice"`,
    );
    const exitHeardOn = (application: ApplicationEntity) =>
      notices
        .filter(
          (notice) =>
            notice.provider_id === application.providerId && (notice.region_code === null || notice.region_code === application.regionCode),
        )
        .map((notice) => notice.heard_on)
        .sort()[0] ?? null;
    const legacy: Array<{ system_id: string; recorded_on: string }> = await this.dataSource.query(
      `SELECT system_id, ((recorded_at AT TIME ZONE 'Asia/Shanghai')::date)::text AS recorded_on
         FROM "applications"."legacy_shutdown" WHERE confirmed_at IS NULL`,
    );
    const awaiting = new Map(legacy.map((row) => [row.system_id, row.recorded_on]));
    const candidates = applications.map((application) => ({
      ...toCandidate(application, changes, steps),
      providerExitHeardOn: exitHeardOn(application),
      // Only the centre confirms; the other lists never read it.
      legacyShutdownAwaitingConfirmationSince: this.principal.role === Role.CENTER ? (awaiting.get(application.systemId) ?? null) : null,
    }));
    const viewer = { role: this.principal.role, providerId: this.principal.providerId };
    const systems = applications.map((application) => application.system!);
    return { items: todoItemsFor(viewer, candidates, today), applications, systems };
  }
}

function idsIn(applications: readonly ApplicationEntity[], statuses: readonly string[]): string[] {
  return applications.filter((application) => statuses.includes(application.status)).map((application) => application.id);
}

function toCandidate(
  application: ApplicationEntity,
  changes: readonly ChangeRequestEntity[],
  steps: readonly TerminationStepEntity[],
): Omit<TodoCandidate, 'providerExitHeardOn' | 'legacyShutdownAwaitingConfirmationSince'> {
  return {
    id: application.id,
    number: application.number,
    kind: application.kind,
    status: application.status,
    regionCode: application.regionCode,
    systemId: application.systemId,
    providerId: application.providerId,
    createdOn: todayInChina(application.createdAt),
    submittedOn: application.submittedOn,
    filedOn: application.filedOn,
    decisionDueOn: application.decisionDueOn,
    decisionDueEstimated: application.decisionDueEstimated,
    decidedOn: application.decidedOn,
    procuredOn: application.procuredOn,
    testDeliveryDays: application.testDeliveryDays,
    testStartedOn: application.testStartedOn,
    testEndedOn: application.testEndedOn,
    testExtensionReason: application.testExtensionReason,
    goLiveOn: application.goLiveOn,
    terminationReportedOn: application.terminationReportedOn,
    priceAboveCapSince: application.priceAboveCapSince,
    legacyShutdownOn: application.system?.legacyShutdownOn ?? null,
    pendingChanges: changes
      .filter((change) => change.applicationId === application.id && change.status === 'PENDING')
      .map((change) => ({ id: change.id, requestedOn: todayInChina(change.requestedAt) })),
    approvedChanges: changes
      .filter((change) => change.applicationId === application.id && change.status === 'APPROVED')
      .map((change) => ({ id: change.id, approvedOn: approvalDay(change)! })),
    confirmedSteps: steps.filter((step) => step.applicationId === application.id).map((step) => step.step),
  };
}
