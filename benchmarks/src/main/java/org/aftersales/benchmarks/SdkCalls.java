package org.aftersales.benchmarks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.aftersales.shared.aws.AwsClients;
import org.aftersales.shared.testing.LocalAws;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Watches every call of one benchmark's DynamoDB client (an {@link ExecutionInterceptor} added only
 * to the client the benchmark builds, never to the functions' own): per operation the requests,
 * failures, items and, when asked for, the consumed capacity units DynamoDB reports in each
 * response ({@code ReturnConsumedCapacity.TOTAL} set on every request); and, since the last {@link
 * #resetTimes()}, the calls made, the time inside them ({@code beforeExecution} → {@code
 * afterExecution}: marshalling, signing, the HTTP exchange, unmarshalling) and the part of it on
 * the wire ({@code beforeTransmission} → {@code afterTransmission}: request sent, response received
 * from the server). Single-threaded benchmarks; synchronized all the same.
 */
final class SdkCalls implements ExecutionInterceptor {

  private static final ExecutionAttribute<Long> CALL_START =
      new ExecutionAttribute<>("bench.callStart");
  private static final ExecutionAttribute<Long> SEND_START =
      new ExecutionAttribute<>("bench.sendStart");

  /** What one operation cost since the last {@link #takeOperations()}. */
  static final class Operation {
    int requests;
    int failures;
    int responsesWithCapacity;
    double capacityUnits;

    /** Items returned (GetItem found, Query/Scan {@code Count}) or written (Put, Update, batch). */
    long items;

    /** Query/Scan {@code ScannedCount}: items the server read before any filter. */
    long scanned;
  }

  private final boolean askCapacity;
  private final Map<String, Operation> operations = new TreeMap<>();
  private int calls;
  private long callNanos;
  private long wireNanos;

  private SdkCalls(boolean askCapacity) {
    this.askCapacity = askCapacity;
  }

  /** Counts and times calls; requests are sent unchanged. */
  static SdkCalls timing() {
    return new SdkCalls(false);
  }

  /** Also asks for {@code ReturnConsumedCapacity.TOTAL} on every request and sums it. */
  static SdkCalls withConsumedCapacity() {
    return new SdkCalls(true);
  }

  /**
   * A DynamoDB client for the local server built as the functions' own ({@link
   * AwsClients#configure}: HTTP client, timeouts, fail-fast budget; account-id endpoints off), with
   * this interceptor added to its override configuration.
   */
  DynamoDbClient client(LocalAws aws) {
    return org.aftersales.shared.testing.CountedCalls.clientWith(aws, this);
  }

  @Override
  public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
    if (!askCapacity) {
      return context.request();
    }
    ReturnConsumedCapacity total = ReturnConsumedCapacity.TOTAL;
    return switch (context.request()) {
      case GetItemRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
      case PutItemRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
      case UpdateItemRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
      case DeleteItemRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
      case QueryRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
      case ScanRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
      case BatchGetItemRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
      case BatchWriteItemRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
      default -> context.request();
    };
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    attributes.putAttribute(CALL_START, System.nanoTime());
  }

  @Override
  public void beforeTransmission(
      Context.BeforeTransmission context, ExecutionAttributes attributes) {
    attributes.putAttribute(SEND_START, System.nanoTime());
  }

  @Override
  public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
    long sent = attributes.getAttribute(SEND_START);
    synchronized (this) {
      wireNanos += System.nanoTime() - sent;
    }
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    long elapsed = System.nanoTime() - attributes.getAttribute(CALL_START);
    SdkResponse response = context.response();
    synchronized (this) {
      calls++;
      callNanos += elapsed;
      Operation op = operation(attributes);
      op.requests++;
      List<ConsumedCapacity> capacity = capacity(response);
      if (!capacity.isEmpty()) {
        op.responsesWithCapacity++;
      }
      for (ConsumedCapacity c : capacity) {
        op.capacityUnits += c.capacityUnits() == null ? 0 : c.capacityUnits();
      }
      switch (response) {
        case GetItemResponse r -> op.items += r.hasItem() && !r.item().isEmpty() ? 1 : 0;
        case QueryResponse r -> {
          op.items += r.count();
          op.scanned += r.scannedCount();
        }
        case ScanResponse r -> {
          op.items += r.count();
          op.scanned += r.scannedCount();
        }
        case BatchWriteItemResponse r ->
            op.items +=
                written((BatchWriteItemRequest) context.request())
                    - (r.hasUnprocessedItems() ? unprocessed(r) : 0);
        case BatchGetItemResponse r ->
            op.items += r.responses().values().stream().mapToLong(List::size).sum();
        default -> op.items++;
      }
    }
  }

  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    Long started = attributes.getAttribute(CALL_START);
    synchronized (this) {
      calls++;
      if (started != null) {
        callNanos += System.nanoTime() - started;
      }
      Operation op = operation(attributes);
      op.requests++;
      op.failures++;
    }
  }

  private Operation operation(ExecutionAttributes attributes) {
    return operations.computeIfAbsent(
        attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), name -> new Operation());
  }

  private static List<ConsumedCapacity> capacity(SdkResponse response) {
    return switch (response) {
      case GetItemResponse r -> one(r.consumedCapacity());
      case PutItemResponse r -> one(r.consumedCapacity());
      case UpdateItemResponse r -> one(r.consumedCapacity());
      case DeleteItemResponse r -> one(r.consumedCapacity());
      case QueryResponse r -> one(r.consumedCapacity());
      case ScanResponse r -> one(r.consumedCapacity());
      case BatchGetItemResponse r -> r.hasConsumedCapacity() ? r.consumedCapacity() : List.of();
      case BatchWriteItemResponse r -> r.hasConsumedCapacity() ? r.consumedCapacity() : List.of();
      default -> List.of();
    };
  }

  private static List<ConsumedCapacity> one(ConsumedCapacity capacity) {
    return capacity == null ? List.of() : List.of(capacity);
  }

  private static long written(BatchWriteItemRequest request) {
    return request.requestItems().values().stream().mapToLong(List::size).sum();
  }

  private static long unprocessed(BatchWriteItemResponse response) {
    return response.unprocessedItems().values().stream().mapToLong(List::size).sum();
  }

  /** The calls of one measured step: how many, nanoseconds inside them, of which on the wire. */
  record Times(int calls, long callNanos, long wireNanos) {}

  /** The calls since the last reset, then reset. */
  synchronized Times takeTimes() {
    Times times = new Times(calls, callNanos, wireNanos);
    resetTimes();
    return times;
  }

  synchronized void resetTimes() {
    calls = 0;
    callNanos = 0;
    wireNanos = 0;
  }

  /** Per operation since the last reset (a copy), then reset. */
  synchronized Map<String, Operation> takeOperations() {
    Map<String, Operation> copy = new LinkedHashMap<>(operations);
    operations.clear();
    return copy;
  }
}
