package org.classgate.filter.allowance;

import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.classgate.dns.wire.Name;
import org.classgate.filter.changelog.AuditText;

/**
 * A member of staff asks for {@code domain} (and every name below it) to be allowed for {@code
 * scope} from {@code start} until {@code expiry}, for {@code reason}. The policy: staff may ask for
 * sites to be removed from the filtered list "for the period of study"; "any request to do so
 * should be auditable, with clear reasons for the need". Immutable.
 *
 * @param domain the domain to allow, with its subdomains; at least two labels (a whole top-level
 *     domain is never a period of study); kept in lower case
 * @param scope who it applies to; non-null
 * @param start when it begins; a start in the past means "now" ({@link Allowances#approve})
 * @param expiry when it ends (exclusive); after {@code start}
 * @param reason why it is needed: non-blank {@link AuditText}, stored exactly as given
 * @param requestedBy who asks; non-null
 * @param categories the list categories the domain is blocked by now (they set the risk level),
 *     each a category name ({@code [a-z0-9][a-z0-9-]*}); copied into a sorted unmodifiable set
 */
public record AllowanceRequest(
    Name domain,
    AllowanceScope scope,
    Instant start,
    Instant expiry,
    String reason,
    Person requestedBy,
    Set<String> categories) {
  private static final Pattern CATEGORY = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

  public AllowanceRequest {
    Objects.requireNonNull(domain, "the domain is required");
    if (domain.labelCount() < 2) {
      throw new IllegalArgumentException(
          "'"
              + domain
              + "' is a top-level domain or the root; an allowance names a site such as"
              + " example.org");
    }
    domain = domain.toLowerCase();
    Objects.requireNonNull(scope, "the scope is required");
    Objects.requireNonNull(start, "the start is required");
    Objects.requireNonNull(expiry, "the expiry is required");
    if (!expiry.isAfter(start)) {
      throw new IllegalArgumentException(
          "the expiry " + expiry + " must be after the start " + start);
    }
    AuditText.requireNonBlank("the reason", reason);
    Objects.requireNonNull(requestedBy, "who requests the allowance is required");
    Objects.requireNonNull(categories, "the categories are required (empty if none)");
    SortedSet<String> sorted = new TreeSet<>();
    for (String category : categories) {
      if (category == null || !CATEGORY.matcher(category).matches()) {
        throw new IllegalArgumentException("'" + category + "' is not a category name");
      }
      sorted.add(category);
    }
    categories = Collections.unmodifiableSortedSet(sorted);
  }

  /** This request with another start (the expiry must still be after it). */
  public AllowanceRequest withStart(Instant newStart) {
    return new AllowanceRequest(domain, scope, newStart, expiry, reason, requestedBy, categories);
  }
}
