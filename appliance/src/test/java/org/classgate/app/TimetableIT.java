package org.classgate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.classgate.app.config.ApplianceConfig;
import org.classgate.app.config.LinuxHostFacts;
import org.classgate.testing.Dig;
import org.classgate.testing.DigResult;
import org.classgate.testing.FreePorts;
import org.classgate.testing.UnboundUpstream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A profile whose blocked categories change with the timetable, on a clock the test steps. */
class TimetableIT {
  /** Monday 23 November 2026, 11:59:59 in London (GMT): the last second of a lesson. */
  private static final Instant LESSON_END_MINUS_1S = Instant.parse("2026-11-23T11:59:59Z");

  @TempDir Path dir;

  @Test
  void gamesAreBlockedInLessonsAndAllowedAtLunch() throws Exception {
    assumeTrue(UnboundUpstream.isInstalled() && Dig.isInstalled(), "needs unbound and dig");
    Path games = dir.resolve("games.txt");
    Files.writeString(games, "game.allowed.test\n");
    AtomicReference<Instant> now = new AtomicReference<>(LESSON_END_MINUS_1S);
    AtomicLong skewNanos = new AtomicLong();
    Clock clock =
        new Clock() {
          @Override
          public ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
          }

          @Override
          public Instant instant() {
            return now.get();
          }
        };
    try (UnboundUpstream upstream = UnboundUpstream.startDefault()) {
      int port = FreePorts.udpAndTcp();
      ApplianceConfig config =
          ApplianceConfig.from(
              Map.of(
                  "data.dir", dir.resolve("data").toString(),
                  "dns.listen", "127.0.0.1:" + port,
                  "dns.upstream", upstream.address(),
                  "dns.allowed-clients", "127.0.0.0/8",
                  "lists.games", games.toString(),
                  "timetable.zone", "Europe/London",
                  "timetable.lessons", "Mon-Fri 08:45-12:00, Mon-Fri 13:00-15:15",
                  "timetable.lunch", "Mon-Fri 12:00-13:00",
                  "profile.pupil.block", "games",
                  "profile.pupil.block.lunch", ""),
              new LinuxHostFacts(dir.resolve("none")));
      try (Appliance appliance =
          Appliance.start(config, clock, () -> System.nanoTime() + skewNanos.get())) {
        DigResult lesson = Dig.at(port).query("www.game.allowed.test");
        assertEquals(List.of("0.0.0.0"), lesson.answerData("A"), lesson::raw);

        now.set(LESSON_END_MINUS_1S.plusSeconds(1));
        skewNanos.addAndGet(Duration.ofSeconds(1).toNanos());
        DigResult lunch = Dig.at(port).query("www.game.allowed.test");
        assertEquals(List.of(UnboundUpstream.ALLOWED_ADDRESS), lunch.answerData("A"), lunch::raw);

        now.set(LESSON_END_MINUS_1S.plus(Duration.ofHours(1)).plusSeconds(1));
        skewNanos.addAndGet(Duration.ofHours(1).toNanos());
        DigResult afternoon = Dig.at(port).query("game.allowed.test");
        assertTrue(afternoon.answerData("A").contains("0.0.0.0"), afternoon::raw);
      }
    }
  }
}
