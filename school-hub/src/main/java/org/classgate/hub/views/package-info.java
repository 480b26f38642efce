/**
 * The hub's web views for school staff: classrooms and their health, incidents and alerts across
 * classrooms, each box's change-control log, the governors' termly report and enrolment
 * administration. Each view is a {@link org.classgate.console.ConsoleModule} served behind the box
 * console's account rules and permission matrix ({@link
 * org.classgate.console.ConsoleServer#webHandler}); payloads are read with the box's own decoders
 * ({@code org.classgate.sync.payload}), and a record that does not decode is counted, never fatal.
 */
package org.classgate.hub.views;
