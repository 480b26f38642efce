package org.classgate.filter;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.classgate.dns.wire.Name;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loader's byte-level fast path must change nothing: random list files of every kind of line
 * the loader knows (names in any case, leading and trailing dots, wildcards, addresses, hosts
 * lines, comments, local names, over-long labels and names, internationalised names, broken UTF-8,
 * CR LF, over-long lines) load to the same report and the same set as the character pipeline gives
 * them: {@link InputStreamReader}, lines split at LF, CR LF or CR, then {@link
 * ListLineParser#parse}.
 */
class ListLoaderEquivalenceTest {
  private static final int MASK = 1 << 3;

  private static final String[] NAMES = {
    "example.com",
    "WWW.Example.ORG",
    "b0766875-58714c2a.fr",
    "under_score.example",
    "hyphen-.example",
    "-lead.example",
    "a.b.c.d.e.f.example",
    "xn--bcher-kva.example",
    "123.example",
    "example.123",
    "1.2.3",
    "192.0.2.1",
    "192.0.2.256",
    "10.0.0",
    "0.0.0.0",
    "::1",
    "2001:db8::7",
    "fe80::1%eth0",
    "localhost",
    "LOCALHOST.localdomain",
    "localhost6.localdomain6",
    "broadcasthost",
    "local",
    "ip6-allnodes",
    "ip6-" + "x".repeat(19),
    "ip6-" + "x".repeat(20),
    "ip6-foo.example",
    "localhost.example",
    "l",
    "b",
    "i",
    "x".repeat(63) + ".example",
    "x".repeat(64) + ".example",
    String.join(".", "a".repeat(63), "b".repeat(63), "c".repeat(63), "d".repeat(61)),
    String.join(".", "a".repeat(63), "b".repeat(63), "c".repeat(63), "d".repeat(62)),
    "d".repeat(300),
    "a..example",
    "..",
    ".",
    "*",
    "*.",
    "*.*.example",
    "bad!char.example",
    "http://a.example/",
    "a.example:80",
    "||a.example^",
    "b\u00fccher.example",
    "\u4e2d\u56fd.example",
    "\uff26\uff55\uff4c\uff4c\u3002example",
    "bad\ufffd.example",
    "nul\u0000.example",
  };

  private static final String[] SPACES = {"", " ", "\t", "  \t", "\f", "\u000b"};

  @Test
  void randomListsLoadAsTheCharacterPipelineReadsThem(@TempDir Path dir) throws Exception {
    Random random = new Random(61);
    for (int round = 0; round < 300; round++) {
      byte[] file = randomList(random, 1 + random.nextInt(80));
      Path path = Files.write(dir.resolve("list" + round + ".txt"), file);

      DomainSet.Builder builder = new DomainSet.Builder();
      ListReport report = new ListLoader().load(path, MASK, builder);
      DomainSet set = builder.build();

      Map<SkipReason, Long> skips = new EnumMap<>(SkipReason.class);
      List<String> names = referenceNames(file, skips);
      DomainSet.Builder expected = new DomainSet.Builder();
      names.forEach(name -> expected.add(name, MASK));
      DomainSet expectedSet = expected.build();

      String context = "round " + round + ":\n" + new String(file, UTF_8);
      assertEquals(names.size(), report.entries(), context);
      for (SkipReason reason : SkipReason.values()) {
        assertEquals(skips.getOrDefault(reason, 0L), report.skipped(reason), reason + context);
      }
      assertEquals(expectedSet.size(), set.size(), context);
      assertEquals(expectedSet.heapBytes(), set.heapBytes(), context);
      for (String name : names) {
        assertEquals(MASK, set.match(Name.of(name)), name + " in " + context);
      }
    }
  }

  private static byte[] randomList(Random random, int lines) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (random.nextInt(10) == 0) {
      out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    }
    String[] ends = {"\n", "\r\n", "\r"};
    for (int i = 0; i < lines; i++) {
      out.writeBytes(randomLine(random).getBytes(UTF_8));
      if (random.nextInt(30) == 0) {
        out.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28}); // broken UTF-8 in a line
      }
      if (i < lines - 1 || random.nextBoolean()) {
        out.writeBytes(ends[random.nextInt(ends.length)].getBytes(UTF_8));
      }
    }
    return out.toByteArray();
  }

  private static String randomLine(Random random) {
    StringBuilder line = new StringBuilder(space(random));
    switch (random.nextInt(10)) {
      case 0 -> line.append("# a comment ").append(name(random));
      case 1 -> {
        // a hosts line, perhaps with several names
        line.append(random.nextBoolean() ? "0.0.0.0" : NAMES[random.nextInt(NAMES.length)]);
        int names = 1 + random.nextInt(3);
        for (int i = 0; i < names; i++) {
          line.append(random.nextBoolean() ? " " : "\t").append(space(random)).append(name(random));
        }
      }
      case 2 -> line.append("x".repeat(1000 + random.nextInt(50))); // around the line limit
      case 3 -> line.append(name(random)).append(" ").append(name(random)); // malformed
      default -> line.append(name(random));
    }
    line.append(space(random));
    if (random.nextInt(6) == 0) {
      line.append(random.nextBoolean() ? "#c" : " # " + name(random));
    }
    return line.toString();
  }

  /** A name, perhaps with a leading '.' or '*.' and a trailing dot, in mixed case. */
  private static String name(Random random) {
    String name = NAMES[random.nextInt(NAMES.length)];
    if (random.nextInt(4) == 0) {
      name = random.nextBoolean() ? "." + name : "*." + name;
    }
    if (random.nextInt(4) == 0) {
      name = name + ".";
    }
    if (random.nextInt(3) == 0) {
      name = name.toUpperCase(java.util.Locale.ROOT);
    }
    return name;
  }

  private static String space(Random random) {
    return random.nextInt(3) == 0 ? SPACES[random.nextInt(SPACES.length)] : "";
  }

  /** The names and skips of the character pipeline the byte path replaced. */
  private static List<String> referenceNames(byte[] file, Map<SkipReason, Long> skips)
      throws Exception {
    StringWriter text = new StringWriter();
    new InputStreamReader(new ByteArrayInputStream(file), UTF_8).transferTo(text);
    String all = text.toString();
    if (all.startsWith("\uFEFF")) {
      all = all.substring(1);
    }
    List<String> lines = new ArrayList<>(List.of(all.split("\r\n|\r|\n", -1)));
    if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1); // a final line end starts no line
    }
    RecordingSink sink = new RecordingSink();
    ListLineParser parser = new ListLineParser();
    for (String line : lines) {
      if (line.length() > ListLineParser.MAX_LINE_CHARS) {
        sink.skipped(SkipReason.TOO_LONG_LINE);
      } else {
        parser.parse(line.toCharArray(), line.length(), sink);
      }
    }
    List<String> names = new ArrayList<>();
    for (String result : sink.results) {
      if (result.startsWith("!")) {
        skips.merge(SkipReason.valueOf(result.substring(1)), 1L, Long::sum);
      } else {
        names.add(result);
      }
    }
    return names;
  }
}
