package org.classgate.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Duration;
import org.classgate.dns.wire.DnsReader;
import org.classgate.dns.wire.Message;
import org.classgate.dns.wire.Name;
import org.classgate.dns.wire.RecordType;
import org.classgate.dns.wire.ResourceRecord;
import org.classgate.dns.wire.WireFormatException;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNAMERecord;
import org.xbill.DNS.NameTooLongException;

/**
 * Coverage-guided fuzzing of the alias walk on upstream answers: any input must be matched or
 * rejected with {@link WireFormatException}, and for every input the full parser accepts, the walk
 * must find exactly what an independent computation over the parsed message finds (CNAME and DNAME
 * targets from {@link Message#parse}, DNAME substitution by dnsjava's {@code Name.fromDNAME}).
 *
 * <p>Seeds in {@code src/test/resources/org/classgate/filter/AliasTargetsFuzzTestInputs/}: real dig
 * queries and unbound answers (CNAME chain and DNAME included) written by {@code
 * scripts/fuzz/capture_dns_seeds.py}.
 */
class AliasTargetsFuzzTest {
  private static final Duration HANG = Duration.ofSeconds(10);

  /** The seeds' names are under test.: give some of them bits so matches happen. */
  private static final DomainSet LOCKED =
      new DomainSet.Builder().add("chain2.test", 1).add("renamed.test", 2).build();

  private static final DomainSet CATEGORIES =
      new DomainSet.Builder()
          .add("test", 1)
          .add("chain1.test", 2)
          .add("www.renamed.test", 4)
          .add("mail.test", 8)
          .build();

  /** The profile blocks all but bit 1, so the profile mask matters. */
  private static final int BLOCKED = ~1;

  @FuzzTest(maxDuration = "5m")
  void walkAgreesWithAFullParse(byte[] input) throws Exception {
    if (System.getenv("JAZZER_FUZZ") == null) {
      assertTimeoutPreemptively(HANG, () -> check(input));
    } else {
      check(input);
    }
  }

  private static void check(byte[] input) throws Exception {
    Message parsed;
    try {
      parsed = Message.parse(input);
    } catch (WireFormatException rejected) {
      try {
        AliasTargets.match(input, LOCKED, CATEGORIES, BLOCKED);
      } catch (WireFormatException alsoRejected) {
        assertNotNull(alsoRejected.getMessage(), "a rejection must say what is wrong");
      }
      return;
    }
    // Everything the full parser accepts, the lighter walk accepts too.
    AliasTargets.Listed listed = AliasTargets.match(input, LOCKED, CATEGORIES, BLOCKED);
    int locked = 0;
    int blocked = 0;
    for (ResourceRecord record : parsed.answers()) {
      if (record.type() != RecordType.CNAME && record.type() != RecordType.DNAME) {
        continue;
      }
      byte[] rdata = record.rdata();
      Name target = new DnsReader(rdata, 0, rdata.length).name();
      locked |= LOCKED.match(target);
      blocked |= CATEGORIES.match(target) & BLOCKED;
      Name substituted =
          record.type() == RecordType.DNAME && parsed.question() != null
              ? substitutedByDnsjava(parsed.question().name(), record.name(), target)
              : null;
      if (substituted != null) {
        locked |= LOCKED.match(substituted);
        blocked |= CATEGORIES.match(substituted) & BLOCKED;
      }
    }
    if (locked == 0 && blocked == 0) {
      assertNull(listed, "nothing is listed, so nothing may be reported");
      return;
    }
    assertNotNull(listed, "a listed alias target was missed");
    assertEquals(locked, listed.locked());
    assertEquals(blocked, listed.blocked());
    Name reported = listed.target();
    if (locked != 0) {
      assertTrue(LOCKED.match(reported) != 0, "the reported target must be locked");
    } else {
      assertTrue((CATEGORIES.match(reported) & BLOCKED) != 0, "the reported target must block");
    }
  }

  /** RFC 6672 substitution as dnsjava does it; null if it does not apply or is too long. */
  private static Name substitutedByDnsjava(Name question, Name owner, Name target)
      throws Exception {
    org.xbill.DNS.Name dnsjavaQuestion = new org.xbill.DNS.Name(question.wireBytes());
    DNAMERecord dname =
        new DNAMERecord(
            new org.xbill.DNS.Name(owner.wireBytes()),
            DClass.IN,
            60,
            new org.xbill.DNS.Name(target.wireBytes()));
    try {
      org.xbill.DNS.Name result = dnsjavaQuestion.fromDNAME(dname);
      return result == null ? null : Name.of(result.toString());
    } catch (NameTooLongException e) {
      return null;
    }
  }
}
