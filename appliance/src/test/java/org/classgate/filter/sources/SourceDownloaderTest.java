package org.classgate.filter.sources;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.classgate.filter.sources.FetchResult.Status;
import org.classgate.testing.BlocklistData;
import org.classgate.testing.ListServer;
import org.classgate.testing.ListServer.Resource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from a real HTTP server on loopback serving the real UT1 lists. */
class SourceDownloaderTest {
  private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");

  @TempDir Path dir;

  private ListServer server;
  private byte[] gambling;
  private byte[] dating;

  @BeforeEach
  void start() throws Exception {
    server = ListServer.start();
    Path ut1 = BlocklistData.require().resolve("ut1");
    gambling = Files.readAllBytes(ut1.resolve("gambling/domains"));
    dating = Files.readAllBytes(ut1.resolve("dating/domains"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private SourceDownloader downloader(long maxBytes, Duration readTimeout, int redirects) {
    return new SourceDownloader(
        new DownloadCache(dir.resolve("sources")),
        new DownloadSettings(maxBytes, Duration.ofSeconds(2), readTimeout, redirects),
        Clock.fixed(T0, ZoneOffset.UTC),
        System::nanoTime);
  }

  private SourceDownloader downloader() {
    return downloader(64 << 20, Duration.ofSeconds(5), 3);
  }

  private static byte[] content(FetchResult result) throws Exception {
    return Files.readAllBytes(result.copy().file());
  }

  @Test
  void aDownloadIsKeptAndAskedForAgainConditionally() throws Exception {
    server.put("/gambling", Resource.of(gambling, "\"v1\""));
    Download download = Download.of(server.uri("/gambling"));
    FetchResult first = downloader().fetch(download);
    assertEquals(Status.DOWNLOADED, first.status(), first.detail());
    assertArrayEquals(gambling, content(first));
    assertEquals(T0, first.copy().fetched());
    assertTrue(first.detail().contains(sha256(gambling)), first.detail());

    FetchResult second = downloader().fetch(download);
    assertEquals(Status.NOT_MODIFIED, second.status(), second.detail());
    assertArrayEquals(gambling, content(second));
    assertEquals("\"v1\"", server.requests().get(1).ifNoneMatch());
    assertNull(server.requests().get(0).ifNoneMatch());

    server.put("/gambling", Resource.of(dating, "\"v2\""));
    FetchResult third = downloader().fetch(download);
    assertEquals(Status.DOWNLOADED, third.status(), third.detail());
    assertArrayEquals(dating, content(third));
  }

  @Test
  void lastModifiedIsSentBackAsIfModifiedSince() throws Exception {
    String date = "Sun, 22 Nov 2026 10:00:00 GMT";
    server.put("/dating", new Resource(dating, null, date, 200, null, 0));
    Download download = Download.of(server.uri("/dating"));
    assertEquals(Status.DOWNLOADED, downloader().fetch(download).status());
    FetchResult again = downloader().fetch(download);
    assertEquals(Status.NOT_MODIFIED, again.status(), again.detail());
    assertEquals(date, server.requests().get(1).ifModifiedSince());
  }

  @Test
  void aBodyOverTheSizeLimitIsDiscardedAndThePreviousCopyKept() throws Exception {
    byte[] small = "casino.example\n".getBytes(StandardCharsets.US_ASCII);
    server.put("/list", Resource.of(small, "\"small\""));
    Download download = Download.of(server.uri("/list"));
    SourceDownloader limited = downloader(10_000, Duration.ofSeconds(5), 3);
    assertEquals(Status.DOWNLOADED, limited.fetch(download).status());

    server.put("/list", Resource.of(gambling, "\"big\""));
    FetchResult result = limited.fetch(download);
    assertEquals(Status.FAILED, result.status());
    assertTrue(result.detail().contains("limit of 10000 bytes"), result.detail());
    assertArrayEquals(small, content(result));
    assertArrayEquals(small, Files.readAllBytes(limited.cached(download).get().file()));
    try (var files = Files.list(dir.resolve("sources"))) {
      assertTrue(files.noneMatch(f -> f.toString().endsWith(".partial")), "no scratch left");
    }
  }

  @Test
  void aWrongSha256IsDiscardedAndTheRightOneKept() throws Exception {
    server.put("/gambling", Resource.of(gambling, "\"v1\""));
    URI uri = server.uri("/gambling");
    FetchResult wrong = downloader().fetch(new Download(uri, sha256(dating), null, null));
    assertEquals(Status.FAILED, wrong.status());
    assertTrue(wrong.detail().contains("not the pinned " + sha256(dating)), wrong.detail());
    assertNull(wrong.copy(), "nothing kept");

    FetchResult right = downloader().fetch(new Download(uri, sha256(gambling), null, null));
    assertEquals(Status.DOWNLOADED, right.status(), right.detail());
    assertArrayEquals(gambling, content(right));
  }

  @Test
  void onlyAGoodEd25519SignatureLetsACopyIn() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
    KeyPair publisher = generator.generateKeyPair();
    KeyPair stranger = generator.generateKeyPair();
    byte[] spki = publisher.getPublic().getEncoded();
    String rawKey = Base64.getEncoder().encodeToString(Arrays.copyOfRange(spki, 12, 44));
    String spkiKey = Base64.getEncoder().encodeToString(spki);

    server.put("/gambling", Resource.of(gambling, "\"v1\""));
    server.put("/gambling.sig", Resource.of(sign(stranger, gambling), null));
    URI uri = server.uri("/gambling");
    Download signed =
        new Download(uri, null, Ed25519Signatures.parseKey(rawKey), server.uri("/gambling.sig"));
    FetchResult bad = downloader().fetch(signed);
    assertEquals(Status.FAILED, bad.status());
    assertTrue(bad.detail().contains("does not verify"), bad.detail());
    assertNull(bad.copy());

    String base64Signature = Base64.getEncoder().encodeToString(sign(publisher, gambling));
    server.put(
        "/gambling.sig", Resource.of(base64Signature.getBytes(StandardCharsets.US_ASCII), null));
    FetchResult good = downloader().fetch(signed);
    assertEquals(Status.DOWNLOADED, good.status(), good.detail());

    server.put("/gambling", Resource.of(dating, "\"v2\""));
    Download spkiSigned =
        new Download(uri, null, Ed25519Signatures.parseKey(spkiKey), server.uri("/gambling.sig"));
    FetchResult stale = downloader().fetch(spkiSigned);
    assertEquals(Status.FAILED, stale.status(), "the old signature does not cover the new list");
    assertArrayEquals(gambling, content(stale), "the verified copy is kept");

    server.put("/gambling.sig", Resource.of(sign(publisher, dating), null));
    assertEquals(Status.DOWNLOADED, downloader().fetch(spkiSigned).status());
    assertThrows(IllegalArgumentException.class, () -> Ed25519Signatures.parseKey("AAAA"));
    assertThrows(IllegalArgumentException.class, () -> Ed25519Signatures.parseKey("not base64!"));
  }

  @Test
  void aServerThatIsDownLeavesThePreviousCopyInUse() throws Exception {
    server.put("/gambling", Resource.of(gambling, "\"v1\""));
    Download download = Download.of(server.uri("/gambling"));
    assertEquals(Status.DOWNLOADED, downloader().fetch(download).status());
    server.close();
    FetchResult down = downloader().fetch(download);
    assertEquals(Status.FAILED, down.status());
    assertTrue(down.detail().contains(download.toString()), down.detail());
    assertArrayEquals(gambling, content(down));
  }

  @Test
  void redirectsAreFollowedUpToTheLimit() throws Exception {
    server.put("/a", Resource.redirect("/b"));
    server.put("/b", Resource.redirect(server.uri("/gambling").toString()));
    server.put("/gambling", Resource.of(gambling, null));
    FetchResult followed =
        downloader(64 << 20, Duration.ofSeconds(5), 2).fetch(Download.of(server.uri("/a")));
    assertEquals(Status.DOWNLOADED, followed.status(), followed.detail());
    assertArrayEquals(gambling, content(followed));

    FetchResult tooMany =
        downloader(64 << 20, Duration.ofSeconds(5), 1).fetch(Download.of(server.uri("/a")));
    assertEquals(Status.FAILED, tooMany.status());
    assertTrue(tooMany.detail().contains("more than 1 redirects"), tooMany.detail());

    server.put("/missing", Resource.status(404));
    FetchResult missing = downloader().fetch(Download.of(server.uri("/missing")));
    assertTrue(missing.detail().contains("HTTP 404"), missing.detail());
  }

  @Test
  void aStalledBodyTimesOut() throws Exception {
    server.put("/slow", new Resource(gambling, null, null, 200, null, 10_000));
    long started = System.nanoTime();
    FetchResult stalled =
        downloader(64 << 20, Duration.ofMillis(300), 3).fetch(Download.of(server.uri("/slow")));
    long tookMs = (System.nanoTime() - started) / 1_000_000;
    assertEquals(Status.FAILED, stalled.status());
    assertTrue(stalled.detail().contains("no data"), stalled.detail());
    assertTrue(tookMs < 5_000, "gave up after the read timeout, not the stall: " + tookMs);
  }

  private static byte[] sign(KeyPair pair, byte[] content) throws Exception {
    Signature signer = Signature.getInstance("Ed25519");
    signer.initSign(pair.getPrivate());
    signer.update(content);
    return signer.sign();
  }

  private static String sha256(byte[] content) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
  }
}
