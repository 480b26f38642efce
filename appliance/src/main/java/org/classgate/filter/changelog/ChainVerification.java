package org.classgate.filter.changelog;

import java.util.Objects;

/** The result of walking the change-control log's hash chain. Immutable. */
public sealed interface ChainVerification {
  /** True if every row and the head agree with the chain. */
  boolean intact();

  /**
   * Every row matched its hash and linked to the row before it, and the log's head names the last
   * row.
   *
   * @param rows number of rows walked
   * @param headHash the last row's hash in hex (the genesis hash for an empty log): the value to
   *     anchor elsewhere, so that a wholesale rewrite can be spotted too
   */
  record Intact(long rows, String headHash) implements ChainVerification {
    public Intact {
      Objects.requireNonNull(headHash, "headHash");
    }

    @Override
    public boolean intact() {
      return true;
    }

    @Override
    public String toString() {
      return "change log intact: " + rows + " rows, head " + headHash;
    }
  }

  /**
   * The first place the chain breaks.
   *
   * @param rowId the first row that fails (for deleted rows at the end of the log: the first
   *     missing id)
   * @param expected the hash the chain requires there, in hex, or a note in parentheses
   * @param found the hash stored there, in hex, or a note in parentheses
   * @param problem what is wrong, in words an auditor can act on
   */
  record Broken(long rowId, String expected, String found, String problem)
      implements ChainVerification {
    public Broken {
      Objects.requireNonNull(expected, "expected");
      Objects.requireNonNull(found, "found");
      Objects.requireNonNull(problem, "problem");
    }

    @Override
    public boolean intact() {
      return false;
    }

    @Override
    public String toString() {
      return "change log broken at row "
          + rowId
          + ": "
          + problem
          + " (expected "
          + expected
          + ", found "
          + found
          + ")";
    }
  }
}
