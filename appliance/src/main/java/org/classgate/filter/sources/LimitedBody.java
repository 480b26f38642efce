package org.classgate.filter.sources;

import java.io.IOException;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.LongSupplier;

/**
 * Writes a response body to a file while hashing it, and stops at a size limit: the moment more
 * than {@code maxBytes} have arrived the subscription is cancelled (closing the connection) and the
 * body fails with {@link TooLarge}. Records when data last arrived, so the caller can abandon a
 * stalled body ({@link #abort}).
 *
 * <p>Called by the HTTP client's threads; the progress fields are volatile for the waiting caller.
 */
final class LimitedBody implements BodySubscriber<Path> {
  private final Path file;
  private final long maxBytes;
  private final LongSupplier nanoTime;
  private final CompletableFuture<Path> result = new CompletableFuture<>();
  private final MessageDigest sha256;
  private FileChannel channel;
  private Flow.Subscription subscription;
  private volatile long received;
  private volatile long lastProgressNanos;

  /** The body passed the size limit. */
  static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge(long limit) {
      super("the download is larger than the limit of " + limit + " bytes");
    }
  }

  LimitedBody(Path file, long maxBytes, LongSupplier nanoTime) {
    this.file = file;
    this.maxBytes = maxBytes;
    this.nanoTime = nanoTime;
    this.lastProgressNanos = nanoTime.getAsLong();
    try {
      this.sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    try {
      channel =
          FileChannel.open(
              file,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE);
    } catch (IOException e) {
      fail(e);
      return;
    }
    subscription.request(1);
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    if (result.isDone()) {
      return;
    }
    lastProgressNanos = nanoTime.getAsLong();
    try {
      for (ByteBuffer buffer : buffers) {
        long total = received + buffer.remaining();
        if (total > maxBytes) {
          fail(new TooLarge(maxBytes));
          return;
        }
        received = total;
        sha256.update(buffer.duplicate());
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
      }
    } catch (IOException e) {
      fail(e);
      return;
    }
    subscription.request(1);
  }

  @Override
  public void onError(Throwable error) {
    closeChannel();
    result.completeExceptionally(error);
  }

  @Override
  public void onComplete() {
    try {
      channel.force(false);
      channel.close();
      result.complete(file);
    } catch (IOException e) {
      result.completeExceptionally(e);
    }
  }

  @Override
  public CompletionStage<Path> getBody() {
    return result;
  }

  /** Gives up on the body: cancels the subscription and fails it with {@code cause}. */
  void abort(IOException cause) {
    fail(cause);
  }

  private void fail(IOException cause) {
    if (subscription != null) {
      subscription.cancel();
    }
    closeChannel();
    result.completeExceptionally(cause);
  }

  private void closeChannel() {
    try {
      if (channel != null) {
        channel.close();
      }
    } catch (IOException e) {
      // Nothing to keep: the partial file is discarded by the caller.
    }
  }

  long received() {
    return received;
  }

  long lastProgressNanos() {
    return lastProgressNanos;
  }

  /** The SHA-256 of everything received; call once, after the body completed. */
  byte[] sha256() {
    return sha256.digest();
  }
}
