package org.aftersales.shared.aws;

import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Whether a failure is a dependency's, not a bug: an AWS SDK call that failed on the client side
 * (no connection, attempt or call timeout, the retry budget of {@link AwsClients} spent) or that
 * the service answered with a 5xx or throttling, anywhere in the cause chain. A write that failed
 * so may still have been applied (a timeout after the server committed it).
 */
public final class DependencyFailures {

  private DependencyFailures() {}

  public static boolean isDependencyFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SdkClientException) {
        return true;
      }
      if (t instanceof SdkServiceException service
          && (service.statusCode() >= 500 || service.isThrottlingException())) {
        return true;
      }
    }
    return false;
  }

  /**
   * A dependency failure that says the service is slow or busy rather than gone: a call or attempt
   * timeout, or throttling (what a burst of writers on one item causes); not a refused connection
   * or an unknown host.
   */
  public static boolean isSlowness(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ApiCallTimeoutException || t instanceof ApiCallAttemptTimeoutException) {
        return true;
      }
      if (t instanceof SdkServiceException service && service.isThrottlingException()) {
        return true;
      }
    }
    return false;
  }
}
