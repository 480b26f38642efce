package org.classgate.tls;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.classgate.files.PrivateFile;
import org.tinylog.TaggedLogger;

/**
 * A server's TLS identity: an ECDSA P-256 key and a self-signed certificate, made on the first
 * start and kept in a PKCS#12 file in the data directory (a {@link PrivateFile}: atomic, 0600). The
 * file's password is a constant: it protects nothing that the file mode does not, and a secret
 * password would need a secret place of its own. A file others can read is refused. Immutable and
 * thread-safe once loaded.
 */
public final class TlsIdentity {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("tls");

  /** The only protocol version the box speaks: TLS 1.3 (RFC 8446). */
  public static final String PROTOCOL = "TLSv1.3";

  private static final String ALIAS = "classgate";
  private static final char[] FILE_PASSWORD = "classgate".toCharArray();

  private final PrivateKey key;
  private final X509Certificate certificate;

  private TlsIdentity(PrivateKey key, X509Certificate certificate) {
    this.key = key;
    this.certificate = certificate;
  }

  /**
   * The identity in {@code file}, making and storing a new one for {@code names} (DNS names or IP
   * literals; the first is the common name) if there is none. An existing identity is kept even if
   * {@code names} changed, so pins and browser exceptions made for it stay valid.
   *
   * @throws TlsException naming the file: unreadable, readable by others, or not an identity
   */
  public static TlsIdentity loadOrCreate(Path file, List<String> names, SecureRandom random)
      throws TlsException {
    try {
      return load(file);
    } catch (NoSuchFileException e) {
      TlsIdentity made = make(names, random);
      made.store(file);
      LOG.info("made a TLS certificate in {}: key {}", file, made.pin());
      return made;
    } catch (IOException e) {
      throw new TlsException("cannot read TLS identity " + file + ": " + e, e);
    }
  }

  /** A new identity, not stored (tests, and the first start before {@link #store}). */
  public static TlsIdentity make(List<String> names, SecureRandom random) throws TlsException {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), random);
      KeyPair keys = generator.generateKeyPair();
      return new TlsIdentity(keys.getPrivate(), SelfSignedCertificate.make(keys, names, random));
    } catch (GeneralSecurityException e) {
      throw new TlsException("cannot make a P-256 key: " + e.getMessage(), e);
    }
  }

  private static TlsIdentity load(Path file) throws IOException, TlsException {
    Optional<String> loose = PrivateFile.looseMode(file);
    if (loose.isPresent()) {
      throw new TlsException(
          "TLS identity "
              + file
              + " has mode "
              + loose.get()
              + "; it must be rw------- (0600). Its key may have been read by others: remove the"
              + " file to make a new one (browsers and the hub must then accept the new key)");
    }
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(new ByteArrayInputStream(Files.readAllBytes(file)), FILE_PASSWORD);
      if (!(store.getKey(ALIAS, FILE_PASSWORD) instanceof PrivateKey key)
          || !(store.getCertificate(ALIAS) instanceof X509Certificate certificate)) {
        throw new TlsException("TLS identity " + file + " holds no key and certificate");
      }
      return new TlsIdentity(key, certificate);
    } catch (GeneralSecurityException | IOException e) {
      throw new TlsException(
          "TLS identity "
              + file
              + " cannot be read ("
              + e.getMessage()
              + "): remove it to make a"
              + " new one",
          e);
    }
  }

  /** Writes the identity to {@code file} atomically, mode 0600. */
  public void store(Path file) throws TlsException {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(ALIAS, key, FILE_PASSWORD, new Certificate[] {certificate});
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      store.store(bytes, FILE_PASSWORD);
      PrivateFile.write(file, bytes.toByteArray());
    } catch (GeneralSecurityException | IOException e) {
      throw new TlsException("cannot write TLS identity " + file + ": " + e, e);
    }
  }

  public X509Certificate certificate() {
    return certificate;
  }

  /** The pin of this identity's key, as the other side configures it. */
  public CertificatePin pin() {
    return CertificatePin.of(certificate);
  }

  /** A TLS 1.3 server context presenting this identity. */
  public SSLContext serverContext() throws TlsException {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(ALIAS, key, FILE_PASSWORD, new Certificate[] {certificate});
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, FILE_PASSWORD);
      SSLContext context = SSLContext.getInstance(PROTOCOL);
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new TlsException("cannot make a TLS server context: " + e.getMessage(), e);
    }
  }
}
