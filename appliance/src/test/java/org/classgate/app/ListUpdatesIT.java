package org.classgate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.classgate.app.config.ApplianceConfig;
import org.classgate.app.config.LinuxHostFacts;
import org.classgate.testing.BlocklistData;
import org.classgate.testing.FreePorts;
import org.classgate.testing.ListServer;
import org.classgate.testing.ListServer.Resource;
import org.classgate.testing.RawDnsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * List updates on the running box, asked with real DNS: downloads from a real HTTP server serving
 * the real UT1 lists, local files changed under it, failures that keep the old sets, and swaps
 * under a stream of queries.
 */
class ListUpdatesIT {
  private static final int NXDOMAIN = 3;

  @TempDir Path dir;

  private ApplianceConfig config(int port, Map<String, String> extra) throws Exception {
    Map<String, String> raw = new HashMap<>();
    raw.put("data.dir", dir.resolve("data").toString());
    raw.put("dns.listen", "127.0.0.1:" + port);
    // Blocked names never reach the upstream: a closed port is enough for these tests.
    raw.put("dns.upstream", "127.0.0.1:" + FreePorts.udpAndTcp());
    raw.put("dns.upstream.timeout", "200ms");
    raw.put("dns.allowed-clients", "127.0.0.0/8");
    raw.put("dns.rate-limit", "0");
    raw.put("dns.block-mode", "nxdomain");
    raw.put("sources.update-interval", "1h"); // updates are run by the test
    raw.put("profile.pupil.block", String.join(",", extraLists(extra)));
    raw.putAll(extra);
    return ApplianceConfig.from(raw, new LinuxHostFacts(dir.resolve("none")));
  }

  private static List<String> extraLists(Map<String, String> extra) {
    return extra.keySet().stream()
        .filter(k -> k.startsWith("lists."))
        .map(k -> k.substring(6))
        .toList();
  }

  private static int rcode(int port, String name) {
    Optional<byte[]> answer =
        RawDnsClient.udp(
            port, RawDnsClient.query(name.hashCode() & 0xFFFF, name, 1), Duration.ofSeconds(2));
    return answer.map(RawDnsClient::rcode).orElse(-1);
  }

  @Test
  void downloadedListsAreUpdatedAndAFailedDownloadKeepsThemWithAProblemUntilItRecovers()
      throws Exception {
    Path ut1 = BlocklistData.require().resolve("ut1");
    byte[] gambling = Files.readAllBytes(ut1.resolve("gambling/domains"));
    String first = firstDomain(ut1.resolve("gambling/domains"));
    try (ListServer server = ListServer.start()) {
      server.put("/gambling", Resource.of(gambling, "\"v1\""));
      int port = FreePorts.udpAndTcp();
      ApplianceConfig config =
          config(port, Map.of("lists.gambling", server.uri("/gambling").toString()));
      try (Appliance box = Appliance.start(config, Clock.systemUTC(), System::nanoTime)) {
        assertEquals(NXDOMAIN, rcode(port, "www." + first));
        assertTrue(box.problems().isEmpty(), box.problems()::toString);

        assertEquals(ListUpdater.Result.UNCHANGED, box.updateLists(), "304: nothing to rebuild");
        server.put("/gambling", Resource.of(bytes("new-casino.example\n"), "\"v2\""));
        assertEquals(ListUpdater.Result.SWAPPED, box.updateLists());
        assertEquals(NXDOMAIN, rcode(port, "new-casino.example"));
        assertTrue(rcode(port, "www." + first) != NXDOMAIN, "the old list is gone");

        server.put("/gambling", Resource.status(500));
        assertEquals(ListUpdater.Result.UNCHANGED, box.updateLists());
        assertEquals(NXDOMAIN, rcode(port, "new-casino.example"), "the kept copy still filters");
        assertEquals(1, box.problems().size(), box.problems()::toString);
        assertTrue(box.problems().get(0).contains("HTTP 500"), box.problems()::toString);

        server.put("/gambling", Resource.of(bytes("new-casino.example\n"), "\"v2\""));
        assertEquals(ListUpdater.Result.UNCHANGED, box.updateLists());
        assertTrue(box.problems().isEmpty(), "the problem clears: " + box.problems());
      }
      // Offline restart: the box starts from its kept copy.
      server.close();
      try (Appliance box = Appliance.start(config, Clock.systemUTC(), System::nanoTime)) {
        assertEquals(NXDOMAIN, rcode(port, "new-casino.example"));
        assertTrue(box.problems().isEmpty(), "nothing fetched at start: " + box.problems());
      }
    }
  }

  @Test
  void aFirstStartWithoutTheListAnswersSaysSoAndPicksTheListUpLater() throws Exception {
    try (ListServer server = ListServer.start()) {
      server.put("/list", Resource.status(503));
      int port = FreePorts.udpAndTcp();
      Path local = dir.resolve("local.txt");
      Files.writeString(local, "local.example\n");
      Map<String, String> lists =
          Map.of("lists.remote", server.uri("/list").toString(), "lists.local", local.toString());
      try (Appliance box =
          Appliance.start(config(port, lists), Clock.systemUTC(), System::nanoTime)) {
        assertEquals(NXDOMAIN, rcode(port, "local.example"), "the box filters what it has");
        assertTrue(rcode(port, "remote.example") != NXDOMAIN);
        assertEquals(1, box.problems().size(), box.problems()::toString);
        assertTrue(box.problems().get(0).contains("has no copy yet"), box.problems()::toString);
        assertTrue(box.problems().get(0).contains("HTTP 503"), box.problems()::toString);

        server.put("/list", Resource.of(bytes("remote.example\n"), "\"r1\""));
        assertEquals(ListUpdater.Result.SWAPPED, box.updateLists());
        assertEquals(NXDOMAIN, rcode(port, "remote.example"));
        assertTrue(box.problems().isEmpty(), box.problems()::toString);
      }
    }
  }

  @Test
  void aLocalFileThatBreaksKeepsTheOldSetWholeAndSaysSo() throws Exception {
    int port = FreePorts.udpAndTcp();
    Path list = dir.resolve("list.txt");
    Files.writeString(list, "kept.example\n");
    try (Appliance box =
        Appliance.start(
            config(port, Map.of("lists.games", list.toString())),
            Clock.systemUTC(),
            System::nanoTime)) {
      assertEquals(ListUpdater.Result.UNCHANGED, box.updateLists());
      Files.delete(list);
      assertEquals(ListUpdater.Result.FAILED, box.updateLists());
      assertEquals(NXDOMAIN, rcode(port, "kept.example"), "the old set is kept whole");
      assertTrue(box.problems().get(0).contains("list update failed"), box.problems()::toString);
      assertTrue(box.problems().get(0).contains("still filtering"), box.problems()::toString);

      Files.writeString(list, "kept.example\nadded.example\n");
      assertEquals(ListUpdater.Result.SWAPPED, box.updateLists());
      assertEquals(NXDOMAIN, rcode(port, "added.example"));
      assertTrue(box.problems().isEmpty(), box.problems()::toString);
    }
  }

  /**
   * Names listed in every version of the list are blocked in every answer while the list is rebuilt
   * and swapped again and again: a query never sees a half-built set.
   */
  @Test
  void swapsUnderConcurrentQueriesNeverAnswerFromAHalfBuiltSet() throws Exception {
    int port = FreePorts.udpAndTcp();
    Path list = dir.resolve("big.txt");
    List<String> always = new ArrayList<>();
    StringBuilder common = new StringBuilder();
    for (int i = 0; i < 200_000; i++) {
      String name = "n" + i + ".always.example";
      common.append(name).append('\n');
      if (i % 997 == 0) {
        always.add(name);
      }
    }
    Files.writeString(list, common + "version0.example\n");
    try (Appliance box =
        Appliance.start(
            config(port, Map.of("lists.big", list.toString())),
            Clock.systemUTC(),
            System::nanoTime)) {
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger asked = new AtomicInteger();
      AtomicReference<String> leak = new AtomicReference<>();
      Thread asker =
          new Thread(
              () -> {
                for (int i = 0; !stop.get(); i++) {
                  String name = always.get(i % always.size());
                  int rcode = rcode(port, name);
                  asked.incrementAndGet();
                  if (rcode != NXDOMAIN) {
                    leak.compareAndSet(null, name + " answered with rcode " + rcode);
                  }
                }
              });
      asker.start();
      try {
        for (int version = 1; version <= 6; version++) {
          Files.writeString(list, common + "version" + version + ".example\n");
          Files.setLastModifiedTime(
              list, java.nio.file.attribute.FileTime.fromMillis(1_000_000L * version));
          assertEquals(ListUpdater.Result.SWAPPED, box.updateLists(), "version " + version);
          assertEquals(NXDOMAIN, rcode(port, "version" + version + ".example"));
        }
      } finally {
        stop.set(true);
        asker.join();
      }
      assertEquals(null, leak.get());
      assertTrue(asked.get() > 100, "queries were asked during the swaps: " + asked.get());
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static String firstDomain(Path file) throws Exception {
    for (String line : Files.readAllLines(file)) {
      String domain = line.strip();
      if (domain.matches("[a-z0-9-]+(\\.[a-z0-9-]+)*\\.[a-z]{2,}")) {
        return domain;
      }
    }
    throw new AssertionError("no domain in " + file);
  }
}
