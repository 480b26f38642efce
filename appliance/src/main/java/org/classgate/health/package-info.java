/**
 * The box's health: current problems by source and severity, and the state they add up to
 * (starting, healthy, degraded, fault), for the panel's LED, the console and the control socket.
 */
package org.classgate.health;
