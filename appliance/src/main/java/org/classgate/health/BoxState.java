package org.classgate.health;

/** The box's health at a glance, as the LED and the console show it. */
public enum BoxState {
  /** Still starting: lists loading, listeners not yet answering. */
  STARTING,
  /** Running with no known problem. */
  HEALTHY,
  /** Filtering works, but something else does not (only {@link Severity#WARNING} problems). */
  DEGRADED,
  /** At least one {@link Severity#FAULT} problem. */
  FAULT
}
