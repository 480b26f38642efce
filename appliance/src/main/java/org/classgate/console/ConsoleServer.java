package org.classgate.console;

import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.PathHandler;
import io.undertow.server.handlers.resource.ClassPathResourceManager;
import io.undertow.server.handlers.resource.ResourceHandler;
import io.undertow.server.handlers.resource.ResourceManager;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.classgate.console.auth.Accounts;
import org.classgate.console.auth.Sessions;
import org.classgate.tls.TlsIdentity;
import org.tinylog.TaggedLogger;
import org.xnio.Options;
import org.xnio.Sequence;

/**
 * The console's web servers: the staff console (the web-console module's pages and the JSON API)
 * and the pupils' block page, each on its own address. The console speaks TLS 1.3 only (with the
 * box's own certificate), sends HSTS and Secure cookies, may have a plain-HTTP listener that only
 * redirects to it, and answers only clients its {@link ClientGate} allows (staff devices, the
 * management network). Dev mode may serve it over plain HTTP on loopback. The block page is plain
 * HTTP: pupils' browsers reach it through a blocked name's DNS answer, where no certificate could
 * be valid. Thread-safe; closing stops every listener.
 */
public final class ConsoleServer implements AutoCloseable {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("console");

  /** The classpath folder the web-console module packages its files under. */
  static final String RESOURCES = "console";

  /** Where the uPlot webjar keeps its files, served under {@value #UPLOT_PATH}. */
  static final String UPLOT_RESOURCES = "META-INF/resources/webjars/uplot/1.6.30/dist";

  static final String UPLOT_PATH = "/vendor/uplot";

  /**
   * What the console needs from the rest of the box. All non-null.
   *
   * @param accounts the accounts service
   * @param sessions the signed-in sessions
   * @param unblockRequests where "I think this is a mistake" goes
   * @param reasons which category blocks a site, for the block page
   * @param clock the wall clock
   * @param modules the API of each capability the box runs, beyond accounts
   */
  public record Services(
      Accounts accounts,
      Sessions sessions,
      UnblockRequests unblockRequests,
      BlockReasons reasons,
      Clock clock,
      List<ConsoleModule> modules) {
    public Services {
      modules = List.copyOf(modules);
      Objects.requireNonNull(accounts, "accounts");
      Objects.requireNonNull(sessions, "sessions");
      Objects.requireNonNull(unblockRequests, "unblockRequests");
      Objects.requireNonNull(reasons, "reasons");
      Objects.requireNonNull(clock, "clock");
    }
  }

  private final List<Undertow> servers;
  private final Set<Route> routes;
  private final int consolePort;
  private final int blockPagePort;
  private final int redirectPort;

  private ConsoleServer(
      List<Undertow> servers,
      Set<Route> routes,
      int consolePort,
      int blockPagePort,
      int redirectPort) {
    this.servers = servers;
    this.routes = routes;
    this.consolePort = consolePort;
    this.blockPagePort = blockPagePort;
    this.redirectPort = redirectPort;
  }

  /**
   * Starts the console over plain HTTP on {@code console}, for clients on loopback only, and the
   * block page on {@code blockPage} (either may be null: not served). Port 0 picks a free port
   * (tests).
   */
  public static ConsoleServer start(
      InetSocketAddress console, InetSocketAddress blockPage, Services services) {
    return start(
        console == null ? null : ConsoleEndpoint.plain(console, ClientGate.LOOPBACK_ONLY),
        blockPage,
        services);
  }

  /**
   * Starts the console as {@code console} says and the block page on {@code blockPage} (either may
   * be null: not served).
   */
  public static ConsoleServer start(
      ConsoleEndpoint console, InetSocketAddress blockPage, Services services) {
    List<Undertow> started = new ArrayList<>();
    RouteTable routes = routeTable(services);
    try {
      int consolePort = -1;
      int blockPagePort = -1;
      int redirectPort = -1;
      if (console != null) {
        HttpHandler handler =
            new StaffOnly(consoleHandler(services, routes, console.https()), console.gate());
        Undertow server =
            console.https()
                ? listenTls(console.listen(), console.tls(), handler)
                : listen(console.listen(), handler);
        started.add(server);
        consolePort = port(server);
        LOG.info(
            "console on {}://{}:{}/",
            console.https() ? "https" : "http",
            console.listen().getHostString(),
            consolePort);
        if (console.redirect() != null) {
          Undertow redirect =
              listen(
                  console.redirect(),
                  new SecurityHeaders(new HttpsRedirect(console.names(), consolePort), false));
          started.add(redirect);
          redirectPort = port(redirect);
          LOG.info(
              "console redirect from http://{}:{}/",
              console.redirect().getHostString(),
              redirectPort);
        }
      }
      if (blockPage != null) {
        HttpHandler page =
            new SecurityHeaders(
                new BlockPage(services.reasons(), services.unblockRequests(), services.clock()),
                false);
        Undertow server = listen(blockPage, page);
        started.add(server);
        blockPagePort = port(server);
        LOG.info("block page on http://{}:{}/", blockPage.getHostString(), blockPagePort);
      }
      return new ConsoleServer(
          List.copyOf(started), routes.routes(), consolePort, blockPagePort, redirectPort);
    } catch (RuntimeException e) {
      started.forEach(Undertow::stop);
      throw e;
    }
  }

  private static RouteTable routeTable(Services services) {
    List<ConsoleModule> modules = new ArrayList<>();
    modules.add(new AccountRoutes(services.accounts()));
    modules.addAll(services.modules());
    return new RouteTable(modules);
  }

  static HttpHandler consoleHandler(Services services, RouteTable routes, boolean https) {
    return handler(
        routes,
        services.sessions(),
        new ClassPathResourceManager(ConsoleServer.class.getClassLoader(), RESOURCES),
        https);
  }

  /**
   * The console's web handler for another server that keeps the console's account rules: the
   * account routes (setup, login, TOTP, lockout, users), {@code modules}' routes behind the same
   * permission matrix and CSRF check, the pages from {@code files}, uPlot at {@code
   * /vendor/uplot/}, and the same security headers. The school hub serves its views with it.
   * Thread-safe.
   *
   * @param https whether the server is HTTPS (Secure cookie, HSTS)
   * @throws IllegalArgumentException if two modules declare the same route
   */
  public static HttpHandler webHandler(
      Accounts accounts,
      Sessions sessions,
      List<ConsoleModule> modules,
      ResourceManager files,
      boolean https) {
    List<ConsoleModule> all = new ArrayList<>();
    all.add(new AccountRoutes(accounts));
    all.addAll(modules);
    return handler(new RouteTable(all), sessions, files, https);
  }

  private static HttpHandler handler(
      RouteTable routes, Sessions sessions, ResourceManager pages, boolean https) {
    SessionCookie cookie = new SessionCookie(https);
    ConsoleApi api = new ConsoleApi(routes, sessions, cookie);
    PathHandler paths =
        new PathHandler(files(pages))
            .addPrefixPath("/api", api)
            // The chart library, served from its webjar as shipped (never copied into the project).
            .addPrefixPath(
                UPLOT_PATH,
                files(
                    new ClassPathResourceManager(
                        ConsoleServer.class.getClassLoader(), UPLOT_RESOURCES)));
    return new SecurityHeaders(paths, https);
  }

  private static ResourceHandler files(ResourceManager resources) {
    return new ResourceHandler(resources)
        .setWelcomeFiles("index.html")
        .setDirectoryListingEnabled(false);
  }

  private static Undertow listen(InetSocketAddress address, HttpHandler handler) {
    Undertow server =
        Undertow.builder()
            .addHttpListener(address.getPort(), address.getAddress().getHostAddress())
            // A classroom box: a handful of staff at once. Few threads, little memory.
            .setIoThreads(1)
            .setWorkerThreads(4)
            .setHandler(handler)
            .build();
    server.start();
    return server;
  }

  /**
   * An HTTPS listener that negotiates TLS 1.3 and nothing older (RFC 8446; the XNIO option sets the
   * engine's enabled protocols, so a TLS 1.2 ClientHello gets a protocol_version alert).
   */
  private static Undertow listenTls(
      InetSocketAddress address, SSLContext tls, HttpHandler handler) {
    Undertow server =
        Undertow.builder()
            .addHttpsListener(address.getPort(), address.getAddress().getHostAddress(), tls)
            .setSocketOption(Options.SSL_ENABLED_PROTOCOLS, Sequence.of(TlsIdentity.PROTOCOL))
            .setIoThreads(1)
            .setWorkerThreads(4)
            .setHandler(handler)
            .build();
    server.start();
    return server;
  }

  private static int port(Undertow server) {
    return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
  }

  /** Every API route the console serves. */
  public Set<Route> routes() {
    return routes;
  }

  /** The console's port, or -1 if not served. */
  public int consolePort() {
    return consolePort;
  }

  /** The port of the console's HTTP-to-HTTPS redirect, or -1 if there is none. */
  public int redirectPort() {
    return redirectPort;
  }

  /** The block page's port, or -1 if not served. */
  public int blockPagePort() {
    return blockPagePort;
  }

  @Override
  public void close() {
    servers.forEach(Undertow::stop);
  }
}
