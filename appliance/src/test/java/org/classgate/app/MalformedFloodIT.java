package org.classgate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.classgate.app.config.ApplianceConfig;
import org.classgate.app.config.LinuxHostFacts;
import org.classgate.dns.Outcome;
import org.classgate.testing.Dig;
import org.classgate.testing.DigResult;
import org.classgate.testing.FreePorts;
import org.classgate.testing.RawDnsClient;
import org.classgate.testing.UnboundUpstream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 10,000 hostile datagrams (random bytes, bit-flipped and cut-short real queries, lying counts,
 * compression loops) against the running appliance: every reply is a well-formed response header,
 * every datagram is accounted for, and afterwards the server still resolves and still blocks.
 */
class MalformedFloodIT {
  private static final int PACKETS = 10_000;
  private static final int BATCH = 50;

  @TempDir Path dir;

  @Test
  void tenThousandMalformedPacketsLeaveTheServerAnswering() throws Exception {
    assumeTrue(UnboundUpstream.isInstalled() && Dig.isInstalled(), "needs unbound and dig");
    try (UnboundUpstream upstream = UnboundUpstream.startDefault()) {
      Path list = dir.resolve("list.txt");
      Files.writeString(list, "blocked.example\n");
      int port = FreePorts.udpAndTcp();
      ApplianceConfig config =
          ApplianceConfig.from(
              Map.of(
                  "data.dir",
                  dir.resolve("data").toString(),
                  "dns.listen",
                  "127.0.0.1:" + port,
                  "dns.upstream",
                  upstream.address(),
                  "dns.upstream.timeout",
                  "200ms",
                  "dns.allowed-clients",
                  "127.0.0.0/8",
                  "dns.rate-limit",
                  "0",
                  "lists.test",
                  list.toString()),
              new LinuxHostFacts(dir.resolve("none")));
      try (Appliance appliance = Appliance.start(config, Clock.systemUTC(), System::nanoTime)) {
        int replies = flood(port, new SplittableRandom(20261122));

        long deadline = System.nanoTime() + 20_000_000_000L;
        while (total(appliance) < PACKETS && System.nanoTime() < deadline) {
          Thread.onSpinWait();
        }
        assertEquals(
            PACKETS,
            total(appliance),
            () -> "every datagram counted: " + appliance.counters().snapshot());
        assertTrue(replies > PACKETS / 2, "most hostile datagrams get an error reply: " + replies);
        assertTrue(
            appliance.counters().get(Outcome.FORMERR) > 0,
            appliance.counters().snapshot()::toString);

        DigResult allowed = Dig.at(port).query("after.allowed.test");
        assertEquals(
            List.of(UnboundUpstream.ALLOWED_ADDRESS), allowed.answerData("A"), allowed::raw);
        DigResult blocked = Dig.at(port).query("www.blocked.example");
        assertEquals(List.of("0.0.0.0"), blocked.answerData("A"), blocked::raw);
      }
    }
  }

  private static long total(Appliance appliance) {
    return appliance.counters().snapshot().values().stream().mapToLong(Long::longValue).sum();
  }

  /** Sends the packets in small batches, reading replies between them; returns the reply count. */
  private static int flood(int port, SplittableRandom random) throws Exception {
    InetAddress server = InetAddress.getLoopbackAddress();
    int replies = 0;
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.setSoTimeout(50);
      byte[] buffer = new byte[65_535];
      for (int sent = 0; sent < PACKETS; ) {
        for (int i = 0; i < BATCH && sent < PACKETS; i++, sent++) {
          byte[] packet = hostile(random, sent);
          socket.send(new DatagramPacket(packet, packet.length, server, port));
        }
        while (true) {
          DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
          try {
            socket.receive(reply);
          } catch (SocketTimeoutException e) {
            break;
          }
          replies++;
          assertTrue(reply.getLength() >= 12, "a reply is at least a header");
          assertTrue((buffer[2] & 0x80) != 0, "a reply has QR set");
        }
      }
    }
    return replies;
  }

  private static byte[] hostile(SplittableRandom random, int index) {
    byte[] valid = RawDnsClient.query(index & 0xFFFF, "host" + index + ".allowed.test", 1);
    switch (index % 5) {
      case 0: // random bytes of random length, including empty and shorter than a header
        byte[] noise = new byte[random.nextInt(0, 600)];
        random.nextBytes(noise);
        return noise;
      case 1: // a real query with a few bits flipped
        byte[] flipped = valid.clone();
        for (int i = 0; i < 1 + random.nextInt(4); i++) {
          int at = random.nextInt(flipped.length);
          flipped[at] ^= (byte) (1 << random.nextInt(8));
        }
        flipped[2] &= 0x7F; // keep QR clear so it is handled as a query, not dropped outright
        return flipped;
      case 2: // a real query cut short
        return Arrays.copyOf(valid, random.nextInt(1, valid.length));
      case 3: // a real header whose counts lie
        byte[] lying = valid.clone();
        lying[4 + 2 * random.nextInt(4)] = (byte) random.nextInt(1, 256);
        return lying;
      default: // a question whose name is a compression pointer to itself
        byte[] loop = Arrays.copyOf(valid, 12 + 2 + 4);
        loop[12] = (byte) 0xC0;
        loop[13] = 12;
        loop[15] = 1;
        loop[17] = 1;
        return loop;
    }
  }
}
