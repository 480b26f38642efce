package org.classgate.hub.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.resource.ClassPathResourceManager;
import java.util.List;
import org.classgate.console.ConsoleModule;
import org.classgate.console.ConsoleServer;
import org.classgate.console.auth.Accounts;
import org.classgate.console.auth.Sessions;

/**
 * The hub's web views for school staff, on the box console's machinery ({@link
 * ConsoleServer#webHandler}): the same accounts, sessions, permission matrix, CSRF check and
 * security headers, with the hub's pages ({@value #PAGES} on the classpath) in front of the
 * console's shell.
 */
public final class StaffWeb {
  /** The classpath folder of the hub's own pages. */
  static final String PAGES = "hub-web";

  /** The classpath folder of the box console's files (the web-console module). */
  static final String CONSOLE = "console";

  private StaffWeb() {}

  /** The handler for every path that is not the box-facing sync API. */
  public static HttpHandler handler(
      Accounts accounts, Sessions sessions, List<ConsoleModule> views) {
    ClassLoader loader = StaffWeb.class.getClassLoader();
    LayeredResources files =
        new LayeredResources(
            List.of(
                new ClassPathResourceManager(loader, PAGES),
                new ClassPathResourceManager(loader, CONSOLE)));
    return ConsoleServer.webHandler(accounts, sessions, views, files, true);
  }
}
