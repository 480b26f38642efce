package org.classgate.console.auth;

import java.util.Optional;

/**
 * What a console user is in the school, from the seeds' roles. The permission matrix decides every
 * route from this alone. Headteachers and technicians administer the console (users, unlocking):
 * the seeds make the network manager responsible for the system and the headteacher hold its
 * administrator credentials, so both must use two-factor login.
 */
public enum Role {
  /** Teaching staff: their classroom's filtering and devices, during lessons. */
  TEACHER("teacher", false),
  /** The online-safety officer (e-safety co-ordinator): incidents, filtering, monitoring. */
  ONLINE_SAFETY_OFFICER("online-safety-officer", false),
  /** The Designated Safeguarding Lead: incidents and their reviews. */
  DSL("dsl", false),
  /** The headteacher: overall responsibility, an administrator of the console. */
  HEADTEACHER("headteacher", true),
  /** The network technician: the box itself, an administrator of the console. */
  TECHNICIAN("technician", true),
  /** A governor: read-only reports. */
  GOVERNOR("governor", false);

  private final String id;
  private final boolean administrator;

  Role(String id, boolean administrator) {
    this.id = id;
    this.administrator = administrator;
  }

  /** The role's name in the API, the database and the configuration. */
  public String id() {
    return id;
  }

  /** Whether this role manages users; such roles must sign in with a TOTP code too. */
  public boolean administrator() {
    return administrator;
  }

  /** Two-factor login is mandatory for administrators, optional for everyone else. */
  public boolean requiresTotp() {
    return administrator;
  }

  /** The role named {@code id}, or empty; never throws on hostile input. */
  public static Optional<Role> fromId(String id) {
    for (Role role : values()) {
      if (role.id.equals(id)) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }
}
