package org.classgate.filter.changelog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ConfigChangesTest {
  private static final Instant AT = Instant.parse("2026-11-23T07:00:00Z");
  private static final String WHO = "configuration file /etc/classgate.properties, started by root";
  private static final String APPROVER = "configuration file (owner root)";

  private static Map<String, String> snapshot(String... pairs) {
    Map<String, String> map = new TreeMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map;
  }

  @Test
  void theFirstRunRecordsTheWholeConfigurationInOneRowPlusEachRefusal() {
    List<ChangeEntry> rows =
        ConfigChanges.between(
            null,
            snapshot(
                "profile.pupil.block", "gambling",
                "lists.gambling", "/srv/gambling.txt",
                "refused.profile.pupil.allow", "www.illegal.example"),
            Map.of("refused.profile.pupil.allow", "covered by a locked list"),
            WHO,
            APPROVER,
            AT);
    assertEquals(2, rows.size());
    ChangeEntry initial = rows.get(0);
    assertEquals(ConfigChanges.INITIAL, initial.action());
    assertNull(initial.before());
    assertEquals(
        "lists.gambling = /srv/gambling.txt\n"
            + "profile.pupil.block = gambling\n"
            + "refused.profile.pupil.allow = www.illegal.example",
        initial.after());
    assertEquals(WHO, initial.actor());
    assertEquals(APPROVER, initial.approvedBy());
    assertEquals(AT, initial.at());
    assertEquals(ConfigChanges.REFUSED, rows.get(1).action());
    assertTrue(rows.get(1).reason().endsWith("refused: covered by a locked list"));
  }

  @Test
  void laterRunsRecordOneRowPerChangedItemInItemOrder() {
    Map<String, String> before =
        snapshot(
            "lists.gambling", "/a.txt",
            "locked.iwf", "/iwf.txt",
            "profile.pupil.block", "gambling, games",
            "profile.pupil.deny", "tiktok.com");
    Map<String, String> after =
        snapshot(
            "lists.gambling", "/a.txt",
            "profile.pupil.allow", "wikipedia.org",
            "profile.pupil.block", "gambling");
    List<ChangeEntry> rows =
        ConfigChanges.between(
            before, after, Map.of("locked.iwf", "still enforced"), WHO, APPROVER, AT);
    assertEquals(
        List.of(
            ConfigChanges.REFUSED,
            ConfigChanges.CHANGE,
            ConfigChanges.CHANGE,
            ConfigChanges.CHANGE),
        rows.stream().map(ChangeEntry::action).toList());
    assertEquals("locked.iwf = /iwf.txt", rows.get(0).before());
    assertNull(rows.get(0).after());
    assertEquals(ConfigChanges.REASON + "; refused: still enforced", rows.get(0).reason());
    assertNull(rows.get(1).before());
    assertEquals("profile.pupil.allow = wikipedia.org", rows.get(1).after());
    assertEquals("profile.pupil.block = gambling, games", rows.get(2).before());
    assertEquals("profile.pupil.block = gambling", rows.get(2).after());
    assertEquals(ConfigChanges.REASON, rows.get(2).reason());
    assertEquals("profile.pupil.deny = tiktok.com", rows.get(3).before());
    assertNull(rows.get(3).after());

    assertEquals(List.of(), ConfigChanges.between(after, after, Map.of(), WHO, APPROVER, AT));
  }
}
