import type { Role } from '@openpsap/contract';

/**
 * Every permission a route can require, and the roles that hold it. Least privilege: the
 * administrator manages accounts and the roster but does not read incidents; a responder acts
 * on the unit they are signed on to.
 */
export const PERMISSIONS = {
  'registry.read': ['call-taker', 'dispatcher', 'supervisor', 'responder', 'rtcc-analyst', 'community-officer', 'admin'],
  'geo.read': ['call-taker', 'dispatcher', 'supervisor', 'responder', 'rtcc-analyst', 'community-officer', 'admin'],
  'geo.manage': ['admin'],
  'plan.read': ['call-taker', 'dispatcher', 'supervisor', 'responder', 'admin'],
  'plan.manage': ['supervisor', 'admin'],
  'unit.position': ['dispatcher', 'supervisor', 'responder'],
  'caution.manage': ['supervisor', 'admin'],
  'supervisor.read': ['supervisor'],
  // Special needs: records about vulnerable people, so each read is audited with its purpose;
  // community officers review, the floor and responders see what the call needs (photo included).
  'special-needs.review': ['supervisor', 'community-officer'],
  'special-needs.read': ['call-taker', 'dispatcher', 'supervisor', 'responder', 'community-officer'],
  // Help Me Home: anyone on a call may search and report missing; community officers register.
  'hmh.read': ['call-taker', 'dispatcher', 'supervisor', 'responder', 'community-officer'],
  'hmh.manage': ['supervisor', 'community-officer'],
  'hmh.report-missing': ['call-taker', 'dispatcher', 'supervisor', 'community-officer'],
  // BOLOs to units: every unit and the floor read them; dispatchers cancel.
  'bolo.read': ['call-taker', 'dispatcher', 'supervisor', 'responder', 'rtcc-analyst'],
  'bolo.manage': ['dispatcher', 'supervisor'],
  'bolo.issue': ['call-taker', 'dispatcher', 'supervisor'],
  // CARE daily check-ins: the floor sees and resolves missed check-ins; community officers enrol.
  'care.read': ['call-taker', 'dispatcher', 'supervisor', 'community-officer'],
  'care.manage': ['supervisor', 'community-officer'],
  'care.checkin-by-staff': ['call-taker', 'dispatcher', 'supervisor', 'community-officer'],
  // Education tours: community officers run the calendar; requesters' contacts are purpose-audited.
  'tour.manage': ['supervisor', 'community-officer'],
  // Privacy of those programs: finding what is held about a person, exports, erasure, retention.
  'privacy.manage': ['supervisor', 'admin'],
  // RTCC analysis: hot spots and before/after camera evaluations; aggregate counts, every run audited.
  'hotspot.read': ['rtcc-analyst', 'supervisor', 'admin'],
  // RTCC live video: only analysts watch (checkLiveAccess holds the full rule); the map of cameras
  // is also for supervisors; which cameras see a point serves the floor and Help Me Home too.
  'camera.live': ['rtcc-analyst'],
  'camera.map': ['rtcc-analyst', 'supervisor'],
  // Sharing a live camera out by link: an analyst shares what they watch; supervisors see and revoke links.
  'camera.share': ['rtcc-analyst', 'supervisor'],
  'camera.nearby': ['call-taker', 'dispatcher', 'supervisor', 'rtcc-analyst', 'community-officer'],
  // RTCC camera registry: the floor reads it; analysts keep the city's cameras and ask owners for footage.
  'camera.read': ['rtcc-analyst', 'supervisor', 'dispatcher', 'admin'],
  'camera.manage': ['rtcc-analyst', 'admin'],
  'footage.request': ['rtcc-analyst'],
  // Evidence: the floor and the RTCC ask for and look at witness files and live caller video;
  // every look is in the item's chain of custody. Sharing outside the centre is for supervisors and analysts.
  'evidence.read': ['call-taker', 'dispatcher', 'supervisor', 'rtcc-analyst'],
  'evidence.request': ['call-taker', 'dispatcher', 'supervisor', 'rtcc-analyst'],
  'evidence.share': ['supervisor', 'rtcc-analyst'],
  'agency.read': ['call-taker', 'dispatcher', 'supervisor', 'responder', 'rtcc-analyst', 'community-officer', 'admin'],
  'call.read': ['call-taker', 'dispatcher', 'supervisor'],
  'call.write': ['call-taker', 'dispatcher', 'supervisor'],
  // NG9-1-1: a provider's supplemental location service posts with an API token of one of these roles.
  'call.supplemental-location': ['call-taker', 'dispatcher', 'supervisor'],
  'incident.read': ['call-taker', 'dispatcher', 'supervisor', 'responder', 'rtcc-analyst'],
  'incident.create': ['call-taker', 'dispatcher', 'supervisor'],
  'incident.update': ['call-taker', 'dispatcher', 'supervisor'],
  'incident.narrative': ['call-taker', 'dispatcher', 'supervisor', 'responder'],
  'incident.dispatch': ['dispatcher', 'supervisor'],
  'incident.close': ['dispatcher', 'supervisor'],
  'incident.reopen': ['dispatcher', 'supervisor'],
  'unit.read': ['call-taker', 'dispatcher', 'supervisor', 'responder', 'rtcc-analyst', 'admin'],
  'unit.status': ['dispatcher', 'supervisor', 'responder'],
  'unit.manage': ['supervisor', 'admin'],
  'stream.read': ['call-taker', 'dispatcher', 'supervisor', 'responder', 'rtcc-analyst'],
  'event.read': ['call-taker', 'dispatcher', 'supervisor', 'rtcc-analyst'],
  'user.read': ['supervisor', 'admin'],
  'user.manage': ['admin'],
  'audit.read': ['supervisor', 'admin'],
  // Call and response statistics: aggregates, and per-person workload (purpose-audited).
  'statistics.read': ['supervisor', 'admin'],
  'audit.verify': ['admin'],
  'system.metrics': ['supervisor', 'admin'],
  // Public alerts: the floor drafts; a supervisor other than the drafter approves and issues.
  'alert.draft': ['call-taker', 'dispatcher', 'supervisor'],
  'alert.approve': ['supervisor'],
  // Alerts from other senders on every live map; who lives inside one (special needs, CARE) and
  // the welfare checks for them only on the floor.
  'outside-alert.read': ['call-taker', 'dispatcher', 'supervisor', 'rtcc-analyst', 'responder'],
  'outside-alert.welfare': ['call-taker', 'dispatcher', 'supervisor'],
  // Training of new telecommunicators: supervisors run it; a CTO (any floor role) writes DORs and
  // signs checklist items for their own trainee; the trainee acknowledges their DORs.
  'training.read': ['supervisor'],
  'training.manage': ['supervisor'],
  'training.observe': ['call-taker', 'dispatcher', 'supervisor'],
  'training.acknowledge': ['call-taker', 'dispatcher', 'supervisor'],
  // Certifications with expiry (APCO PST, CIT, EMD, CPR): kept by supervisors and administrators.
  'certification.read': ['supervisor', 'admin'],
  'certification.manage': ['supervisor', 'admin'],
  // Workforce: the staff register (supervisors and administrators keep it); the floor reads the
  // schedule, asks for leave and swaps; supervisors decide, fill gaps and read hours and live staffing.
  'staff.read': ['supervisor', 'admin'],
  'staff.manage': ['supervisor', 'admin'],
  'roster.read': ['call-taker', 'dispatcher', 'supervisor'],
  'roster.request': ['call-taker', 'dispatcher', 'supervisor'],
  'roster.manage': ['supervisor'],
  'roster.report': ['supervisor', 'admin'],
  'staffing.read': ['supervisor'],
  'staffing.position': ['call-taker', 'dispatcher', 'supervisor'],
  // Interoperability: EIDOs follow the incident rule (calls only on the floor); transfers in are
  // taken by the floor; the i3 log and alarm companies' deliveries are for supervision.
  'eido.read': ['call-taker', 'dispatcher', 'supervisor', 'responder', 'rtcc-analyst'],
  'eido.import': ['call-taker', 'dispatcher', 'supervisor'],
  'i3-log.read': ['supervisor', 'admin'],
  'alarm.read': ['dispatcher', 'supervisor', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** Roles that work the whole centre's floor and see every agency's calls and incidents. */
export const CENTRE_ROLES: readonly Role[] = ['call-taker', 'dispatcher', 'supervisor', 'rtcc-analyst'];
