package org.classgate.console;

import java.util.Map;

/**
 * A capability's part of the console API: its routes and the handler of each. The composition root
 * gives the console one module per capability it runs; {@link RouteTable} refuses two modules
 * claiming the same route. Implementations are thread-safe.
 */
@FunctionalInterface
public interface ConsoleModule {
  /** Every route of the module with its handler. */
  Map<Route, ApiHandler> handlers();
}
