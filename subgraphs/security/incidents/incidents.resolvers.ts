// Security incidents (第十八条, INCIDENT_REPORT): queries, the report and its timeline (each through
// the mutation pipeline, kit/mutation.ts), and Provider's and InformationSystem's incidents.
import { childPage } from '../../kit/child-connection';
import { findInScope } from '../../kit/lookup';
import { mutation } from '../../kit/mutation';
import { Role } from '../../kit/principal';
import { SecurityIncidentEntity } from './security-incident.entity';
import type { MutationAppendIncidentUpdateArgs, MutationReportSecurityIncidentArgs, Resolvers } from '../generated/graphql';
import type { SecurityContext } from '../loaders';
import { regionOf } from '../references';
import { INCIDENT_REPORT_DEADLINE_MINUTES, isReportedLate } from './incidents.rules';
import { requireText } from '../inspections/inspections.rules';
import { IncidentService, appendIncidentUpdate, incidentInScope, parseIncidentInput, reportIncident } from './incident.service';
import { securityScopeOf } from '../security-scope';

const incidentsOf = (ctx: SecurityContext) => new IncidentService(ctx.dataSource, securityScopeOf(ctx.principal, ctx.scope));

/** The reporters (第十八条: providers, units, the centre, the monitoring agency) and the authorities that receive reports. */
const UPDATERS = [Role.CYBERSEC, Role.BUREAU, Role.CENTER, Role.MONITOR, Role.PROVIDER, Role.USER_UNIT];

export const incidentsResolvers = {
  Query: {
    securityIncidents: (_, args, ctx) => incidentsOf(ctx).list(args),
    securityIncident: (_, { id }, ctx) => findInScope(id, (key) => ctx.loaders.securityIncidentById.load(key)),
  },

  Mutation: {
    /** Providers on their platform, units on their systems, the city-wide parties of 第十八条 on either; the time is the server's. */
    reportSecurityIncident: mutation({
      roles: [Role.PROVIDER, Role.USER_UNIT, Role.BUREAU, Role.CENTER, Role.MONITOR],
      input: (args: MutationReportSecurityIncidentArgs) => parseIncidentInput(args.input, new Date()),
      targets: (input) => input.systemIds,
      run: (tx, input) => reportIncident(tx.manager, tx.principal, input),
    }),
    appendIncidentUpdate: mutation({
      roles: UPDATERS,
      input: (args: MutationAppendIncidentUpdateArgs) => ({ ...args, note: requireText(args.note, 'note', '处置进展说明') }),
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
    __resolveReference: (reference, ctx) => ctx.loaders.securityIncidentById.load(reference.id),
    provider: (incident) => (incident.providerId ? { id: incident.providerId } : null),
    unit: (incident) => (incident.unitId ? { id: incident.unitId } : null),
    region: (incident) => regionOf(incident.regionCode),
    affectedSystems: async (incident, _, ctx) =>
      (await ctx.loaders.affectedSystemsByIncidentId.load(incident.id)).map((link) => ({ id: link.systemId })),
    reportDeadlineMinutes: (incident) => INCIDENT_REPORT_DEADLINE_MINUTES[incident.severity],
    reportedLate: (incident) => isReportedLate(incident.severity, incident.detectedAt, incident.reportedAt),
    timeline: (incident, args, ctx) => ctx.loaders.incidentTimelinePagesByIncidentId.load(childPage(incident.id, args)),
  },

  Provider: {
    securityIncidents: (provider, args, ctx) => ctx.loaders.securityIncidentPagesByProviderId.load(childPage(provider.id, args)),
  },

  InformationSystem: {
    securityIncidents: (system, args, ctx) => ctx.loaders.securityIncidentPagesBySystemId.load(childPage(system.id, args)),
  },
} satisfies Resolvers;
