/**
 * Trusted time: stamps that order the box's records by sequence number and carry boot, monotonic
 * and wall time, so records made before the clock synchronised can be corrected afterwards ({@link
 * org.classgate.time.Stamp#rebasedOn}) or flagged where that is impossible.
 */
package org.classgate.time;
