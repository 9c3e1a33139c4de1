package org.aftersales.shared.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** Which failures are a dependency's, and which of those say it is slow rather than gone. */
class DependencyFailuresTest {

  @Test
  void a_timeout_is_a_slow_dependency() {
    var timeout = new IllegalStateException(ApiCallTimeoutException.create(2_800));

    assertThat(DependencyFailures.isDependencyFailure(timeout)).isTrue();
    assertThat(DependencyFailures.isSlowness(timeout)).isTrue();
    assertThat(DependencyFailures.isSlowness(ApiCallAttemptTimeoutException.create(2_000)))
        .isTrue();
  }

  @Test
  void a_refused_connection_is_a_dependency_gone_not_a_slow_one() {
    var refused =
        SdkClientException.builder().cause(new ConnectException("Connection refused")).build();

    assertThat(DependencyFailures.isDependencyFailure(refused)).isTrue();
    assertThat(DependencyFailures.isSlowness(refused)).isFalse();
  }

  @Test
  void a_lost_condition_or_a_bug_is_neither() {
    var lost = ConditionalCheckFailedException.builder().statusCode(400).build();

    assertThat(DependencyFailures.isDependencyFailure(lost)).isFalse();
    assertThat(DependencyFailures.isSlowness(lost)).isFalse();
    assertThat(DependencyFailures.isDependencyFailure(new IllegalStateException())).isFalse();
  }
}
