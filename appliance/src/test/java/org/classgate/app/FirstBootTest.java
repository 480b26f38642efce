package org.classgate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import org.classgate.sync.crypto.KeyFile;
import org.classgate.sync.crypto.KeyFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirstBootTest {
  @TempDir Path data;

  @Test
  void makesKeysOwnerOnlyAndASheetWithTheEnrolmentCode() throws Exception {
    FirstBoot.Identity identity = FirstBoot.prepare(data, new SecureRandom());
    Path keys = data.resolve(KeyFile.FILE_NAME);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys)));
    Path sheet = data.resolve(FirstBoot.ENROLMENT_FILE);
    assertEquals(sheet, identity.enrolmentSheet());
    assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(sheet)));
    String text = Files.readString(sheet, StandardCharsets.UTF_8);
    assertTrue(text.contains("enrolment code:  " + identity.keys().enrolmentCode()), text);
    assertTrue(text.contains("box id:          " + identity.keys().id()), text);
    assertTrue(
        identity
            .keys()
            .enrolmentCode()
            .matches("[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}"));
  }

  @Test
  void runningAgainKeepsTheKeysAndLeavesTheSheetAlone() throws Exception {
    FirstBoot.Identity first = FirstBoot.prepare(data, new SecureRandom());
    Path sheet = data.resolve(FirstBoot.ENROLMENT_FILE);
    FileTime written = FileTime.fromMillis(1_000_000L);
    Files.setLastModifiedTime(sheet, written);

    FirstBoot.Identity again = FirstBoot.prepare(data, new SecureRandom());
    assertEquals(first.keys(), again.keys());
    assertEquals(written, Files.getLastModifiedTime(sheet), "an unchanged sheet is not rewritten");

    Files.writeString(sheet, "edited by hand\n");
    FirstBoot.prepare(data, new SecureRandom());
    assertEquals(first.sheet(), Files.readString(sheet), "a damaged sheet is written again");
  }

  @Test
  void aKeyFileOthersCanReadIsRefusedAndAtStartIsAProblemNotAFailure() throws Exception {
    FirstBoot.prepare(data, new SecureRandom());
    Path keys = data.resolve(KeyFile.FILE_NAME);
    Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-r--r--"));
    assertThrows(KeyFileException.class, () -> FirstBoot.prepare(data, new SecureRandom()));
    List<String> problems = FirstBoot.atStart(data, new SecureRandom());
    assertEquals(1, problems.size());
    assertTrue(problems.get(0).contains("rw-------"), problems.get(0));
  }
}
