package org.classgate.console.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {
  private final PasswordPolicy policy = new PasswordPolicy(Duration.ofDays(90));

  @Test
  void acceptsThreeOfFourClassesFromEightCharacters() {
    assertEquals(List.of(), policy.problems("alice", "Abcdefg1"));
    assertEquals(List.of(), policy.problems("alice", "abcdef1!"));
    assertEquals(List.of(), policy.problems("alice", "ABCDEF1!"));
    assertEquals(List.of(), policy.problems("alice", "Ünïcödé-"));
  }

  @Test
  void refusesShortWeakAndNameContainingPasswords() {
    assertEquals(List.of("use at least 8 characters"), policy.problems("alice", "Abcde1!"));
    assertEquals(1, policy.problems("alice", "abcdefgh1").size(), "two classes only");
    assertEquals(1, policy.problems("alice", "ABCDEFGH").size());
    assertEquals(List.of("do not include your user name"), policy.problems("Alice", "xxALICExx1!"));
    assertTrue(policy.problems("alice", null).contains("use at least 8 characters"));
    assertEquals(1, policy.problems("zed", "Aa1!" + "x".repeat(300)).size(), "too long");
  }

  @Test
  void expiryMustBeSixtyToNinetyDays() {
    new PasswordPolicy(Duration.ofDays(60));
    assertThrows(IllegalArgumentException.class, () -> new PasswordPolicy(Duration.ofDays(59)));
    assertThrows(IllegalArgumentException.class, () -> new PasswordPolicy(Duration.ofDays(91)));
  }
}
