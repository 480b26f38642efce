package org.classgate.hub.views;

import java.util.EnumSet;
import java.util.Set;
import org.classgate.console.Route;
import org.classgate.console.auth.Role;

/**
 * Who may read what at the hub, from the seeds: the safeguarding roles (online-safety officer, DSL,
 * headteacher) read incidents, alerts and logs; technicians read the classrooms' health and the
 * change-control logs but not incidents (a snapshot shows pupils' activity); governors read only
 * the anonymised termly report; headteachers and technicians administer enrolment.
 */
final class ViewRoles {
  private ViewRoles() {}

  /** Incidents (with snapshots) and alerts. */
  static final Set<Role> SAFEGUARDING = Route.SAFEGUARDING;

  /** The classrooms' health and the change-control logs. */
  static final Set<Role> OPERATIONS =
      EnumSet.of(Role.ONLINE_SAFETY_OFFICER, Role.DSL, Role.HEADTEACHER, Role.TECHNICIAN);

  /** The termly report: governors and the safeguarding roles. */
  static final Set<Role> TERMLY =
      EnumSet.of(Role.GOVERNOR, Role.ONLINE_SAFETY_OFFICER, Role.DSL, Role.HEADTEACHER);

  /** Enrolment administration. */
  static final Set<Role> ADMINISTRATORS = Route.ADMINISTRATORS;
}
