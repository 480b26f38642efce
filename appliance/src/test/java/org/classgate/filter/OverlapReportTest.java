package org.classgate.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.classgate.dns.wire.Name;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverlapReportTest {
  private final Categories categories = Categories.of(List.of("pornography", "games", "streaming"));

  @Test
  void countsPerWhiteListAndCategoryOnlyWhatTheProfileBlocks(@TempDir Path dir) throws Exception {
    DomainSet blocked =
        new DomainSet.Builder()
            .add("health.example", categories.bit("pornography"))
            .add("fun.example", categories.bit("games") | categories.bit("pornography"))
            .add("video.example", categories.bit("streaming"))
            .build();
    Path sexEd = dir.resolve("sexual_education");
    Files.writeString(
        sexEd,
        "# comment\n\nhealth.example\n.sub.health.example\nfun.example\nWWW.Fun.Example.\n"
            + "192.0.2.1\nvideo.example\nother.example\nbad..name\n");
    Path child = dir.resolve("child");
    Files.writeString(child, "kids.example\n");
    Map<String, Path> whiteLists = new LinkedHashMap<>();
    whiteLists.put("sexual_education", sexEd);
    whiteLists.put("child", child);
    int mask = categories.mask(List.of("pornography", "games"));

    OverlapReport report = OverlapReport.compute("pupil", blocked, categories, mask, whiteLists, 2);

    OverlapReport.WhiteListOverlap sex = report.whiteLists().get(0);
    assertEquals("sexual_education", sex.whiteList());
    assertEquals(6, sex.domains(), "health, sub.health, fun, www.fun, video, other");
    assertEquals(2, sex.skipped(), "the address and the empty label");
    assertEquals(4, sex.blocked(), "streaming is not in the profile");
    assertEquals(Map.of("pornography", 4L, "games", 2L), sex.blockedByCategory());
    assertEquals(List.of("pornography", "games"), List.copyOf(sex.blockedByCategory().keySet()));
    assertEquals(
        List.of("health.example", "sub.health.example"), sex.examples().get("pornography"));
    assertEquals(List.of("fun.example", "www.fun.example"), sex.examples().get("games"));
    assertEquals(0, report.whiteLists().get(1).blocked());
    assertEquals(7, report.totalDomains());
    assertEquals(4, report.totalBlocked());
    assertEquals(Map.of("pornography", 4L, "games", 2L), report.blockedByCategory());
    String text = report.format();
    assertTrue(text.startsWith("White-list overlap for profile pupil: 4 of 7 blocked\n"), text);
    assertTrue(text.contains("    pornography 4: health.example, sub.health.example, …\n"), text);
    assertTrue(text.contains("  child: 0 of 1 blocked\n"), text);
  }

  @Test
  void normalisesLikeABlockList() {
    assertEquals("example.org", OverlapReport.normalisedOrNull("*.Example.ORG."));
    assertEquals("xn--bcher-kva.example", OverlapReport.normalisedOrNull("bücher.example"));
    assertNull(OverlapReport.normalisedOrNull("10.0.0.1"));
    assertNull(OverlapReport.normalisedOrNull("2001:db8::1"));
    assertNull(OverlapReport.normalisedOrNull("two words"));
    assertNull(OverlapReport.normalisedOrNull("."));
  }

  @Test
  void missingWhiteListIsAnError(@TempDir Path dir) {
    assertThrows(
        IOException.class,
        () ->
            OverlapReport.compute(
                "pupil", DomainSet.EMPTY, categories, 1, Map.of("x", dir.resolve("none")), 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> OverlapReport.compute("pupil", DomainSet.EMPTY, categories, 1, Map.of(), -1));
  }

  @Test
  void examplesAreRealMatches(@TempDir Path dir) throws Exception {
    DomainSet blocked = new DomainSet.Builder().add("a.example", 1).build();
    Path list = dir.resolve("w");
    Files.writeString(list, "x.a.example\ny.a.example\n");
    OverlapReport report =
        OverlapReport.compute("staff", blocked, categories, 1, Map.of("w", list), 5);
    for (String example : report.whiteLists().get(0).examples().get("pornography")) {
      assertNotEquals(0, blocked.match(Name.of(example)));
    }
  }
}
