package org.classgate.dns;

/**
 * What happened to one query. The activity log, statistics and alerts switch on this, never on
 * strings.
 */
public enum Outcome {
  /** Answered by an upstream resolver and passed to the client. */
  ALLOWED,
  /** Answered from the cache. */
  CACHED,
  /** Upstreams failed; an expired cached answer was served (RFC 8767). */
  STALE,
  /** A category list of the client's profile matched: the block answer was sent. */
  BLOCKED,
  /** A locked (illegal-content) list matched; no allowance can override it. */
  LOCKED,
  /**
   * A deny entry of the client's profile ({@code profile.<name>.deny}) matched: the block answer
   * was sent, whatever the categories or any allowance say. Recorded with no categories: the reason
   * is the profile's own entry, not a list.
   */
  DENIED,
  /**
   * A category list of the profile matched, but a temporary allowance or an allow entry of the
   * profile let the name through.
   */
  UNBLOCKED,
  /** Rewritten to a search engine's safe endpoint. */
  SAFESEARCH,
  /** A special-use or canary name answered locally (e.g. use-application-dns.net). */
  SPECIAL,
  /**
   * The client is an unknown, unapproved or blocked device: answered with the box's waiting page
   * (A/AAAA) or no records, never from upstream.
   */
  QUARANTINED,
  /** An ANY query answered minimally (RFC 8482). */
  MINIMAL_ANY,
  /** The client is not allowed to use this resolver. */
  REFUSED,
  /** The client exceeded its rate limit; the query was dropped without an answer. */
  RATE_LIMITED,
  /** The query was malformed and answered with FORMERR. */
  FORMERR,
  /** Unparseable beyond its header, or a response sent to us: dropped without an answer. */
  DROPPED,
  /** An opcode or query type the resolver does not implement (NOTIMP). */
  NOT_IMPLEMENTED,
  /** Every upstream failed and nothing usable was cached: SERVFAIL. */
  SERVFAIL;

  /** True if the client was kept from the name by policy (counts as a block in statistics). */
  public boolean isFiltered() {
    return this == BLOCKED || this == LOCKED || this == DENIED;
  }
}
