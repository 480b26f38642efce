package org.classgate.incidents;

import java.util.List;
import java.util.Objects;
import org.classgate.time.Stamp;

/**
 * The seeds' "Record of reviewing devices / internet sites (responding to incidents of misuse)":
 * two senior reviewers, the computer used for the review, each site or device with the reason for
 * concern, and the conclusion. Immutable.
 *
 * @param stamp when it was recorded (null before it is stored)
 * @param group the Group
 * @param reason the reason for investigation
 * @param reviewDevice name and location of the computer used for review
 * @param conclusion "Conclusion and Action proposed or taken", or null while open
 */
public record Review(
    Stamp stamp,
    String group,
    String reason,
    Reviewer first,
    Reviewer second,
    String reviewDevice,
    List<Concern> concerns,
    String conclusion) {
  /** A reviewing person. The seeds want two, so one person cannot be accused alone. */
  public record Reviewer(String name, String position) {
    public Reviewer {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(position, "position");
    }
  }

  /** A web site address or device, and the reason for concern. */
  public record Concern(String siteOrDevice, String reason) {
    public Concern {
      Objects.requireNonNull(siteOrDevice, "siteOrDevice");
      Objects.requireNonNull(reason, "reason");
    }
  }

  public Review {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(second, "second");
    Objects.requireNonNull(reviewDevice, "reviewDevice");
    concerns = List.copyOf(concerns);
  }
}
