/**
 * Domain filtering: category lists, the domain set they build, and the policy that matches queries
 * against it.
 *
 * <p><b>Loading a list</b> ({@link org.classgate.filter.ListLoader}) is on the start-up path, and a
 * box may load a million names on one core before it can answer, so the common case is kept to one
 * pass over the file's bytes:
 *
 * <ol>
 *   <li>{@code BoundedLineReader} reads the file in 64 KiB blocks and never decodes an ASCII line:
 *       its bytes are its characters. Only a line with a byte ≥ 0x80 is decoded, with the same
 *       replacing UTF-8 decoder {@code InputStreamReader} uses, so nothing changes for it.
 *   <li>For a line that is just a name followed by its line end (nearly every line of a real list),
 *       {@code ListLineParser.simpleLine} finds the end, checks the name and writes its lower-case
 *       wire form in the same pass ({@code AsciiNameEncoder}), straight from the read buffer. Every
 *       other line goes through the general rules ({@code parseAscii} for ASCII, {@code parse} for
 *       decoded text), which define the meaning: the fast path only ever decides lines whose answer
 *       it knows to be the same, as the differential tests check.
 *   <li>{@link org.classgate.filter.DomainSet.Builder} keeps fingerprints in fixed chunks (no
 *       copying as it grows) and masks as runs; {@code DomainTableAssembler} then fills the table
 *       and its one-byte mask codes in one pass.
 * </ol>
 *
 * <p>Measured with {@code scripts/bench/bench-list-load} (a cold JVM pinned to one core): most of
 * what remains is the JIT compiling the hot loop, not the loop itself.
 */
package org.classgate.filter;
