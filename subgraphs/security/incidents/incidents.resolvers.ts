// Security incidents (第十八条, INCIDENT_REPORT): queries, the report and its timeline (each through
// the mutation pipeline, kit/mutation.ts), and Provider's and InformationSystem's incidents.
import { connectionFromArray, type ConnectionArgs } from '../../kit/connection';
import { findInScope } from '../../kit/lookup';
import { mutation } from '../../kit/mutation';
import { Role } from '../../kit/principal';
import { regionField } from '../../kit/shared-resolvers';
import type { IncidentUpdateEntity } from './incident-update.entity';
import { SecurityIncidentEntity } from './security-incident.entity';
import type { SecurityContext } from '../loaders';
import { INCIDENT_REPORT_DEADLINE_MINUTES, isReportedLate } from './incidents.rules';
import { requireText } from '../inspections/inspections.rules';
import {
  IncidentService,
  appendIncidentUpdate,
  incidentInScope,
  parseIncidentInput,
  reportIncident,
  type IncidentInput,
  type IncidentListArgs,
} from './incident.service';
import { securityScopeOf } from '../security-scope';

const incidentsOf = (ctx: SecurityContext) => new IncidentService(ctx.dataSource, securityScopeOf(ctx.principal, ctx.scope));

// connectionFromArray sorts ascending: the time remaining to the end of JavaScript's dates puts the newest first.
const MAX_TIME = 8_640_000_000_000_000;
const newestFirst = (incident: SecurityIncidentEntity) => String(MAX_TIME - incident.reportedAt.getTime()).padStart(16, '0');
const bySeq = (entry: IncidentUpdateEntity) => String(entry.seq).padStart(6, '0');

/** The reporters (第十八条: providers, units, the centre, the monitoring agency) and the authorities that receive reports. */
const UPDATERS = [Role.CYBERSEC, Role.BUREAU, Role.CENTER, Role.MONITOR, Role.PROVIDER, Role.USER_UNIT];

type UpdateArgs = { incidentId: string; version: number; status: 'HANDLING' | 'RESOLVED'; note: string };

export const incidentsResolvers = {
  Query: {
    securityIncidents: (_: unknown, args: IncidentListArgs, ctx: SecurityContext) => incidentsOf(ctx).list(args),
    securityIncident: (_: unknown, { id }: { id: string }, ctx: SecurityContext) =>
      findInScope(id, (key) => ctx.loaders.securityIncidentById.load(key)),
  },

  Mutation: {
    /** Providers on their platform, units on their systems, the city-wide parties of 第十八条 on either; the time is the server's. */
    reportSecurityIncident: mutation({
      roles: [Role.PROVIDER, Role.USER_UNIT, Role.BUREAU, Role.CENTER, Role.MONITOR],
      input: (args: { input: IncidentInput }) => parseIncidentInput(args.input, new Date()),
      targets: (input) => input.systemIds,
      run: (tx, input) => reportIncident(tx.manager, tx.principal, input),
    }),
    appendIncidentUpdate: mutation({
      roles: UPDATERS,
      input: (args: UpdateArgs) => ({ ...args, note: requireText(args.note, 'note', '处置进展说明') }),
      lock: (input, ctx: SecurityContext) => ({
        entity: SecurityIncidentEntity,
        id: input.incidentId,
        what: '安全事件',
        version: input.version,
        visible: (incident: SecurityIncidentEntity) => incidentInScope(ctx.principal, ctx.scope, incident),
      }),
      run: (tx, input, incident) => appendIncidentUpdate(tx.manager, tx.principal, incident, input, new Date()),
    }),
  },

  SecurityIncident: {
    __resolveReference: (reference: { id: string }, ctx: SecurityContext) => ctx.loaders.securityIncidentById.load(reference.id),
    provider: (incident: SecurityIncidentEntity) => (incident.providerId ? { id: incident.providerId } : null),
    unit: (incident: SecurityIncidentEntity) => (incident.unitId ? { id: incident.unitId } : null),
    region: (incident: SecurityIncidentEntity) => regionField(incident.regionCode),
    affectedSystems: async (incident: SecurityIncidentEntity, _: unknown, ctx: SecurityContext) =>
      (await ctx.loaders.affectedSystemsByIncidentId.load(incident.id)).map((link) => ({ id: link.systemId })),
    detectedAt: (incident: SecurityIncidentEntity) => incident.detectedAt.toISOString(),
    reportedAt: (incident: SecurityIncidentEntity) => incident.reportedAt.toISOString(),
    reportDeadlineMinutes: (incident: SecurityIncidentEntity) => INCIDENT_REPORT_DEADLINE_MINUTES[incident.severity],
    reportedLate: (incident: SecurityIncidentEntity) => isReportedLate(incident.severity, incident.detectionToReportMinutes),
    timeline: async (incident: SecurityIncidentEntity, args: ConnectionArgs, ctx: SecurityContext) =>
      connectionFromArray(await ctx.loaders.incidentTimelineByIncidentId.load(incident.id), args, bySeq),
  },

  IncidentUpdate: {
    recordedAt: (entry: IncidentUpdateEntity) => entry.recordedAt.toISOString(),
  },

  Provider: {
    securityIncidents: async (provider: { id: string }, args: ConnectionArgs, ctx: SecurityContext) =>
      connectionFromArray(await ctx.loaders.securityIncidentsByProviderId.load(provider.id), args, newestFirst),
  },

  InformationSystem: {
    securityIncidents: async (system: { id: string }, args: ConnectionArgs, ctx: SecurityContext) =>
      connectionFromArray(await ctx.loaders.securityIncidentsBySystemId.load(system.id), args, newestFirst),
  },
};
