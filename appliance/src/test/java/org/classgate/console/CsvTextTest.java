package org.classgate.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** CSV cells: RFC 4180 quoting and formula neutralising. */
class CsvTextTest {
  @Test
  void cellsThatASpreadsheetWouldRunAreMadeText() {
    assertEquals("'=1+2", CsvText.cell("=1+2"));
    assertEquals("'+cmd", CsvText.cell("+cmd"));
    assertEquals("'-2+3", CsvText.cell("-2+3"));
    assertEquals("'@SUM(A1)", CsvText.cell("@SUM(A1)"));
    assertEquals("'\t=1", CsvText.cell("\t=1"));
    assertEquals("\"'\r=1\"", CsvText.cell("\r=1"));
    assertEquals("a=b", CsvText.cell("a=b"));
    assertEquals("12", CsvText.cell("12"));
    assertEquals("", CsvText.cell(null));
  }

  @Test
  void quotesWhatNeedsQuoting() {
    assertEquals("\"a,b\"", CsvText.cell("a,b"));
    assertEquals("\"say \"\"hi\"\"\"", CsvText.cell("say \"hi\""));
    assertEquals("\"two\nlines\"", CsvText.cell("two\nlines"));
    assertEquals("\"'=HYPERLINK(\"\"x\"\")\"", CsvText.cell("=HYPERLINK(\"x\")"));
    assertEquals("a,\"b,c\",'-1\r\n", new CsvText().row(List.of("a", "b,c", "-1")).toString());
  }
}
