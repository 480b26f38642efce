package org.classgate.dns.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/**
 * A corpus of hand-built malformed packets, one per way a length, count or pointer can lie. Each
 * must be rejected by {@link Message#parse} with a {@link WireFormatException} whose message names
 * the problem, so a FORMERR in the log can be diagnosed without a packet capture.
 *
 * <p>Offsets in the comments are from the start of the message; the question {@code a. A IN} sits
 * at 12..18 in every packet that has one.
 */
class MalformedMessageTest {
  /** {@code a.} type A class IN: 7 octets. */
  private static final int[] QUESTION_A = {1, 'a', 0, 0, 1, 0, 1};

  /** An OPT record owned by the root: payload 4096, no options. */
  private static final int[] OPT = {0, 0, 41, 0x10, 0, 0, 0, 0, 0, 0, 0};

  private static int[] header(int qdCount, int anCount, int nsCount, int arCount) {
    return new int[] {0x12, 0x34, 0x01, 0x00, 0, qdCount, 0, anCount, 0, nsCount, 0, arCount};
  }

  private static byte[] packet(int[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int[] part : parts) {
      for (int b : part) {
        out.write(b);
      }
    }
    return out.toByteArray();
  }

  private static int[] repeat(int value, int count) {
    int[] out = new int[count];
    java.util.Arrays.fill(out, value);
    return out;
  }

  /** Asserts the packet is rejected with a message containing every fragment. */
  private static void assertRejected(byte[] packet, String... fragments) {
    WireFormatException e = assertThrows(WireFormatException.class, () -> Message.parse(packet));
    for (String fragment : fragments) {
      assertTrue(
          e.getMessage().contains(fragment), "expected '" + fragment + "' in: " + e.getMessage());
    }
  }

  @Test
  void wellFormedBaselineParses() throws Exception {
    // Every case below breaks exactly one thing in packets built like this one.
    Message message = Message.parse(packet(header(1, 0, 0, 1), QUESTION_A, OPT));
    assertEquals("a. A", message.question().toString());
    assertEquals(4096, message.edns().udpPayloadSize());
  }

  @Test
  void emptyMessage() {
    assertRejected(new byte[0], "message of 0 octets is shorter than a header");
  }

  @Test
  void truncatedHeader() {
    assertRejected(packet(new int[] {0x12, 0x34, 1, 0, 0, 1}), "6 octets", "shorter than a header");
  }

  @Test
  void twoQuestions() {
    assertRejected(packet(header(2, 0, 0, 0), QUESTION_A, QUESTION_A), "QDCOUNT 2");
  }

  @Test
  void questionCountPastTheEnd() {
    assertRejected(packet(header(1, 0, 0, 0)), "name runs past end of message at offset 12");
  }

  @Test
  void questionCutShort() {
    assertRejected(packet(header(1, 0, 0, 0), new int[] {1, 'a', 0, 0, 1}), "truncated 16-bit");
  }

  @Test
  void answerCountPastTheEnd() {
    assertRejected(
        packet(header(1, 3, 0, 0), QUESTION_A), "answer count 3 cannot fit in the 0 octets left");
  }

  @Test
  void additionalCountPastTheEnd() {
    // Room for one record but the count claims two: the second read runs off the end.
    assertRejected(
        packet(header(1, 0, 0, 2), QUESTION_A, OPT, new int[] {0, 0, 41}),
        "additional count 2 cannot fit");
  }

  @Test
  void rdlengthPastTheEnd() {
    int[] answer = {0xC0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 16, 192, 0, 2, 1};
    assertRejected(
        packet(header(1, 1, 0, 0), QUESTION_A, answer),
        "RDLENGTH 16 at offset 31 exceeds the 4 octets left");
  }

  @Test
  void rdataFieldsDisagreeWithRdlength() {
    // A CNAME whose RDLENGTH (5) is longer than the name it holds (a pointer, 2 octets).
    int[] answer = {0xC0, 12, 0, 5, 0, 1, 0, 0, 0, 60, 0, 5, 0xC0, 12, 0, 0, 0};
    assertRejected(
        packet(header(1, 1, 0, 0), QUESTION_A, answer),
        "CNAME RDATA at offset 31 is 5 octets but its fields take 2");
  }

  @Test
  void compressionPointerToItself() {
    assertRejected(
        packet(header(1, 0, 0, 0), new int[] {0xC0, 12, 0, 1, 0, 1}),
        "compression pointer at offset 12 points to itself (a loop)");
  }

  @Test
  void compressionPointerBackIntoTheSameName() {
    // "a" then a pointer at 14 back to 12, where "a" starts again: a loop through one label.
    assertRejected(
        packet(header(1, 0, 0, 0), new int[] {1, 'a', 0xC0, 12, 0, 1, 0, 1}),
        "compression pointer at offset 14 loops back to offset 12");
  }

  @Test
  void twoPointerCycle() {
    // A TXT record (opaque RDATA) at 19 whose RDATA at 30 is a pointer to 32; the next record's
    // owner at 32 points back to 30. Following 32 -> 30 -> 32 would never end.
    int[] txt = {0, 0, 16, 0, 1, 0, 0, 0, 0, 0, 2, 0xC0, 32};
    int[] owner = {0xC0, 30, 0, 16, 0, 1, 0, 0, 0, 0, 0, 0};
    assertRejected(
        packet(header(1, 2, 0, 0), QUESTION_A, txt, owner),
        "compression pointer at offset 30 loops back to offset 32");
  }

  @Test
  void forwardPointer() {
    // The question's name points to 18, past itself; a name does sit there, but pointers may only
    // refer to a prior occurrence (RFC 1035 section 4.1.4).
    assertRejected(
        packet(header(1, 0, 0, 0), new int[] {0xC0, 18, 0, 1, 0, 1, 1, 'b', 0}),
        "compression pointer at offset 12 points forward to offset 18");
  }

  @Test
  void pointerIntoTheHeader() {
    // Offset 2 holds the flags 0x01 0x00, which would read as the label "\000" then the root.
    assertRejected(
        packet(header(1, 0, 0, 0), new int[] {0xC0, 2, 0, 1, 0, 1}),
        "compression pointer at offset 12 points into the header (offset 2)");
  }

  @Test
  void tooManyPointerHops() {
    // An opaque TXT RDATA holding 130 pointers, each to the one before it (the first to the
    // question's name); an answer owner then points at the last. Every hop goes backwards, but a
    // name of at most 127 labels never needs more than 127 hops.
    int hops = 130;
    int rdataStart = 12 + QUESTION_A.length + 11;
    int[] txt = new int[11 + 2 * hops];
    int[] fixed = {0, 0, 16, 0, 1, 0, 0, 0, 0, (2 * hops) >> 8, (2 * hops) & 0xFF};
    System.arraycopy(fixed, 0, txt, 0, fixed.length);
    for (int i = 0; i < hops; i++) {
      int target = i == 0 ? 12 : rdataStart + 2 * (i - 1);
      txt[11 + 2 * i] = 0xC0 | (target >> 8);
      txt[12 + 2 * i] = target & 0xFF;
    }
    int last = rdataStart + 2 * (hops - 1);
    int[] owner = {0xC0 | (last >> 8), last & 0xFF, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0};
    assertRejected(
        packet(header(1, 2, 0, 0), QUESTION_A, txt, owner), "more than 127 compression pointers");
  }

  @Test
  void truncatedCompressionPointer() {
    assertRejected(
        packet(header(1, 0, 0, 0), new int[] {1, 'a', 0xC0}),
        "truncated compression pointer at offset 14");
  }

  @Test
  void labelLength64() {
    int[] name = new int[1 + 64 + 1];
    name[0] = 64;
    java.util.Arrays.fill(name, 1, 65, 'x');
    assertRejected(
        packet(header(1, 0, 0, 0), name, new int[] {0, 1, 0, 1}),
        "label length octet 0x40 at offset 12",
        "labels are at most 63 octets");
  }

  @Test
  void labelRunsPastTheEnd() {
    assertRejected(
        packet(header(1, 0, 0, 0), new int[] {10, 'a', 'b'}),
        "label runs past end of message at offset 12");
  }

  @Test
  void nameLongerThan255Octets() {
    // Four 63-octet labels take 256 octets with their length octets, before the root label.
    int[] label = new int[64];
    label[0] = 63;
    java.util.Arrays.fill(label, 1, 64, 'x');
    assertRejected(
        packet(header(1, 0, 0, 0), label, label, label, label, new int[] {0, 0, 1, 0, 1}),
        "name longer than 255 octets at offset 12");
  }

  @Test
  void nameLongerThan255OctetsThroughCompression() {
    // Each label is legal and so is each pointer; only the expanded name is too long. The
    // question holds three 63-octet labels (192 octets); the answer owner adds two more in front.
    int[] label = new int[64];
    label[0] = 63;
    java.util.Arrays.fill(label, 1, 64, 'y');
    int[] answerTail = {0xC0, 12, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0};
    assertRejected(
        packet(
            header(1, 1, 0, 0),
            label,
            label,
            label,
            new int[] {0, 0, 1, 0, 1},
            label,
            label,
            answerTail),
        "name longer than 255 octets");
  }

  @Test
  void twoOptRecords() {
    assertRejected(packet(header(1, 0, 0, 2), QUESTION_A, OPT, OPT), "more than one OPT record");
  }

  @Test
  void optRecordNotOwnedByTheRoot() {
    int[] opt = {0xC0, 12, 0, 41, 0x10, 0, 0, 0, 0, 0, 0, 0};
    assertRejected(
        packet(header(1, 0, 0, 1), QUESTION_A, opt), "OPT record not owned by the root name");
  }

  @Test
  void trailingGarbage() {
    assertRejected(
        packet(header(1, 0, 0, 0), QUESTION_A, repeat('z', 3)),
        "3 octets of trailing data after the records");
  }

  @Test
  void countsOfZeroWithTrailingRecordStillRejected() {
    // A well-formed answer record sent with ANCOUNT 0 is just trailing data.
    int[] answer = {0xC0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 192, 0, 2, 1};
    assertRejected(packet(header(1, 0, 0, 0), QUESTION_A, answer), "16 octets of trailing data");
  }
}
