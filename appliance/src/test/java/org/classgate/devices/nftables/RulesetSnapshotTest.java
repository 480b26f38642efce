package org.classgate.devices.nftables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Against {@code nft -j list ruleset} output captured from nft 1.0.6 (classroom.nft applied). */
class RulesetSnapshotTest {
  private static RulesetSnapshot captured() throws IOException {
    return RulesetSnapshot.parse(NftRulesetTest.resource("nft-list-ruleset.json"));
  }

  @Test
  void readsTablesChainsRulesAndElements() throws IOException {
    RulesetSnapshot snapshot = captured();
    assertTrue(snapshot.present());
    assertEquals(
        "filter hook forward priority 0 policy accept", snapshot.chains().get("inet forward"));
    assertEquals("", snapshot.chains().get("inet quarantined"));
    assertEquals(7, snapshot.rules().get("inet from_classroom").size());
    assertEquals(
        List.of("02:00:5e:00:0a:01 : goto full_access", "02:00:5e:00:0a:02 : goto internet_only"),
        snapshot.elements().get("inet access"));
    assertEquals(List.of("203.0.113.3", "45.90.28.0/24"), snapshot.elements().get("inet doh_v4"));
    assertEquals(List.of("02:00:5e:00:0a:01"), snapshot.elements().get("inet staff_console"));
  }

  @Test
  void theReadBackMatchesWhatTheRendererWrote() throws IOException {
    assertEquals(
        List.of(),
        RulesetDrift.againstRendered(
            captured(), NftRuleset.render(NftRulesetTest.inputs(false)).rulesPerChain()));
  }

  @Test
  void driftNamesAReplacedTableAChangedSetAndAnUnexpectedDevice() throws IOException {
    RulesetSnapshot baseline = captured();
    String edited =
        NftRulesetTest.resource("nft-list-ruleset.json")
            .replace(
                "\"name\": \"classgate\", \"handle\": 2}",
                "\"name\": \"classgate\", \"handle\": 99}")
            .replace("{\"prefix\": {\"addr\": \"45.90.28.0\", \"len\": 24}}", "\"1.2.3.4\"");
    RulesetSnapshot now = RulesetSnapshot.parse(edited);
    List<String> found =
        RulesetDrift.between(
            baseline,
            now,
            List.of("inet doh_v4"),
            Map.of("inet access", List.of("02:00:5e:00:0a:01 : goto full_access")));
    assertEquals(3, found.size(), found.toString());
    assertTrue(found.get(0).contains("replaced by something other than ClassGate"), found.get(0));
    assertTrue(
        found.get(1).startsWith("set inet doh_v4 differs: missing [45.90.28.0/24]"), found.get(1));
    assertTrue(
        found.get(2).contains("unexpected [02:00:5e:00:0a:02 : goto internet_only]"), found.get(2));
  }

  @Test
  void noTableMeansTheFirewallIsNotInForce() throws IOException {
    RulesetSnapshot empty =
        RulesetSnapshot.parse("{\"nftables\": [{\"metainfo\": {\"version\": \"1.0.6\"}}]}");
    assertFalse(empty.present());
    assertEquals(
        List.of("table inet classgate is missing: the firewall is not in force"),
        RulesetDrift.between(captured(), empty, List.of(), Map.of()));
  }

  @Test
  void garbageIsAnIoExceptionNotACrash() {
    assertThrows(IOException.class, () -> RulesetSnapshot.parse("not json"));
    assertThrows(IOException.class, () -> RulesetSnapshot.parse("{\"other\": 1}"));
  }
}
