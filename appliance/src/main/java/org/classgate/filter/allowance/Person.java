package org.classgate.filter.allowance;

import java.util.Objects;

/**
 * A member of staff as the console's authentication identified them. Immutable.
 *
 * @param id the person's login id: 1-128 characters, no control characters (it appears on one line
 *     of change-log descriptions)
 * @param role the role they act in; non-null
 */
public record Person(String id, Role role) {
  /** The longest accepted id. */
  public static final int MAX_ID_LENGTH = 128;

  public Person {
    if (id == null || id.isBlank() || id.length() > MAX_ID_LENGTH) {
      throw new IllegalArgumentException(
          "a person's id is 1-" + MAX_ID_LENGTH + " characters and not blank");
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (Character.isISOControl(c) || Character.isSurrogate(c)) {
        throw new IllegalArgumentException(
            "a person's id must not hold control characters or surrogates (position " + i + ")");
      }
    }
    Objects.requireNonNull(role, "role");
  }

  /** Presentation for logs and descriptions: {@code id (ROLE)}. */
  @Override
  public String toString() {
    return id + " (" + role + ")";
  }
}
