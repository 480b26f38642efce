package org.classgate.filter.sources;

/**
 * What one attempt to fetch a {@link Download} did.
 *
 * @param status what happened
 * @param copy the copy to read now: the new one, the confirmed one, or after a failure the previous
 *     one; null if there is none at all (a first fetch that failed)
 * @param detail for the report: e.g. {@code 200, 1234567 bytes} or why it failed; non-null
 */
public record FetchResult(Status status, DownloadCache.CachedCopy copy, String detail) {
  /** The outcome of a fetch. */
  public enum Status {
    /** A new copy was downloaded, verified and kept. */
    DOWNLOADED,
    /** The server confirmed the kept copy is current (HTTP 304). */
    NOT_MODIFIED,
    /** The fetch failed; the previous copy (if any) is untouched and still used. */
    FAILED
  }

  public boolean failed() {
    return status == Status.FAILED;
  }
}
