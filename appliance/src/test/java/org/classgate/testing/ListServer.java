package org.classgate.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on loopback (the JDK's) serving list files for download tests: each path has a
 * body, an optional ETag and Last-Modified, and answers conditional requests with 304 as a web
 * server does. Paths can also redirect, fail with a status, or stall mid-body. Records every
 * request's path and conditional headers.
 */
public final class ListServer implements AutoCloseable {
  /** What a path serves. */
  public record Resource(
      byte[] body, String etag, String lastModified, int status, String location, long stallMs) {
    public static Resource of(byte[] body, String etag) {
      return new Resource(body, etag, null, 200, null, 0);
    }

    public static Resource redirect(String location) {
      return new Resource(new byte[0], null, null, 302, location, 0);
    }

    public static Resource status(int status) {
      return new Resource(new byte[0], null, null, status, null, 0);
    }
  }

  /** One request as received. */
  public record Request(String path, String ifNoneMatch, String ifModifiedSince) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Map<String, Resource> resources = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  private ListServer(HttpServer server) {
    this.server = server;
  }

  public static ListServer start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    ListServer lists = new ListServer(server);
    server.createContext("/", lists::handle);
    server.setExecutor(lists.executor);
    server.start();
    return lists;
  }

  public void put(String path, Resource resource) {
    resources.put(path, resource);
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
      String ifModifiedSince = exchange.getRequestHeaders().getFirst("If-Modified-Since");
      requests.add(new Request(path, ifNoneMatch, ifModifiedSince));
      Resource resource = resources.get(path);
      if (resource == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      if (resource.location() != null) {
        exchange.getResponseHeaders().add("Location", resource.location());
      }
      if (resource.status() != 200) {
        exchange.sendResponseHeaders(resource.status(), -1);
        return;
      }
      if (resource.etag() != null) {
        exchange.getResponseHeaders().add("ETag", resource.etag());
      }
      if (resource.lastModified() != null) {
        exchange.getResponseHeaders().add("Last-Modified", resource.lastModified());
      }
      boolean notModified =
          resource.etag() != null
              ? resource.etag().equals(ifNoneMatch)
              : resource.lastModified() != null && resource.lastModified().equals(ifModifiedSince);
      if (notModified) {
        exchange.sendResponseHeaders(304, -1);
        return;
      }
      exchange.sendResponseHeaders(200, resource.body().length);
      try (OutputStream out = exchange.getResponseBody()) {
        int first = resource.stallMs() > 0 ? Math.min(1024, resource.body().length) : 0;
        if (first > 0) {
          out.write(resource.body(), 0, first);
          out.flush();
          Thread.sleep(resource.stallMs());
        }
        out.write(resource.body(), first, resource.body().length - first);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException e) {
        // The client hung up (size limit, timeout): expected in those tests.
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
