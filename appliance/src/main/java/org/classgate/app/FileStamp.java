package org.classgate.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A file's modification time and size, to tell whether a list file changed since it was read. A
 * file that cannot be read has the stamp {@link #MISSING}. Immutable.
 */
record FileStamp(long modifiedMillis, long size) {
  static final FileStamp MISSING = new FileStamp(-1, -1);

  static FileStamp of(Path file) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      return new FileStamp(attributes.lastModifiedTime().toMillis(), attributes.size());
    } catch (IOException e) {
      return MISSING;
    }
  }
}
