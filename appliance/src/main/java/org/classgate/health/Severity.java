package org.classgate.health;

/** How bad a {@link Problem} is: what it does to the box's {@link BoxState}. */
public enum Severity {
  /** The box protects as configured but something is missing (e.g. the panel hardware). */
  WARNING,
  /** The box may not be protecting as configured, or may lose records: staff must act. */
  FAULT
}
