package org.aftersales.shared.observability;

/**
 * The function's environment names for logs and metrics (template.yaml Globals, docs/design.md).
 */
final class Environment {

  private Environment() {}

  static String serviceName() {
    String service = System.getenv("SERVICE_NAME");
    if (service == null || service.isBlank()) {
      service = System.getenv("POWERTOOLS_SERVICE_NAME");
    }
    return service == null || service.isBlank() ? "aftersales" : service;
  }

  static String metricsNamespace() {
    String namespace = System.getenv("METRICS_NAMESPACE");
    return namespace == null || namespace.isBlank() ? "AfterSales" : namespace;
  }
}
