package org.classgate.console;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A handler's answer that is a file to save rather than JSON (e.g. a CSV report): sent with its
 * content type and {@code Content-Disposition: attachment}. Immutable.
 *
 * @param fileName the suggested file name: letters, digits, dots, dashes and underscores only, so
 *     it needs no quoting in the header (RFC 6266 §4.1)
 * @param contentType e.g. {@code text/csv; charset=utf-8}
 * @param body the file's bytes (not copied: the handler hands them over)
 */
public record Download(String fileName, String contentType, byte[] body) {
  private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");

  public Download {
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(body, "body");
    if (fileName == null || !SAFE_NAME.matcher(fileName).matches()) {
      throw new IllegalArgumentException("unsafe download file name: " + fileName);
    }
  }
}
