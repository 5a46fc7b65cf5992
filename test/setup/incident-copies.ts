// More incidents under the same affected systems (security.incident_system), for the tests of
// InformationSystem.securityIncidents paged in SQL (issue 14).

/** SQL (as the owner) making `copies` copies of every affected system's incidents, each linked to that system. */
export function copyAffectedIncidentsSql(copies: number): string {
  return `
    WITH copies AS (
      SELECT link.system_id AS link_system, link.unit_id AS link_unit, link.region_code AS link_region, gen_random_uuid() AS copy_id, t.*
        FROM security.incident_system link JOIN security.security_incident t ON t.id = link.incident_id, generate_series(1, ${copies}) g
    ), incidents AS (
      INSERT INTO security.security_incident
      SELECT (jsonb_populate_record(NULL::security.security_incident, to_jsonb(c) || jsonb_build_object('id', c.copy_id))).* FROM copies c
    )
    INSERT INTO security.incident_system (incident_id, system_id, unit_id, region_code)
    SELECT copy_id, link_system, link_unit, link_region FROM copies`;
}
