package org.classgate.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceCsvTest {
  private static DeviceCsv.Result read(String text) {
    return DeviceCsv.read(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsRowsWithQuotedCommasQuotesAndLineBreaks() {
    DeviceCsv.Result result =
        read(
            "\uFEFFMAC,Class,name,owner,notes\r\n"
                + "00:1B:63:84:45:E6,school-shared,Trolley iPad 3,,\"Bought 2024, case \"\"cracked\"\"\"\r\n"
                + "\r\n"
                + "da-a1-19-0b-33-7c,staff-owned,\"Two\nlines\",Mr Jones,\n");
    assertTrue(result.ok(), result.problems()::toString);
    List<DeviceImport> rows = result.rows();
    assertEquals(2, rows.size());
    DeviceImport ipad = rows.get(0);
    assertEquals(2, ipad.line());
    assertEquals(MacAddress.parse("00:1b:63:84:45:e6"), ipad.mac());
    assertEquals(DeviceClass.SCHOOL_SHARED, ipad.deviceClass());
    assertEquals("Trolley iPad 3", ipad.name());
    assertNull(ipad.owner());
    assertEquals("Bought 2024, case \"cracked\"", ipad.notes());
    DeviceImport phone = rows.get(1);
    assertEquals(4, phone.line());
    assertEquals("Two\nlines", phone.name());
    assertEquals("Mr Jones", phone.owner());
    assertNull(phone.notes());
  }

  @Test
  void everyBadRowIsReportedWithItsLineAndNothingIsReturned() {
    DeviceCsv.Result result =
        read(
            "mac,class,name\n"
                + "00:1b:63:84:45:e6,school-shared,ok\n"
                + "not-a-mac,school-shared,x\n"
                + "01:00:5e:00:00:01,school-shared,multicast\n"
                + "00:1b:63:84:45:e7,teachers,x\n"
                + "00:1b:63:84:45:e8,pupil-owned\n"
                + "00:1B:63:84:45:E6,pupil-owned,again\n"
                + "00:1b:63:84:45:e9,pupil-owned,"
                + "x".repeat(DeviceCsv.MAX_NAME + 1)
                + "\n");
    assertFalse(result.ok());
    assertEquals(List.of(), result.rows());
    List<String> problems = result.problems();
    assertEquals(6, problems.size(), problems::toString);
    assertTrue(
        problems.get(0).startsWith("line 3: not a MAC address: 'not-a-mac'"), problems.get(0));
    assertTrue(problems.get(1).startsWith("line 4: a group (multicast)"), problems.get(1));
    assertTrue(
        problems
            .get(2)
            .startsWith("line 5: unknown class 'teachers'; the classes are school-single-user"),
        problems.get(2));
    assertEquals("line 6: 2 fields, the header has 3", problems.get(3));
    assertEquals("line 7: 00:1b:63:84:45:e6 is already on line 2", problems.get(4));
    assertEquals("line 8: the name is longer than 100 characters", problems.get(5));
  }

  @Test
  void headerProblemsStopTheRead() {
    assertEquals(
        List.of("line 1: the header has no 'class' column"), read("mac,name\n").problems());
    assertTrue(
        read("mac,class,colour\n").problems().get(0).startsWith("line 1: unknown column 'colour'"));
    assertEquals(List.of("line 1: column 'mac' appears twice"), read("mac,class,mac\n").problems());
    assertTrue(read("").problems().get(0).startsWith("line 1: the file is empty"));
  }

  @Test
  void malformedCsvAndBadEncodingNameTheirLine() {
    assertEquals(
        List.of("line 3: a quoted field is never closed"),
        read("mac,class,name\n00:1b:63:84:45:e6,school-shared,a\n00:1b:63:84:45:e7,school-shared,\"open\n")
            .problems());
    assertEquals(
        List.of("line 2: a quote inside an unquoted field (quote the field, double the quote)"),
        read("mac,class,name\n00:1b:63:84:45:e6,school-shared,a\"b\n").problems());
    assertEquals(
        List.of("line 2: unexpected character after a quoted field (quote it whole)"),
        read("mac,class,name\n00:1b:63:84:45:e6,school-shared,\"a\"b\n").problems());
    byte[] latin1 =
        "mac,class,name\n00:1b:63:84:45:e6,school-shared,Jos\u00e9\n"
            .getBytes(StandardCharsets.ISO_8859_1);
    assertEquals(List.of("line 2: not UTF-8 text"), DeviceCsv.read(latin1).problems());
  }

  @Test
  void hostileTextIsKeptExactly() {
    String hostile = "\u202Egpj.exe \u001b[2J\u0007 'x' \\ \u0000 \uD83D\uDE00";
    String quoted = "\"" + hostile.replace("\"", "\"\"") + "\"";
    DeviceCsv.Result result =
        read(
            "mac,class,name,owner,notes\n00:1b:63:84:45:e6,visitor-owned,"
                + quoted
                + ","
                + quoted
                + ","
                + quoted
                + "\n");
    assertTrue(result.ok(), result.problems()::toString);
    DeviceImport row = result.rows().get(0);
    assertEquals(hostile, row.name());
    assertEquals(hostile, row.owner());
    assertEquals(hostile, row.notes());
  }

  @Test
  void oversizedFilesAreRefusedUnread() {
    DeviceCsv.Result result = DeviceCsv.read(new byte[DeviceCsv.MAX_BYTES + 1]);
    assertEquals(1, result.problems().size());
    assertTrue(result.problems().get(0).startsWith("the file is"));
  }
}
