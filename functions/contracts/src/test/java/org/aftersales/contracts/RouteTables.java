package org.aftersales.contracts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The three route lists that must be one: openapi.yaml's operations, template.yaml's HttpApi events
 * (route → function logical id) and the handlers' routing tables (function logical id → its
 * handler's route keys). {@link #problems()} gives one line per disagreement (empty = the same set
 * everywhere, and each function serves exactly the routes the template sends it). Pure: no I/O.
 */
record RouteTables(
    Set<String> openApi, Map<String, String> template, Map<String, Set<String>> handlers) {

  List<String> problems() {
    List<String> problems = new ArrayList<>();
    Set<String> handled = new TreeSet<>();
    handlers.values().forEach(handled::addAll);
    Set<String> all = new TreeSet<>(openApi);
    all.addAll(template.keySet());
    all.addAll(handled);
    for (String route : all) {
      List<String> missing = new ArrayList<>();
      if (!openApi.contains(route)) {
        missing.add("openapi.yaml");
      }
      if (!template.containsKey(route)) {
        missing.add("template.yaml");
      }
      if (!handled.contains(route)) {
        missing.add("any handler's routes");
      }
      if (!missing.isEmpty()) {
        problems.add(route + ": missing from " + String.join(", ", missing));
      }
    }
    handlers.forEach(
        (function, routes) -> {
          Set<String> sent = new TreeSet<>();
          template.forEach(
              (route, target) -> {
                if (target.equals(function)) {
                  sent.add(route);
                }
              });
          Set<String> notServed = new TreeSet<>(sent);
          notServed.removeAll(routes);
          Set<String> notSent = new TreeSet<>(routes);
          notSent.removeAll(sent);
          notServed.forEach(
              route ->
                  problems.add(
                      function
                          + ": template sends "
                          + route
                          + " but its handler has no such route"));
          notSent.forEach(
              route ->
                  problems.add(
                      function
                          + ": its handler serves "
                          + route
                          + " but the template sends it elsewhere or nowhere"));
        });
    template.forEach(
        (route, function) -> {
          if (!handlers.containsKey(function)) {
            problems.add(function + ": receives " + route + " but has no handler routing table");
          }
        });
    return problems;
  }
}
