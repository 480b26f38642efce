package org.classgate.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The dig output parser on captured dig 9.18 output. */
class DigTest {
  private static final String TRUNCATED =
      """
      ; <<>> DiG 9.18.28 <<>> @127.0.0.1 -p 45053 big.test TXT +ignore +bufsize=512
      ; (1 server found)
      ;; global options: +cmd
      ;; Got answer:
      ;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 1517
      ;; flags: qr tc rd ra; QUERY: 1, ANSWER: 0, AUTHORITY: 0, ADDITIONAL: 1

      ;; OPT PSEUDOSECTION:
      ; EDNS: version: 0, flags:; udp: 1232
      ;; QUESTION SECTION:
      ;big.test.\t\t\tIN\tTXT

      ;; Query time: 0 msec
      """;

  private static final String NEGATIVE =
      """
      ;; ->>HEADER<<- opcode: QUERY, status: NXDOMAIN, id: 29793
      ;; flags: qr rd ra; QUERY: 1, ANSWER: 0, AUTHORITY: 1, ADDITIONAL: 0

      ;; QUESTION SECTION:
      ;missing.test.\t\t\tIN\tA

      ;; AUTHORITY SECTION:
      test.\t\t\t30\tIN\tSOA\tns.test. hostmaster.test. 1 3600 600 86400 30

      ;; Query time: 1 msec
      """;

  @Test
  void parsesATruncatedReply() {
    DigResult result = Dig.parse(TRUNCATED, 0, "dig");

    assertEquals("NOERROR", result.status());
    assertEquals(Set.of("qr", "tc", "rd", "ra"), result.flags());
    assertTrue(result.answers().isEmpty());
    assertEquals(OptionalInt.of(1232), result.ednsUdpSize());
  }

  @Test
  void parsesTheAuthorityOfANegativeReply() {
    DigResult result = Dig.parse(NEGATIVE, 0, "dig");

    assertEquals("NXDOMAIN", result.status());
    assertEquals(
        List.of(new DigRecord("test.", 30, "SOA", "ns.test. hostmaster.test. 1 3600 600 86400 30")),
        result.authority());
    assertEquals(OptionalInt.empty(), result.ednsUdpSize());
  }

  @Test
  void reportsNoResponseWhenDigTimedOut() {
    String output =
        ";; communications error to 127.0.0.1#9#53: timed out\n"
            + ";; no servers could be reached\n";

    DigResult result = Dig.parse(output, 9, "dig");

    assertEquals(DigResult.NO_RESPONSE, result.status());
  }

  @Test
  void rejectsOutputWithoutAHeader() {
    assertThrows(IllegalStateException.class, () -> Dig.parse(";; Got bad packet\n", 0, "dig"));
  }
}
