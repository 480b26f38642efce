package org.classgate.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzz targets for the two untrusted inputs of the devices capability: {@code device-event}
 * arguments (from the control socket and devices' own DHCP host names) and pre-registration CSV
 * files. Either input is accepted or refused with a printable reason; nothing else may happen. In a
 * normal build this replays the seeds; {@code JAZZER_FUZZ=1} fuzzes.
 */
class DeviceEventParserFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void eventsAreParsedOrRefusedNeverCrash(FuzzedDataProvider data) {
    List<String> args = new ArrayList<>();
    int count = data.consumeInt(0, 6);
    for (int i = 0; i < count; i++) {
      args.add(data.consumeString(64));
    }
    try {
      DeviceEvent event = DeviceEventParser.parse(args);
      // Whatever is accepted reads back to the same event.
      List<String> again = new ArrayList<>(List.of(event.toString().split(" ")));
      assertEquals(event, DeviceEventParser.parse(again));
    } catch (DeviceEventRejected e) {
      for (char c : e.getMessage().toCharArray()) {
        assertTrue(c >= 0x20 && c < 0x7f, e::getMessage);
      }
    }
  }

  @FuzzTest(maxDuration = "30s")
  void csvIsReadOrRefusedNeverCrash(FuzzedDataProvider data) {
    byte[] bytes = data.consumeRemainingAsBytes();
    DeviceCsv.Result result = DeviceCsv.read(bytes);
    assertTrue(result.rows().isEmpty() || result.problems().isEmpty());
    for (String problem : result.problems()) {
      assertTrue(problem.startsWith("line ") || problem.startsWith("the file"), problem);
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    for (DeviceImport row : result.rows()) {
      assertTrue(row.line() >= 2);
      if (row.name() != null) {
        assertTrue(text.contains(row.name()) || row.name().contains("\""), row.name());
      }
    }
  }
}
