package org.classgate.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListLineParserTest {
  /** Everything one line produced: names as "name", skips as "!REASON". */
  private static List<String> parse(String line) {
    List<String> out = new ArrayList<>();
    new ListLineParser()
        .parse(
            line.toCharArray(),
            line.length(),
            new ListLineParser.Sink() {
              @Override
              public void domain(char[] name, int length) {
                out.add(new String(name, 0, length));
              }

              @Override
              public void skipped(SkipReason reason) {
                out.add("!" + reason);
              }
            });
    return out;
  }

  @Test
  void plainNamesAreNormalised() {
    assertEquals(List.of("example.com"), parse("example.com"));
    assertEquals(List.of("www.example.com"), parse("WWW.Example.COM."));
    assertEquals(List.of("afshin.ir"), parse(".afshin.ir"));
    assertEquals(List.of("ads.example"), parse("*.ads.example"));
    assertEquals(List.of("ages_of_myst.tripod.com"), parse("ages_of_myst.tripod.com"));
    assertEquals(List.of("x.example"), parse("  \tx.example \t "));
  }

  @Test
  void internationalNamesBecomePunycode() {
    assertEquals(List.of("xn--bcher-kva.example"), parse("B\u00fccher.example"));
    assertEquals(List.of("xn--fiqs8s.example"), parse("\u4e2d\u56fd.example"));
    assertEquals(List.of("full.example"), parse("\uff26\uff55\uff4c\uff4c\u3002example"));
    assertEquals(List.of("!INVALID_NAME"), parse("bad\ufffd.example"));
  }

  @Test
  void commentsAndBlankLinesProduceNothing() {
    assertEquals(List.of(), parse(""));
    assertEquals(List.of(), parse("   "));
    assertEquals(List.of(), parse("# example.com"));
    assertEquals(List.of(), parse("   # indented comment"));
    assertEquals(List.of("x.example"), parse("x.example# no space before the comment"));
  }

  @Test
  void hostsLinesListEveryNameAfterTheAddress() {
    assertEquals(List.of("a.example", "b.example"), parse("0.0.0.0 a.example B.example # c"));
    assertEquals(List.of("a.example"), parse("127.0.0.1\ta.example"));
    assertEquals(List.of("a.example"), parse("::1 a.example"));
    assertEquals(List.of("a.example"), parse("fe80::1%eth0 a.example"));
    assertEquals(
        List.of("!LOCALHOST", "!LOCALHOST", "!LOCALHOST"),
        parse("::1 localhost ip6-localhost ip6-loopback"));
    assertEquals(List.of("!LOCALHOST"), parse("255.255.255.255 broadcasthost"));
    assertEquals(List.of("!ADDRESS"), parse("0.0.0.0 0.0.0.0"));
    assertEquals(List.of("ip6-foo.example"), parse("0.0.0.0 ip6-foo.example"));
  }

  @Test
  void addressesAreSkippedAsAddresses() {
    assertEquals(List.of("!ADDRESS"), parse("192.0.2.7"));
    assertEquals(List.of("!ADDRESS"), parse("2001:DB8::7"));
    assertEquals(List.of("!ADDRESS"), parse("::ffff:192.0.2.1"));
    assertEquals(List.of("!INVALID_NAME"), parse("192.0.2.256"), "not an address, not a name");
    assertEquals(List.of("!INVALID_NAME"), parse("1.2.3"));
    assertEquals(List.of("1.2.3.example"), parse("1.2.3.example"));
  }

  @Test
  void invalidNamesAreSkipped() {
    for (String bad :
        List.of(
            "a..example",
            "..a.example",
            "*.",
            "*",
            ".",
            "a.*.example",
            "<script>x</script>.example",
            "nul\u0000.example",
            "bell\u0007.example",
            "http://a.example/",
            "a.example:80",
            "||a.example^",
            "x".repeat(64) + ".example",
            String.join(".", "a".repeat(63), "b".repeat(63), "c".repeat(63), "d".repeat(62)))) {
      assertEquals(List.of("!INVALID_NAME"), parse(bad), bad);
    }
    String longest =
        String.join(".", "a".repeat(63), "b".repeat(63), "c".repeat(63), "d".repeat(61));
    assertEquals(List.of(longest), parse(longest));
  }

  @Test
  void severalFieldsWithoutAnAddressAreMalformed() {
    assertEquals(List.of("!MALFORMED_LINE"), parse("a.example b.example"));
    assertEquals(List.of("!MALFORMED_LINE"), parse("address=/a.example/ 0.0.0.0"));
  }
}
