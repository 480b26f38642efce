package org.classgate.control;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The request line of the control protocol: a command word and its arguments separated by single
 * spaces, each argument percent-encoded: RFC 3986 section 2.3 unreserved characters ({@code A-Z a-z
 * 0-9 - . _ ~}) literal, every other byte of its UTF-8 form as {@code %XX} (section 2.1). So an
 * argument can carry spaces, newlines or any text, and the line itself is plain ASCII.
 *
 * <p>Stateless and thread-safe.
 */
public final class ControlLine {
  /** The longest request line the server reads, newline excluded. */
  public static final int MAX_LENGTH = 4096;

  private static final Pattern COMMAND = Pattern.compile("[a-z][a-z0-9-]{0,63}");

  /** A parsed request. */
  public record Request(String command, List<String> args) {
    public Request {
      args = List.copyOf(args);
    }
  }

  private ControlLine() {}

  /** Whether {@code name} is a valid command word. */
  public static boolean isCommandName(String name) {
    return name != null && COMMAND.matcher(name).matches();
  }

  /**
   * The request line for {@code command} and {@code args}, without the newline.
   *
   * @throws IllegalArgumentException for an invalid command word or an empty argument (the protocol
   *     has no way to send one), or a line longer than {@link #MAX_LENGTH}
   */
  public static String encode(String command, List<String> args) {
    if (!isCommandName(command)) {
      throw new IllegalArgumentException("not a command word: '" + command + "'");
    }
    StringBuilder line = new StringBuilder(command);
    for (String arg : args) {
      if (arg.isEmpty()) {
        throw new IllegalArgumentException("control arguments cannot be empty");
      }
      line.append(' ');
      for (byte b : arg.getBytes(StandardCharsets.UTF_8)) {
        if (isUnreserved(b)) {
          line.append((char) b);
        } else {
          line.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
        }
      }
    }
    if (line.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "the request is " + line.length() + " bytes encoded; the limit is " + MAX_LENGTH);
    }
    return line.toString();
  }

  /**
   * Parses a request line (without its newline).
   *
   * @throws ControlException saying what is wrong, for anything but a well-formed line
   */
  public static Request parse(byte[] line, int length) throws ControlException {
    if (length == 0) {
      throw new ControlException("empty request: send a command word and its arguments");
    }
    if (length > MAX_LENGTH) {
      throw new ControlException("request longer than " + MAX_LENGTH + " bytes");
    }
    List<String> words = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= length; i++) {
      if (i == length || line[i] == ' ') {
        if (i == start) {
          throw new ControlException(
              "words must be separated by single spaces (an empty word at byte " + start + ")");
        }
        words.add(words.isEmpty() ? commandWord(line, start, i) : decode(line, start, i));
        start = i + 1;
      }
    }
    return new Request(words.get(0), words.subList(1, words.size()));
  }

  private static String commandWord(byte[] line, int from, int to) throws ControlException {
    for (int i = from; i < to; i++) {
      if (line[i] < 0x21 || line[i] > 0x7e) {
        throw new ControlException("the command word must be plain ASCII letters, digits and '-'");
      }
    }
    String word = new String(line, from, to - from, StandardCharsets.US_ASCII);
    if (!isCommandName(word)) {
      throw new ControlException(
          "'" + word + "' is not a command word (a-z, 0-9 and '-', starting with a letter)");
    }
    return word;
  }

  private static String decode(byte[] line, int from, int to) throws ControlException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
    for (int i = from; i < to; i++) {
      byte b = line[i];
      if (b == '%') {
        if (i + 2 >= to) {
          throw new ControlException("truncated %-escape in argument at byte " + i);
        }
        int high = Character.digit(line[i + 1], 16);
        int low = Character.digit(line[i + 2], 16);
        if (high < 0 || low < 0) {
          throw new ControlException("invalid %-escape in argument at byte " + i);
        }
        bytes.write(high << 4 | low);
        i += 2;
      } else if (isUnreserved(b)) {
        bytes.write(b);
      } else {
        throw new ControlException(
            "byte " + i + " must be %-encoded (only A-Z a-z 0-9 - . _ ~ are sent literally)");
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new ControlException("an argument is not valid UTF-8 once decoded");
    }
  }

  private static boolean isUnreserved(byte b) {
    return (b >= 'A' && b <= 'Z')
        || (b >= 'a' && b <= 'z')
        || (b >= '0' && b <= '9')
        || b == '-'
        || b == '.'
        || b == '_'
        || b == '~';
  }

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();
}
