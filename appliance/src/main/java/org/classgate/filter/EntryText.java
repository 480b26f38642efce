package org.classgate.filter;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a profile's own allow and deny entries, written by a person in the configuration or in a
 * file it names, with exactly the normalisation block lists get ({@link ListLineParser}: case,
 * trailing dot, a leading {@code .} or {@code *.}, IDN to punycode, hosts lines). Unlike a block
 * list, where a junk line is skipped and counted, an entry here is policy someone typed on purpose:
 * anything that is not a domain is an error naming what was wrong, never silently dropped.
 *
 * <p>Stateless; each call uses its own parser, so it is thread-safe.
 */
public final class EntryText {
  /** A file of entries larger than this is refused: a profile's own entries are a short list. */
  public static final long MAX_FILE_BYTES = 4L * 1024 * 1024;

  /** The most entries one file may hold. */
  public static final int MAX_ENTRIES = 100_000;

  private EntryText() {}

  /**
   * The normalised domain written as {@code text}: lower-case ASCII without a trailing dot, e.g.
   * {@code "*.Bücher.Example."} gives {@code "xn--bcher-kva.example"}.
   *
   * @param text one entry; non-null
   * @throws IllegalArgumentException if {@code text} is not exactly one valid domain; the message
   *     says why without repeating the text (the caller names the key and value)
   */
  public static String domain(String text) {
    if (text.length() > ListLineParser.MAX_LINE_CHARS) {
      throw new IllegalArgumentException("longer than any domain");
    }
    List<String> found = new ArrayList<>();
    List<SkipReason> skipped = new ArrayList<>();
    parse(new ListLineParser(), text, found, skipped);
    if (!skipped.isEmpty()) {
      throw new IllegalArgumentException(why(skipped.get(0)));
    }
    if (found.size() != 1) {
      throw new IllegalArgumentException(
          found.isEmpty() ? "no domain in it" : "one domain per comma-separated item");
    }
    return found.get(0);
  }

  /**
   * Every entry in {@code file}: one or more domains a line in any block-list format, {@code #}
   * comments and blank lines ignored, UTF-8.
   *
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException if it is too large, not UTF-8, or a line holds something that
   *     is not a domain; the message gives the line number
   */
  public static List<String> domains(Path file) throws IOException {
    long size = Files.size(file);
    if (size > MAX_FILE_BYTES) {
      throw new IllegalArgumentException(
          "the file is " + size + " bytes; a profile's entries may take at most " + MAX_FILE_BYTES);
    }
    String text;
    try {
      // Strict decoding: a replacement character would make a different name than was written.
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
              .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("the file is not UTF-8 text");
    }
    ListLineParser parser = new ListLineParser();
    List<String> found = new ArrayList<>();
    List<SkipReason> skipped = new ArrayList<>();
    int lineNumber = 0;
    try (BufferedReader lines = new BufferedReader(new java.io.StringReader(text))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        lineNumber++;
        if (line.length() > ListLineParser.MAX_LINE_CHARS) {
          throw new IllegalArgumentException("line " + lineNumber + " is too long");
        }
        parse(parser, line, found, skipped);
        if (!skipped.isEmpty()) {
          throw new IllegalArgumentException("line " + lineNumber + ": " + why(skipped.get(0)));
        }
        if (found.size() > MAX_ENTRIES) {
          throw new IllegalArgumentException("more than " + MAX_ENTRIES + " entries");
        }
      }
    }
    return found;
  }

  private static void parse(
      ListLineParser parser, String text, List<String> found, List<SkipReason> skipped) {
    char[] chars = text.toCharArray();
    parser.parse(
        chars,
        chars.length,
        new ListLineParser.Sink() {
          @Override
          public void domain(byte[] wire, int length, int labels) {
            found.add(presentation(wire, length));
          }

          @Override
          public void exception(byte[] wire, int length, int labels) {
            skipped.add(SkipReason.EXCEPTION_IGNORED);
          }

          @Override
          public void skipped(SkipReason reason) {
            skipped.add(reason);
          }
        });
  }

  /** {@code wire[0, length)}, a valid lower-case name from the parser, as dotted text. */
  private static String presentation(byte[] wire, int length) {
    StringBuilder text = new StringBuilder(length);
    int pos = 0;
    while (wire[pos] != 0) {
      if (pos > 0) {
        text.append('.');
      }
      int labelLength = wire[pos];
      for (int i = pos + 1; i <= pos + labelLength; i++) {
        text.append((char) wire[i]);
      }
      pos += labelLength + 1;
    }
    return text.toString();
  }

  private static String why(SkipReason reason) {
    return switch (reason) {
      case ADDRESS -> "an IP address, not a domain";
      case LOCALHOST -> "a local name (localhost and the like), not a site";
      case EXCEPTION_IGNORED -> "an Adblock exception (@@…), not an entry: write the domain itself";
      default -> "not a valid domain (" + reason.name().toLowerCase(java.util.Locale.ROOT) + ")";
    };
  }
}
