/**
 * The control socket: a Unix-domain stream socket in the data directory through which the command
 * line (and scripts and tests) ask the running box to do things, e.g. press the simulated report
 * button. One request line, one reply line, then the connection closes.
 */
package org.classgate.control;
