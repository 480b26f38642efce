package org.classgate.dns.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Duration;
import java.util.List;

/**
 * Coverage-guided fuzzing of {@link Message#parse}: every packet a client or an upstream can send
 * must either parse or be rejected with {@link WireFormatException} — any other exception, or a
 * hang, is a finding — and whatever parses must survive a write and a second parse unchanged.
 *
 * <p>In a normal build Jazzer runs this in regression mode on the seed corpus in {@code
 * src/test/resources/org/classgate/dns/wire/MessageFuzzTestInputs/}: real dig queries and real
 * unbound responses (written by {@code scripts/fuzz/capture_dns_seeds.py}) plus every input a
 * fuzzing run has found to crash. {@code scripts/test --fuzz SECONDS} runs it with {@code
 * JAZZER_FUZZ=1}, where a finding is saved into that directory so it stays a regression test.
 */
class MessageFuzzTest {
  /** A parse of at most 64 KiB that takes longer than this is a hang, not a slow machine. */
  private static final Duration HANG = Duration.ofSeconds(10);

  @FuzzTest(maxDuration = "5m")
  void parseRejectsOrRoundTrips(byte[] input) throws Exception {
    if (System.getenv("JAZZER_FUZZ") == null) {
      // Regression mode: guard against a corpus entry that hangs. While fuzzing, libFuzzer's own
      // -timeout does this (a JUnit @Timeout would cut the whole fuzzing run short).
      assertTimeoutPreemptively(HANG, () -> check(input));
    } else {
      check(input);
    }
  }

  private static void check(byte[] input) throws Exception {
    Message message;
    try {
      message = Message.parse(input);
    } catch (WireFormatException rejected) {
      assertNotNull(rejected.getMessage(), "a rejection must say what is wrong");
      return;
    }
    describeEverything(message);
    byte[] wire;
    try {
      wire = message.toWire();
    } catch (WireFormatException tooLarge) {
      // Names compressed in RDATA are expanded on parse (so records can move between messages);
      // a packet built of many such pointers can expand past the 65,535-octet TCP limit.
      assertTrue(
          tooLarge.getMessage().contains("exceed"),
          "writing a parsed message failed: " + tooLarge.getMessage());
      return;
    }
    Message again = Message.parse(wire);
    assertSameContent(message, again);
    assertArrayEquals(wire, again.toWire(), "serialisation must be stable after one round trip");

    byte[] udp = message.toWire(Message.CLASSIC_UDP_LIMIT);
    assertTrue(
        udp.length <= Message.CLASSIC_UDP_LIMIT, "toWire(512) produced " + udp.length + " octets");
    Message sized = Message.parse(udp);
    assertEquals(message.question(), sized.question());
    if (udp.length < wire.length) {
      assertTrue(sized.isTruncated(), "a shortened answer must have TC set (RFC 2181 section 9)");
    }
  }

  /** The accessors the server calls on every query must not throw on anything that parsed. */
  private static void describeEverything(Message message) {
    message.rcode();
    message.opcode();
    message.maxUdpPayload();
    if (message.question() != null) {
      assertNotNull(message.question().toString());
    }
    for (List<ResourceRecord> section :
        List.of(message.answers(), message.authority(), message.additional())) {
      for (ResourceRecord record : section) {
        assertTrue(record.name().wireLength() <= Name.MAX_WIRE_LENGTH);
        assertNotNull(record.toString());
      }
    }
  }

  private static void assertSameContent(Message expected, Message actual) {
    assertEquals(expected.id(), actual.id());
    assertEquals(expected.flags(), actual.flags());
    assertEquals(expected.question(), actual.question());
    assertSameRecords(expected.answers(), actual.answers());
    assertSameRecords(expected.authority(), actual.authority());
    assertSameRecords(expected.additional(), actual.additional());
    assertEquals(expected.edns() == null, actual.edns() == null, "EDNS presence");
    if (expected.edns() != null) {
      Edns want = expected.edns();
      Edns got = actual.edns();
      assertEquals(want.udpPayloadSize(), got.udpPayloadSize());
      assertEquals(want.extendedRcode(), got.extendedRcode());
      assertEquals(want.version(), got.version());
      assertEquals(want.dnssecOk(), got.dnssecOk());
      assertArrayEquals(want.options(), got.options());
    }
  }

  private static void assertSameRecords(List<ResourceRecord> expected, List<ResourceRecord> got) {
    assertEquals(expected.size(), got.size(), "record count");
    for (int i = 0; i < expected.size(); i++) {
      ResourceRecord want = expected.get(i);
      ResourceRecord have = got.get(i);
      assertEquals(want.name(), have.name());
      assertEquals(want.type(), have.type());
      assertEquals(want.dnsClass(), have.dnsClass());
      assertEquals(want.ttl(), have.ttl());
      assertArrayEquals(want.rdata(), have.rdata(), "RDATA of " + want);
    }
  }
}
