package org.classgate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.classgate.app.config.ApplianceConfig;

/** Runs {@code classgate policy …} in-process against a configuration and returns its output. */
final class PolicyRun {
  private PolicyRun() {}

  static String policy(ApplianceConfig config, int expectedStatus, String... args)
      throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int status =
        new PolicyCommand(
                config, Clock.systemUTC(), new PrintStream(bytes, true, StandardCharsets.UTF_8))
            .run(List.of(args));
    String output = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(expectedStatus, status, output);
    return output;
  }
}
