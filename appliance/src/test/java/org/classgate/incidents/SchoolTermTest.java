package org.classgate.incidents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchoolTermTest {
  @Test
  void termsAreWholeMonthsOfTheSchoolYear() {
    SchoolTerm autumn = SchoolTerm.parse("2024-25", "autumn");
    assertEquals(LocalDate.of(2024, 9, 1), autumn.first());
    assertEquals(LocalDate.of(2024, 12, 31), autumn.last());
    assertEquals(4, autumn.months().size());
    SchoolTerm spring = SchoolTerm.parse("2024-25", "spring");
    assertEquals(
        List.of(YearMonth.of(2025, 1), YearMonth.of(2025, 2), YearMonth.of(2025, 3)),
        spring.months());
    SchoolTerm summer = SchoolTerm.parse("2099-00", "summer");
    assertEquals(LocalDate.of(2100, 4, 1), summer.first());
    assertEquals(LocalDate.of(2100, 8, 31), summer.last());
    assertEquals("Summer term 2099-00", summer.title());
  }

  @Test
  void theTermADayFallsIn() {
    assertEquals(
        SchoolTerm.parse("2024-25", "autumn"), SchoolTerm.containing(LocalDate.of(2024, 9, 1)));
    assertEquals(
        SchoolTerm.parse("2024-25", "spring"), SchoolTerm.containing(LocalDate.of(2025, 3, 31)));
    assertEquals(
        SchoolTerm.parse("2024-25", "summer"), SchoolTerm.containing(LocalDate.of(2025, 8, 31)));
  }

  @Test
  void badNamesAreRefusedWithWhatIsExpected() {
    assertEquals(
        "a school year is two consecutive years, like 2024-25, not '2024-26'",
        assertThrows(IllegalArgumentException.class, () -> SchoolTerm.parse("2024-26", "autumn"))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> SchoolTerm.parse(null, "autumn"));
    assertThrows(IllegalArgumentException.class, () -> SchoolTerm.parse("2024-25", "Autumn "));
    assertThrows(IllegalArgumentException.class, () -> SchoolTerm.parse("1999-00", "autumn"));
  }
}
