package org.classgate.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * One HTTP/1.1 GET over a socket bound to a chosen source address (a loopback alias such as
 * 127.0.0.5 is a distinct client to the server) with any Host header, which Java's HttpClient can
 * do neither of. Plain or TLS. For tests; reads the whole answer ({@code Connection: close}).
 */
final class RawHttp {
  /** The answer: status, headers (names lower case, first value), body. */
  record Response(int status, Map<String, String> headers, String body) {}

  private RawHttp() {}

  private static Socket secure(Socket plain, int port, SSLContext tls) throws IOException {
    SSLSocket secure =
        (SSLSocket) tls.getSocketFactory().createSocket(plain, "127.0.0.1", port, true);
    secure.setEnabledProtocols(new String[] {"TLSv1.3"});
    secure.startHandshake();
    return secure;
  }

  static Response get(String from, int port, String path, String host, SSLContext tls)
      throws IOException {
    Socket plain = new Socket();
    plain.setSoTimeout(10_000);
    plain.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
    plain.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
    try (Socket socket = tls == null ? plain : secure(plain, port, tls)) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int end = raw.indexOf("\r\n\r\n");
      String[] lines = raw.substring(0, end).split("\r\n");
      int status = Integer.parseInt(lines[0].split(" ")[1]);
      Map<String, String> headers = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        headers.putIfAbsent(
            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim());
      }
      return new Response(status, headers, raw.substring(end + 4));
    }
  }
}
