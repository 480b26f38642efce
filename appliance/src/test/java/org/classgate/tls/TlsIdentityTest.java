package org.classgate.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsIdentityTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final ExecutorService server = Executors.newSingleThreadExecutor();

  @TempDir Path dir;

  @AfterEach
  void stop() {
    server.shutdownNow();
  }

  @Test
  void madeOnceThenLoadedWithTheSameKeyOwnerOnly() throws Exception {
    Path file = dir.resolve("console-tls.p12");
    TlsIdentity made =
        TlsIdentity.loadOrCreate(file, List.of("classgate.local", "10.0.0.1"), RANDOM);
    TlsIdentity loaded = TlsIdentity.loadOrCreate(file, List.of("other.name"), RANDOM);

    assertEquals(made.pin(), loaded.pin());
    assertEquals(made.certificate(), loaded.certificate());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertTrue(
        made.certificate().getSubjectX500Principal().getName().contains("CN=classgate.local"));
    assertEquals(2, made.certificate().getSubjectAlternativeNames().size());
    made.certificate().checkValidity();
  }

  @Test
  void aFileOthersCanReadIsRefused() throws Exception {
    Path file = dir.resolve("console-tls.p12");
    TlsIdentity.loadOrCreate(file, List.of("box"), RANDOM);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    TlsException e =
        assertThrows(
            TlsException.class, () -> TlsIdentity.loadOrCreate(file, List.of("box"), RANDOM));
    assertTrue(e.getMessage().contains("rw-r--r--"), e.getMessage());
  }

  @Test
  void aDamagedFileIsRefusedWithItsName() throws Exception {
    Path file = dir.resolve("console-tls.p12");
    TlsIdentity.loadOrCreate(file, List.of("box"), RANDOM);
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));

    TlsException e =
        assertThrows(
            TlsException.class, () -> TlsIdentity.loadOrCreate(file, List.of("box"), RANDOM));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
  }

  @Test
  void pinsRoundTripAndRejectGarbage() throws Exception {
    CertificatePin pin = TlsIdentity.make(List.of("box"), RANDOM).pin();
    assertEquals(pin, CertificatePin.parse(pin.toString()));
    assertThrows(IllegalArgumentException.class, () -> CertificatePin.parse("md5/abc"));
    assertThrows(IllegalArgumentException.class, () -> CertificatePin.parse("sha256/!!"));
    assertThrows(IllegalArgumentException.class, () -> CertificatePin.parse("sha256/AAAA"));
  }

  @Test
  void aPinnedClientTalksTls13ToTheRightKeyOnly() throws Exception {
    TlsIdentity hub = TlsIdentity.make(List.of("hub"), RANDOM);
    TlsIdentity impostor = TlsIdentity.make(List.of("hub"), RANDOM);
    assertNotEquals(hub.pin(), impostor.pin());

    assertEquals("TLSv1.3", exchange(hub, PinnedTrust.clientContext(hub.pin())));
    assertThrows(
        SSLHandshakeException.class,
        () -> exchange(impostor, PinnedTrust.clientContext(hub.pin())));
  }

  /** One real handshake over loopback; returns the protocol agreed. */
  private String exchange(TlsIdentity identity, SSLContext client) throws Exception {
    try (SSLServerSocket listener =
        (SSLServerSocket)
            identity
                .serverContext()
                .getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      listener.setEnabledProtocols(new String[] {TlsIdentity.PROTOCOL});
      String protocol;
      Future<?> answered =
          server.submit(
              () -> {
                try (SSLSocket socket = (SSLSocket) listener.accept();
                    OutputStream out = socket.getOutputStream()) {
                  socket.setSoTimeout(5000);
                  out.write(socket.getInputStream().read());
                } catch (IOException e) {
                  // The refused handshake ends here; the client's side is what is asserted.
                }
                return null;
              });
      try (SSLSocket socket =
          (SSLSocket)
              client
                  .getSocketFactory()
                  .createSocket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
        socket.setSoTimeout(5000);
        socket.setSSLParameters(PinnedTrust.clientParameters());
        OutputStream out = socket.getOutputStream();
        out.write(42);
        out.flush();
        InputStream in = socket.getInputStream();
        assertEquals(42, in.read());
        protocol = socket.getSession().getProtocol();
      }
      // After the client closed: a TLS 1.3 close waits for the peer's close_notify.
      answered.get(5, TimeUnit.SECONDS);
      return protocol;
    }
  }
}
