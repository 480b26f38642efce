package org.classgate.tls;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A TLS client that trusts exactly one server key, the pinned one, and nothing else: no certificate
 * authority, no system trust store. The handshake still proves the server holds the private key
 * (TLS 1.3 CertificateVerify), so a man in the middle without it fails.
 *
 * <p>The host name is not checked: it is an {@link X509ExtendedTrustManager}, which JSSE calls
 * instead of running its own endpoint identification, and the pin says more than a name would (a
 * school hub is reached by whatever address the school's network gives it).
 */
public final class PinnedTrust extends X509ExtendedTrustManager {
  private final CertificatePin pin;

  public PinnedTrust(CertificatePin pin) {
    this.pin = pin;
  }

  /** A TLS 1.3 client context that trusts only {@code pin}. */
  public static SSLContext clientContext(CertificatePin pin) throws TlsException {
    try {
      SSLContext context = SSLContext.getInstance(TlsIdentity.PROTOCOL);
      context.init(null, new TrustManager[] {new PinnedTrust(pin)}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new TlsException("cannot make a TLS client context: " + e.getMessage(), e);
    }
  }

  /** Client parameters that offer TLS 1.3 only. */
  public static SSLParameters clientParameters() {
    SSLParameters parameters = new SSLParameters();
    parameters.setProtocols(new String[] {TlsIdentity.PROTOCOL});
    return parameters;
  }

  private void check(X509Certificate[] chain) throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new CertificateException("the server sent no certificate");
    }
    if (!pin.matches(chain[0])) {
      throw new CertificateException(
          "the server's key "
              + CertificatePin.of(chain[0])
              + " is not the pinned key "
              + pin
              + ": refusing to talk to it");
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("this trust manager only checks servers");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    throw new CertificateException("this trust manager only checks servers");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    throw new CertificateException("this trust manager only checks servers");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
