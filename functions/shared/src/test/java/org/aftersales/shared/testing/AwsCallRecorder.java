package org.aftersales.shared.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.aftersales.localaws.CloudFormationYaml;
import org.aftersales.localaws.ProjectRoot;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * Records, per function of {@code template.yaml}, the IAM permissions its handler's AWS SDK calls
 * need, so {@code TemplatePoliciesIT} (module contracts) can hold each function's policy to exactly
 * what its code uses (least privilege, docs/design.md "IAM policies").
 *
 * <p><b>How.</b> An SDK {@link ExecutionInterceptor} registered for every client (and S3 presigner)
 * built in a test JVM through the SDK's classpath file {@code
 * software/amazon/awssdk/global/handlers/execution.interceptors} of this test-jar: the production
 * client wiring stays as it is. It records only the calls made on a thread while {@link
 * #handling(Object)} has a handler open — {@link LambdaRun} opens it around every handler run — so
 * the calls a test makes to arrange or check data are not counted. The handler class is mapped to
 * its function's logical id through the template's {@code Handler}.
 *
 * <p><b>What.</b> One line {@code action resource} per permission: {@code dynamodb:Query
 * AfterSalesTable/index/ByOrder}, {@code s3:GetObject EvidenceBucket/accepted/*}. Resources are the
 * template's logical ids (the local table and bucket are those of {@link LocalAws}); an index query
 * or scan is the index resource; an S3 object is its bucket and first key segment. SDK operations
 * are translated to the actions IAM checks: HeadObject needs {@code s3:GetObject}, CopyObject
 * {@code s3:GetObject} on the source and {@code s3:PutObject} on the copy, TransactWriteItems the
 * item actions it carries. A presigned URL is recorded too (the SDK's presigner runs the same
 * interceptors, and the URL's use needs the action of its operation).
 *
 * <p><b>Where.</b> {@code <aftersales.awsCalls>/<FunctionId>.txt}: the build points {@code
 * aftersales.awsCalls} at the module's {@code target/aws-calls}, and empties it before the module's
 * tests run, so a file holds what the tests of this build saw (the unit and the integration test
 * JVMs of the module add to it). A file is written as soon as its function's handler runs, even
 * with no call: an empty file means "ran, called nothing".
 */
public final class AwsCallRecorder implements ExecutionInterceptor {

  /** The system property naming the directory of the recordings. */
  public static final String DIRECTORY_PROPERTY = "aftersales.awsCalls";

  private static final ThreadLocal<String> FUNCTION = new ThreadLocal<>();
  private static final Object LOCK = new Object();
  private static final Map<String, Set<String>> RECORDED = new HashMap<>();

  private static final Map<String, String> LOGICAL_IDS =
      Map.of(LocalAws.TABLE_NAME, "AfterSalesTable", LocalAws.BUCKET_NAME, "EvidenceBucket");

  /** An open recording scope: closing it ends the handler's run on this thread. */
  public interface Scope extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Attributes the SDK calls made on this thread to the function whose handler is {@code handler}'s
   * class, until the scope is closed. A class that is no function's handler (a test's toy handler)
   * records nothing.
   */
  public static Scope handling(Object handler) {
    String function = Functions.BY_HANDLER_CLASS.get(handler.getClass().getName());
    String outer = FUNCTION.get();
    if (function != null) {
      FUNCTION.set(function);
      record(function, List.of());
    }
    return () -> {
      if (outer == null) {
        FUNCTION.remove();
      } else {
        FUNCTION.set(outer);
      }
    };
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    String function = FUNCTION.get();
    if (function == null) {
      return;
    }
    record(
        function,
        permissions(
            attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
            attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
            context.request()));
  }

  /**
   * The resource of an SES call, as {@code PolicyGrants} writes the identity ARN of the template.
   */
  static final String SES_IDENTITY = "identity/${EmailIdentity}";

  /** The {@code action resource} lines one SDK call needs. */
  static List<String> permissions(String service, String operation, SdkRequest request) {
    // The clients name their service "DynamoDb" and "S3"; the S3 presigner, "s3".
    String prefix = service.toLowerCase(Locale.ROOT);
    return switch (prefix) {
      case "dynamodb" -> dynamoDb(operation, request);
      case "s3" -> s3(operation, request);
      // SES v2 checks its ses: actions on the identity the email is sent from: the one identity
      // template parameter EmailIdentity names (EmailFunction, MSG-3).
      case "sesv2" -> List.of(line("ses:" + operation, SES_IDENTITY));
      // EventBridge checks events: actions on the bus: the stack's one bus, EventBus (MSG-2).
      case "eventbridge" -> List.of(line("events:" + operation, "EventBus"));
      default -> List.of(prefix + ":" + operation + " *");
    };
  }

  private static List<String> dynamoDb(String operation, SdkRequest request) {
    return switch (request) {
      case TransactWriteItemsRequest transact ->
          transact.transactItems().stream()
              .map(
                  item -> {
                    if (item.put() != null) {
                      return line("dynamodb:PutItem", table(item.put().tableName()));
                    } else if (item.update() != null) {
                      return line("dynamodb:UpdateItem", table(item.update().tableName()));
                    } else if (item.delete() != null) {
                      return line("dynamodb:DeleteItem", table(item.delete().tableName()));
                    }
                    return line(
                        "dynamodb:ConditionCheckItem", table(item.conditionCheck().tableName()));
                  })
              .toList();
      case TransactGetItemsRequest transact ->
          transact.transactItems().stream()
              .map(item -> line("dynamodb:GetItem", table(item.get().tableName())))
              .toList();
      case BatchWriteItemRequest batch -> tables("dynamodb:BatchWriteItem", batch.requestItems());
      case BatchGetItemRequest batch -> tables("dynamodb:BatchGetItem", batch.requestItems());
      default -> {
        String resource = table(field(request, "TableName").orElse("?"));
        Optional<String> index = field(request, "IndexName");
        yield List.of(
            line(
                "dynamodb:" + operation,
                index.map(name -> resource + "/index/" + name).orElse(resource)));
      }
    };
  }

  private static List<String> s3(String operation, SdkRequest request) {
    return switch (operation) {
      case "PutObject", "CreateMultipartUpload", "UploadPart", "CompleteMultipartUpload" ->
          List.of(line("s3:PutObject", object(request, "Bucket", "Key")));
      case "GetObject", "HeadObject" ->
          List.of(line("s3:GetObject", object(request, "Bucket", "Key")));
      case "DeleteObject" -> List.of(line("s3:DeleteObject", object(request, "Bucket", "Key")));
      case "CopyObject" ->
          List.of(
              line("s3:GetObject", copySource(request)),
              line("s3:PutObject", object(request, "DestinationBucket", "DestinationKey")));
      case "ListObjects", "ListObjectsV2", "HeadBucket" ->
          List.of(line("s3:ListBucket", bucket(field(request, "Bucket").orElse("?"))));
      default -> List.of(line("s3:" + operation, object(request, "Bucket", "Key")));
    };
  }

  private static String line(String action, String resource) {
    return action + " " + resource;
  }

  private static List<String> tables(String action, Map<String, ?> requestItems) {
    return requestItems.keySet().stream().map(name -> line(action, table(name))).toList();
  }

  private static String table(String name) {
    return LOGICAL_IDS.getOrDefault(name, "table:" + name);
  }

  private static String bucket(String name) {
    return LOGICAL_IDS.getOrDefault(name, "bucket:" + name);
  }

  /** The bucket and the key's first segment: {@code EvidenceBucket/claims/*}. */
  private static String object(SdkRequest request, String bucketField, String keyField) {
    String bucket = field(request, bucketField).orElse("?");
    return field(request, keyField).map(key -> objectIn(bucket, key)).orElse(bucket(bucket));
  }

  private static String objectIn(String bucket, String key) {
    int slash = key.indexOf('/');
    return bucket(bucket) + "/" + (slash < 0 ? key : key.substring(0, slash) + "/*");
  }

  /** The source of a copy: its bucket and key, or the {@code bucket/key} of {@code CopySource}. */
  private static String copySource(SdkRequest request) {
    if (field(request, "SourceBucket").isPresent()) {
      return object(request, "SourceBucket", "SourceKey");
    }
    String source =
        URLDecoder.decode(field(request, "CopySource").orElse("?").split("\\?", 2)[0], UTF_8);
    int slash = source.indexOf('/');
    return slash < 0
        ? bucket(source)
        : objectIn(source.substring(0, slash), source.substring(slash + 1));
  }

  private static Optional<String> field(SdkRequest request, String name) {
    return request.getValueForField(name, String.class);
  }

  // ---------------------------------------------------------------- the recordings

  private static void record(String function, Collection<String> lines) {
    synchronized (LOCK) {
      Set<String> seen = RECORDED.get(function);
      boolean first = seen == null;
      if (first) {
        seen = new TreeSet<>(previousRecording(function));
        RECORDED.put(function, seen);
      }
      if (seen.addAll(lines) || first) {
        write(function, seen);
      }
    }
  }

  /** The directory of the recordings: the build's {@code target/aws-calls} of the module. */
  public static Path directory() {
    return Path.of(System.getProperty(DIRECTORY_PROPERTY, "target/aws-calls"));
  }

  /** What an earlier test JVM of this module's build recorded (the unit tests before the ITs). */
  private static List<String> previousRecording(String function) {
    Path file = directory().resolve(function + ".txt");
    try {
      return Files.exists(file) ? Files.readAllLines(file, UTF_8) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(String function, Set<String> lines) {
    try {
      Path directory = Files.createDirectories(directory());
      Path temporary = Files.createTempFile(directory, function, ".tmp");
      Files.write(temporary, lines, UTF_8);
      Files.move(
          temporary,
          directory.resolve(function + ".txt"),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record the AWS calls of " + function, e);
    }
  }

  /** Handler class → logical id, from template.yaml. */
  private static final class Functions {
    static final Map<String, String> BY_HANDLER_CLASS = read();

    private static Map<String, String> read() {
      JsonNode template = CloudFormationYaml.read(ProjectRoot.find().resolve("template.yaml"));
      String globalHandler = template.path("Globals").path("Function").path("Handler").asText("");
      Map<String, String> byClass = new HashMap<>();
      template
          .path("Resources")
          .properties()
          .forEach(
              resource -> {
                JsonNode function = resource.getValue();
                if (function.path("Type").asText().equals("AWS::Serverless::Function")) {
                  String handler =
                      function.path("Properties").path("Handler").asText(globalHandler);
                  byClass.put(handler.split("::", 2)[0], resource.getKey());
                }
              });
      return Map.copyOf(byClass);
    }
  }
}
