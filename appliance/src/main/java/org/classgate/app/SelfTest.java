package org.classgate.app;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.classgate.app.config.ApplianceConfig;
import org.classgate.app.config.ConfigException;
import org.classgate.app.config.LinuxHostFacts;
import org.classgate.dns.wire.Flags;
import org.classgate.dns.wire.Message;
import org.classgate.dns.wire.Name;
import org.classgate.dns.wire.Question;
import org.classgate.dns.wire.RecordType;
import org.classgate.dns.wire.ResourceRecord;
import org.classgate.dns.wire.WireFormatException;
import org.classgate.store.StoreException;

/**
 * {@code classgate selftest}: starts a private appliance (temporary data directory, a free loopback
 * port, the built-in demonstration list), checks that a listed name is blocked over UDP and TCP,
 * and stops it. It proves an installation can start and filter, and its run is the training run
 * from which the launcher builds its class-data-sharing archive (faster starts).
 */
final class SelfTest {
  private static final String BLOCKED = "www.demo-blocked.classgate.test";
  private static final int TIMEOUT_MILLIS = 5000;

  private SelfTest() {}

  /** Returns a one-line result; throws with the reason if the appliance did not filter. */
  static String run() throws IOException, StoreException, ConfigException, WireFormatException {
    Path data = Files.createTempDirectory("classgate-selftest");
    try {
      ApplianceConfig config =
          ApplianceConfig.from(
              Map.of(
                  "data.dir", data.toString(),
                  "dns.listen", "127.0.0.1:0",
                  // Never contacted: the self-test only asks for a blocked name.
                  "dns.upstream", "127.0.0.1:9",
                  "dns.allowed-clients", "127.0.0.0/8",
                  "lists.demo", "builtin:demo"),
              new LinuxHostFacts(data.resolve("no-resolv.conf")));
      try (Appliance appliance = Appliance.start(config, Clock.systemUTC(), System::nanoTime)) {
        InetSocketAddress server = appliance.dnsAddresses().get(0);
        byte[] query = query();
        expectBlocked(udp(server, query), "UDP");
        expectBlocked(tcp(server, query), "TCP");
        return "selftest passed: " + BLOCKED + " blocked over UDP and TCP on " + server;
      }
    } finally {
      deleteTree(data);
    }
  }

  private static byte[] query() throws WireFormatException {
    Question question = new Question(Name.of(BLOCKED), RecordType.A, RecordType.CLASS_IN);
    return new Message(0x5e1f, Flags.RD, question, List.of(), List.of(), List.of(), null).toWire();
  }

  private static void expectBlocked(byte[] reply, String transport) throws WireFormatException {
    Message message = Message.parse(reply);
    List<ResourceRecord> answers = message.answers();
    boolean blocked =
        message.id() == 0x5e1f
            && answers.size() == 1
            && Arrays.equals(answers.get(0).rdata(), new byte[] {0, 0, 0, 0});
    if (!blocked) {
      throw new IllegalStateException(
          "selftest failed over " + transport + ": expected the block answer, got " + message);
    }
  }

  private static byte[] udp(InetSocketAddress server, byte[] query) throws IOException {
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.setSoTimeout(TIMEOUT_MILLIS);
      socket.send(new DatagramPacket(query, query.length, server));
      DatagramPacket reply = new DatagramPacket(new byte[1232], 1232);
      socket.receive(reply);
      return Arrays.copyOf(reply.getData(), reply.getLength());
    }
  }

  private static byte[] tcp(InetSocketAddress server, byte[] query) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(server, TIMEOUT_MILLIS);
      socket.setSoTimeout(TIMEOUT_MILLIS);
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      out.writeShort(query.length);
      out.write(query);
      out.flush();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      byte[] reply = new byte[in.readUnsignedShort()];
      in.readFully(reply);
      return reply;
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
