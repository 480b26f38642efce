package org.classgate.incidents;

import org.classgate.time.Stamp;

/**
 * Something done about an incident: a status change or an action taken ("Action Taken: What? By
 * Whom?" and "Signature" of the Reporting Log). Immutable.
 *
 * @param status the new status, for a status change; null for an action
 * @param action the action from the sanction tables, for an action; null for a status change
 * @param what what was done or decided, in words; may be null for a bare status change
 * @param byWhom who did it (never null)
 * @param signature the typed name of whoever signs the entry, or null
 */
public record IncidentEvent(
    Stamp stamp,
    IncidentStatus status,
    IncidentAction action,
    String what,
    String byWhom,
    String signature) {}
