/** Classroom devices: their classes, network access and registry. */
package org.classgate.devices;
