/**
 * The classroom's e-safety log: reports from the button (with a snapshot of the classroom's
 * activity), incidents logged by staff, their reviews and the actions taken, and the alert rules
 * for the Designated Safeguarding Lead with their weekly summary.
 */
package org.classgate.incidents;
