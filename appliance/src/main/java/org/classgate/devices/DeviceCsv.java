package org.classgate.devices;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a pre-registration file: CSV (RFC 4180) in UTF-8, a header line naming the columns, then
 * one device per record.
 *
 * <pre>
 * mac,class,name,owner,notes
 * 02:00:5e:10:00:01,school-shared,Trolley iPad 3,,"Bought 2024, case cracked"
 * </pre>
 *
 * {@code mac} and {@code class} are required; {@code name}, {@code owner} and {@code notes} are
 * optional columns and may be empty (an empty field keeps what the registry has). Strict: every bad
 * record is reported with its line number, and a file with any problem yields no rows at all, so an
 * import is all or nothing. Names, owners and notes are kept exactly as written — any characters,
 * commas, quotes and line breaks included — and escaped only when shown. Stateless and thread-safe.
 */
public final class DeviceCsv {
  /** Larger files are refused unread: a classroom has tens of devices, a school a few thousand. */
  public static final int MAX_BYTES = 4 * 1024 * 1024;

  public static final int MAX_ROWS = 20_000;

  /** Longest name, owner and notes, in characters. */
  static final int MAX_NAME = 100;

  static final int MAX_OWNER = 200;
  static final int MAX_NOTES = 2000;

  private static final List<String> COLUMNS = List.of("mac", "class", "name", "owner", "notes");

  /** The rows of a file that has no problems, or its problems (then no rows). Immutable. */
  public record Result(List<DeviceImport> rows, List<String> problems) {
    public Result {
      rows = List.copyOf(rows);
      problems = List.copyOf(problems);
    }

    public boolean ok() {
      return problems.isEmpty();
    }
  }

  private DeviceCsv() {}

  /** Reads {@code bytes}, the whole file; never throws for bad content. */
  public static Result read(byte[] bytes) {
    if (bytes.length > MAX_BYTES) {
      return failed("the file is " + bytes.length + " bytes; at most " + MAX_BYTES + " are read");
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      return failed("line " + lineOfBadByte(bytes) + ": not UTF-8 text");
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1); // spreadsheet programs write a byte-order mark
    }
    List<String> problems = new ArrayList<>();
    List<DeviceImport> rows = new ArrayList<>();
    CsvRecords records = new CsvRecords(text);
    try {
      CsvRecords.Record header = records.next();
      if (header == null) {
        return failed("line 1: the file is empty; expected a header such as mac,class,name");
      }
      Map<String, Integer> columns = header(header, problems);
      if (!problems.isEmpty()) {
        return new Result(List.of(), problems);
      }
      Map<MacAddress, Integer> firstLine = new HashMap<>();
      for (CsvRecords.Record record = records.next(); record != null; record = records.next()) {
        if (record.fields().size() == 1 && record.fields().get(0).isEmpty()) {
          continue; // a blank line
        }
        if (rows.size() + problems.size() >= MAX_ROWS) {
          problems.add("line " + record.line() + ": more than " + MAX_ROWS + " devices");
          break;
        }
        String problem = row(record, columns, firstLine, rows);
        if (problem != null) {
          problems.add(problem);
        }
      }
    } catch (CsvRecords.Malformed e) {
      problems.add(e.getMessage());
    }
    return problems.isEmpty() ? new Result(rows, List.of()) : new Result(List.of(), problems);
  }

  private static Map<String, Integer> header(CsvRecords.Record header, List<String> problems) {
    Map<String, Integer> columns = new HashMap<>();
    for (int i = 0; i < header.fields().size(); i++) {
      String name = header.fields().get(i).strip().toLowerCase(Locale.ROOT);
      if (!COLUMNS.contains(name)) {
        problems.add(
            "line 1: unknown column '"
                + name
                + "'; the columns are "
                + String.join(", ", COLUMNS)
                + " (mac and class required)");
      } else if (columns.putIfAbsent(name, i) != null) {
        problems.add("line 1: column '" + name + "' appears twice");
      }
    }
    for (String required : List.of("mac", "class")) {
      if (problems.isEmpty() && !columns.containsKey(required)) {
        problems.add("line 1: the header has no '" + required + "' column");
      }
    }
    return columns;
  }

  /** Adds the record's row, or returns what is wrong with it. */
  private static String row(
      CsvRecords.Record record,
      Map<String, Integer> columns,
      Map<MacAddress, Integer> firstLine,
      List<DeviceImport> rows) {
    int line = record.line();
    List<String> fields = record.fields();
    if (fields.size() != columns.size()) {
      return "line " + line + ": " + fields.size() + " fields, the header has " + columns.size();
    }
    String macText = fields.get(columns.get("mac")).strip();
    MacAddress mac;
    try {
      mac = DeviceEventParser.mac(macText);
    } catch (DeviceEventRejected e) {
      return "line " + line + ": " + e.getMessage();
    }
    Integer earlier = firstLine.putIfAbsent(mac, line);
    if (earlier != null) {
      return "line " + line + ": " + mac + " is already on line " + earlier;
    }
    String classText = fields.get(columns.get("class")).strip();
    DeviceClass deviceClass = DeviceClass.named(classText).orElse(null);
    if (deviceClass == null) {
      return "line "
          + line
          + ": unknown class "
          + DeviceEventParser.quote(classText)
          + "; the classes are "
          + classNames();
    }
    String[] texts = new String[3];
    String[] names = {"name", "owner", "notes"};
    int[] limits = {MAX_NAME, MAX_OWNER, MAX_NOTES};
    for (int i = 0; i < names.length; i++) {
      Integer column = columns.get(names[i]);
      String value = column == null ? "" : fields.get(column);
      if (value.length() > limits[i]) {
        return "line "
            + line
            + ": the "
            + names[i]
            + " is longer than "
            + limits[i]
            + " characters";
      }
      texts[i] = value.isEmpty() ? null : value;
    }
    rows.add(new DeviceImport(line, mac, deviceClass, texts[0], texts[1], texts[2]));
    return null;
  }

  private static String classNames() {
    List<String> names = new ArrayList<>();
    for (DeviceClass deviceClass : DeviceClass.values()) {
      names.add(deviceClass.configName());
    }
    return String.join(", ", names);
  }

  private static int lineOfBadByte(byte[] bytes) {
    var decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    // Decode line by line until one fails: the file is at most MAX_BYTES, and this runs once.
    int line = 1;
    int from = 0;
    for (int i = 0; i <= bytes.length; i++) {
      if (i == bytes.length || bytes[i] == '\n') {
        try {
          decoder.reset().decode(ByteBuffer.wrap(bytes, from, i - from));
        } catch (CharacterCodingException e) {
          return line;
        }
        line++;
        from = i + 1;
      }
    }
    return line;
  }

  private static Result failed(String problem) {
    return new Result(List.of(), List.of(problem));
  }
}
