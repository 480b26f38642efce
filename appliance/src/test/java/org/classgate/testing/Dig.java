package org.classgate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the real {@code dig} against a server on 127.0.0.1 and parses what it prints, so tests check
 * our server with an independent, widely used client.
 *
 * <p>Every query uses {@code +tries=1 +time=2}: one attempt, two seconds. Over UDP {@code +ignore}
 * is always set so a truncated reply is reported with its {@code tc} flag instead of being retried
 * over TCP by dig. Usage: {@code Dig.at(port).bufsize(512).query("big.test", "TXT")}.
 *
 * <p>Instances are mutable option holders and not thread-safe; create one per query or per thread.
 */
public final class Dig {
  private static final Pattern HEADER =
      Pattern.compile("->>HEADER<<- opcode: \\S+, status: (\\S+),");
  private static final Pattern FLAGS = Pattern.compile("^;; flags:([^;]*);", Pattern.MULTILINE);
  private static final Pattern EDNS_UDP =
      Pattern.compile("^; EDNS: .*udp: (\\d+)", Pattern.MULTILINE);
  private static final long PROCESS_TIMEOUT_SECONDS = 15;

  private final int port;
  private boolean tcp;
  private Integer bufsize;
  private boolean noEdns;
  private final List<String> extraOptions = new ArrayList<>();
  private String source;

  private Dig(int port) {
    this.port = port;
  }

  /** True if a {@code dig} executable is on the PATH; tests use this in an assumption. */
  public static boolean isInstalled() {
    return Executables.onPath("dig");
  }

  /** Options for querying the DNS server on 127.0.0.1 at {@code port}. */
  public static Dig at(int port) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    return new Dig(port);
  }

  /**
   * Sends from {@code address} ({@code -b}), e.g. a loopback alias such as 127.0.0.5, so the server
   * sees a distinct client.
   */
  public Dig from(String address) {
    this.source = address;
    return this;
  }

  /** Queries over TCP ({@code +tcp}). */
  public Dig tcp() {
    this.tcp = true;
    return this;
  }

  /** Advertises an EDNS UDP payload size ({@code +bufsize=N}, RFC 6891 section 6.2.3). */
  public Dig bufsize(int bytes) {
    if (bytes < 0 || bytes > 65535) {
      throw new IllegalArgumentException("bufsize out of range: " + bytes);
    }
    this.bufsize = bytes;
    return this;
  }

  /** Sends the query without an OPT record ({@code +noedns}): the 512-byte limit applies. */
  public Dig noEdns() {
    this.noEdns = true;
    return this;
  }

  /** Adds any other dig option, e.g. {@code "+norec"} or {@code "+dnssec"}. */
  public Dig option(String digOption) {
    if (!digOption.startsWith("+")) {
      throw new IllegalArgumentException("dig options start with '+': " + digOption);
    }
    extraOptions.add(digOption);
    return this;
  }

  /** Queries {@code name} for type A. */
  public DigResult query(String name) {
    return query(name, "A");
  }

  /**
   * Queries {@code name} for {@code type} and parses the reply.
   *
   * @return the parsed reply; {@link DigResult#NO_RESPONSE} as status if nothing came back
   * @throws IllegalStateException if dig printed no header although it did not time out (for
   *     example a reply it could not parse); the message holds dig's output
   */
  public DigResult query(String name, String type) {
    List<String> command = new ArrayList<>();
    command.add("dig");
    command.add("@127.0.0.1");
    command.add("-p");
    command.add(Integer.toString(port));
    if (source != null) {
      command.add("-b");
      command.add(source);
    }
    command.add("+tries=1");
    command.add("+time=2");
    command.add(tcp ? "+tcp" : "+ignore");
    if (noEdns) {
      command.add("+noedns");
    }
    if (bufsize != null) {
      command.add("+bufsize=" + bufsize);
    }
    command.addAll(extraOptions);
    command.add(name);
    command.add(type);
    Run run = execute(command);
    return parse(run.output(), run.exitCode(), String.join(" ", command));
  }

  /** Parses dig's default output. Package-private so the parser can be tested on captured text. */
  static DigResult parse(String output, int exitCode, String commandLine) {
    Matcher header = HEADER.matcher(output);
    if (!header.find()) {
      // dig exits with 9 when no reply arrived (dig(1), "RETURN CODES").
      if (exitCode == 9 || output.contains("timed out") || output.contains("no servers could")) {
        return new DigResult(
            DigResult.NO_RESPONSE, Set.of(), List.of(), List.of(), OptionalInt.empty(), output);
      }
      throw new IllegalStateException(
          "dig printed no reply header (exit "
              + exitCode
              + ") for: "
              + commandLine
              + "\n"
              + output);
    }
    Set<String> flags = new LinkedHashSet<>();
    Matcher flagLine = FLAGS.matcher(output);
    if (flagLine.find()) {
      for (String flag : flagLine.group(1).trim().split("\\s+")) {
        if (!flag.isEmpty()) {
          flags.add(flag.toLowerCase(Locale.ROOT));
        }
      }
    }
    Matcher edns = EDNS_UDP.matcher(output);
    OptionalInt udp =
        edns.find() ? OptionalInt.of(Integer.parseInt(edns.group(1))) : OptionalInt.empty();
    return new DigResult(
        header.group(1),
        flags,
        section(output, ";; ANSWER SECTION:"),
        section(output, ";; AUTHORITY SECTION:"),
        udp,
        output);
  }

  private static List<DigRecord> section(String output, String title) {
    List<DigRecord> records = new ArrayList<>();
    int start = output.indexOf(title);
    if (start < 0) {
      return records;
    }
    String[] lines = output.substring(start + title.length()).split("\n");
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank() || line.startsWith(";")) {
        break;
      }
      records.add(DigRecord.parse(line));
    }
    return records;
  }

  private static Run execute(List<String> command) {
    Path output = null;
    try {
      output = Files.createTempFile("dig", ".out");
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      if (!process.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "dig did not finish within " + PROCESS_TIMEOUT_SECONDS + " s: " + command);
      }
      return new Run(Files.readString(output, StandardCharsets.UTF_8), process.exitValue());
    } catch (IOException e) {
      throw new UncheckedIOException("could not run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    } finally {
      if (output != null) {
        try {
          Files.deleteIfExists(output);
        } catch (IOException ignored) {
          // A leftover temp file is harmless; the query result matters.
        }
      }
    }
  }

  private record Run(String output, int exitCode) {}
}
