package org.classgate.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ListLineParserTest {
  /**
   * Everything one line produced: names as "name", skips as "!REASON". An ASCII line goes through
   * both entry points, which must agree.
   */
  private static List<String> parse(String line) {
    RecordingSink chars = new RecordingSink();
    new ListLineParser().parse(line.toCharArray(), line.length(), chars);
    if (StandardCharsets.US_ASCII.newEncoder().canEncode(line)) {
      RecordingSink bytes = new RecordingSink();
      byte[] ascii = ("  " + line).getBytes(StandardCharsets.US_ASCII);
      new ListLineParser().parseAscii(ascii, 2, ascii.length, bytes);
      assertEquals(chars.results, bytes.results, "parseAscii of " + line);
    }
    return chars.results;
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
  void adblockDomainRulesBlockTheDomainAndExceptionsAreReportedApart() {
    assertEquals(List.of("example.com"), parse("||Example.COM^"));
    assertEquals(List.of("example.com"), parse("||example.com^|"));
    assertEquals(List.of("example.com"), parse("||example.com"));
    assertEquals(List.of("example.com"), parse("  ||example.com^  "));
    assertEquals(List.of("example.com"), parse("||example.com^$important"));
    assertEquals(List.of("example.com"), parse("||example.com^$Important,all"));
    assertEquals(List.of("example.com"), parse("||example.com^$doc,document"));
    assertEquals(List.of("xn--bcher-kva.example"), parse("||b\u00fccher.example^"));
    assertEquals(List.of("@@good.example"), parse("@@||good.example^"));
    assertEquals(List.of("@@good.example"), parse("@@||good.example^$important"));
  }

  @Test
  void adblockRulesDnsCannotHonourAreSkippedWithTheirReason() {
    assertEquals(List.of("!ADBLOCK_OPTION"), parse("||example.com^$third-party"));
    assertEquals(List.of("!ADBLOCK_OPTION"), parse("||example.com^$important,script"));
    assertEquals(List.of("!ADBLOCK_OPTION"), parse("||example.com^$domain=a.example"));
    assertEquals(List.of("!ADBLOCK_OPTION"), parse("||example.com^$"));
    assertEquals(List.of("!ADBLOCK_OPTION"), parse("@@||example.com^$client=10.0.0.1"));
    assertEquals(List.of("!ADBLOCK_PATTERN"), parse("||example.com/ads"));
    assertEquals(List.of("!ADBLOCK_PATTERN"), parse("||example.com^/ads"));
    assertEquals(List.of("!ADBLOCK_PATTERN"), parse("||ads.*^"));
    assertEquals(List.of("!ADBLOCK_PATTERN"), parse("||*.example.com^"));
    assertEquals(List.of("!ADBLOCK_PATTERN"), parse("|http://example.com^"));
    assertEquals(List.of("!ADBLOCK_PATTERN"), parse("/banner[0-9]+/"));
    assertEquals(List.of("!ADBLOCK_PATTERN"), parse("@@/path"));
    assertEquals(List.of("!ADBLOCK_PATTERN"), parse("||"));
    assertEquals(List.of("!ADBLOCK_PATTERN"), parse("@@"));
    assertEquals(List.of("!ADDRESS"), parse("||192.0.2.1^"));
    assertEquals(List.of("!LOCALHOST"), parse("@@||localhost^"));
  }

  @Test
  void elementHidingRulesNeverBlockTheirDomain() {
    assertEquals(List.of("!ADBLOCK_PATTERN"), parse("example.com##.banner"));
    assertEquals(List.of("!ADBLOCK_PATTERN"), parse("example.com#@#.banner"));
    assertEquals(List.of("!ADBLOCK_PATTERN"), parse("example.com#?#div:has(a)"));
    assertEquals(List.of("!ADBLOCK_PATTERN"), parse("*.example.com#$#body { x }"));
    assertEquals(List.of(), parse("##.generic-banner"));
    // A '#' after a space, or followed by anything else, is still a comment.
    assertEquals(List.of("x.example"), parse("x.example ## comment"));
    assertEquals(List.of("x.example"), parse("x.example#comment"));
  }

  @Test
  void adblockCommentsAndHeadersAreNotSkips() {
    assertEquals(List.of(), parse("! Title: a list"));
    assertEquals(List.of(), parse("[Adblock Plus 2.0]"));
    assertEquals(List.of(), parse("  !comment"));
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

  @Test
  void simpleLineTakesOnlyANameThatEndsTheLine() {
    ListLineParser parser = new ListLineParser();
    byte[] buffer = "Ads.Example.COM\r\n.lead.example\nnext".getBytes(StandardCharsets.US_ASCII);
    int labels = parser.simpleLine(buffer, 0, buffer.length);
    assertEquals(3, labels);
    assertEquals(15, parser.lineEnd());
    assertEquals("ads.example.com", RecordingSink.text(parser.wire(), parser.wireLength(), labels));
    assertEquals(2, parser.simpleLine(buffer, 17, buffer.length));
    assertEquals(30, parser.lineEnd());
    assertEquals("lead.example", RecordingSink.text(parser.wire(), parser.wireLength(), 2));
    assertEquals(ListLineParser.NOT_SIMPLE, parser.simpleLine(buffer, 31, buffer.length), "no end");
    byte[] hosts =
        "0.0.0.0 \tads.example\n127.0.0.1 .T.example\r".getBytes(StandardCharsets.US_ASCII);
    assertEquals(2, parser.simpleLine(hosts, 0, hosts.length));
    assertEquals("ads.example", RecordingSink.text(parser.wire(), parser.wireLength(), 2));
    assertEquals(2, parser.simpleLine(hosts, parser.lineEnd() + 1, hosts.length));
    assertEquals("t.example", RecordingSink.text(parser.wire(), parser.wireLength(), 2));
    assertEquals(hosts.length - 1, parser.lineEnd());
    for (String other :
        List.of(
            "",
            " indented.example",
            "commented.example # x",
            "trailing.example.",
            "*.wild.example",
            "0.0.0.0 hosts.example two.example",
            "0.0.0.0 localhost",
            "0.0.0.0 0.0.0.0",
            "0.0.0.0 ",
            "0.0.0.0",
            "0.0.0.00 x.example",
            "10.0.0.1 x.example",
            "192.0.2.1",
            "localhost",
            "a..example",
            "a.example:80",
            "b\u00fccher.example")) {
      byte[] line = (other + "\n").getBytes(StandardCharsets.UTF_8);
      assertEquals(ListLineParser.NOT_SIMPLE, parser.simpleLine(line, 0, line.length), other);
    }
  }

  /** Random ASCII lines built from the pieces that steer the parser's decisions. */
  @Test
  void asciiPathsAgreeWithTheCharacterPathOnRandomLines() {
    String[] pieces = {
      "a",
      "Z",
      "q",
      "0",
      "7",
      "-",
      "_",
      ".",
      ".",
      "*",
      "*.",
      " ",
      "\t",
      "\u000b",
      "#",
      ":",
      "::",
      "%",
      "!",
      "/",
      "||",
      "@@",
      "^",
      "|",
      "$",
      "$important",
      "$third-party",
      ",",
      "##",
      "#@#",
      "[",
      "]",
      "\u0000",
      "\u007f",
      "ip6-",
      "localhost",
      "local",
      "broadcasthost",
      "0.0.0.0 ",
      "127.0.0.1\t",
      "255",
      "256",
      "fe80::1%eth0 ",
      "x".repeat(63),
      "y".repeat(64),
      "z".repeat(120)
    };
    Random random = new Random(7);
    ListLineParser chars = new ListLineParser();
    ListLineParser bytes = new ListLineParser();
    int simple = 0;
    for (int round = 0; round < 200_000; round++) {
      StringBuilder text = new StringBuilder();
      int count = random.nextInt(14);
      for (int i = 0; i < count; i++) {
        text.append(pieces[random.nextInt(pieces.length)]);
      }
      String line =
          text.length() > ListLineParser.MAX_LINE_CHARS
              ? text.substring(0, ListLineParser.MAX_LINE_CHARS)
              : text.toString();
      RecordingSink expected = new RecordingSink();
      chars.parse(line.toCharArray(), line.length(), expected);
      byte[] ascii = line.getBytes(StandardCharsets.US_ASCII);
      RecordingSink actual = new RecordingSink();
      bytes.parseAscii(ascii, 0, ascii.length, actual);
      assertEquals(expected.results, actual.results, line);
      byte[] terminated = (line + "\n").getBytes(StandardCharsets.US_ASCII);
      int labels = bytes.simpleLine(terminated, 0, terminated.length);
      if (labels > 0) {
        simple++;
        assertEquals(line.length(), bytes.lineEnd(), line);
        assertEquals(
            expected.results,
            List.of(RecordingSink.text(bytes.wire(), bytes.wireLength(), labels)),
            line);
      } else {
        assertEquals(ListLineParser.NOT_SIMPLE, labels, line);
      }
    }
    // About 1.8% of these lines are simple (the Adblock pieces made simple lines rarer).
    assertTrue(simple > 2_500, "the fast path was exercised: " + simple);
  }
}
